import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { PROJECT_ROOT } from '../../server/config.js';
import { listScenarioFiles, loadLibrary } from '../../server/scenario/library.js';
import { formatProblem } from '../../server/scenario/problems.js';

const SCENARIOS = resolve(PROJECT_ROOT, 'scenarios');

describe('the scenarios shipped in scenarios/', () => {
  it('are all valid', async () => {
    const library = await loadLibrary(SCENARIOS);
    const problems = library.flatMap((entry) => (entry.result.ok ? [] : entry.result.problems.map(formatProblem)));
    expect(problems, problems.join('\n')).to.deep.equal([]);
  });

  it('include the La Poste waves, the BPCE glitch and the tutorial', async () => {
    const names = (await listScenarioFiles(SCENARIOS)).map((file) => basename(file));
    expect(names).to.include.members(['la-poste-ddos-2025-12-22.yaml', 'la-poste-ddos-2026-01-01.yaml', 'bpce-glitch-2025-12-22.yaml', 'tutorial.yaml']);
  });

  it('each start with the yaml-language-server schema comment', async () => {
    for (const file of await listScenarioFiles(SCENARIOS)) {
      const text = await readFile(file, 'utf8');
      expect(text.split('\n')[0], basename(file)).to.equal('# yaml-language-server: $schema=./schema.json');
    }
  });
});
