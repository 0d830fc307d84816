import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { PROJECT_ROOT } from '../../server/config.js';
import { listScenarioFiles } from '../../server/scenario/library.js';
import { parseScenario } from '../../server/scenario/load.js';
import type { ScenarioFile } from '../../server/scenario/schema.js';
import { readSheet, type Delimiter } from '../../server/msel/csv.js';
import { exportMsel } from '../../server/msel/export.js';
import { importTimeline } from '../../server/msel/import.js';
import { mergeTimeline } from '../../server/msel/merge.js';

const files = await listScenarioFiles(join(PROJECT_ROOT, 'scenarios'));

/** Exports a scenario's timeline, imports the sheet into the same file, and returns both texts' data. */
async function roundTrip(file: string, options: { delimiter?: Delimiter; bom?: boolean } = {}) {
  const text = await readFile(file, 'utf8');
  const data = parseDocument(text).toJS() as ScenarioFile;
  const imported = importTimeline(readSheet(exportMsel(data.timeline, options)));
  const merged = mergeTimeline(text, file, imported);
  return { text, data, imported, merged };
}

describe('MSEL round trip', () => {
  it('finds the scenarios to check', () => {
    expect(files.map((f) => f.slice(f.lastIndexOf('/') + 1))).to.include('tutorial.yaml');
  });

  files.forEach((file) => {
    const name = file.slice(file.lastIndexOf('/') + 1);

    it(`gives back the timeline of ${name} as written, entry for entry`, async () => {
      const { data, imported, merged } = await roundTrip(file);
      expect(imported.problems).to.deep.equal([]);
      expect(merged.sheetProblems).to.deep.equal([]);
      expect(merged.fileProblems).to.deep.equal([]);
      expect((parseDocument(merged.text).toJS() as ScenarioFile).timeline).to.deep.equal(data.timeline);
    });

    it(`compiles ${name} to the same scenario after export and import`, async () => {
      const { text, merged } = await roundTrip(file);
      const before = parseScenario(text, file);
      const after = parseScenario(merged.text, file);
      expect(after.ok, JSON.stringify(after.problems.slice(0, 3))).to.equal(true);
      expect(after.ok && before.ok && after.scenario).to.deep.equal(before.ok && before.scenario);
    });

    it(`keeps ${name}'s header unchanged`, async () => {
      const { data, merged } = await roundTrip(file);
      const { timeline: _before, ...headerBefore } = data;
      const { timeline: _after, ...headerAfter } = parseDocument(merged.text).toJS() as ScenarioFile;
      expect(headerAfter).to.deep.equal(headerBefore);
    });
  });

  it('survives the semicolon separator and byte order mark French Excel uses', async () => {
    const file = files.find((f) => f.endsWith('la-poste-ddos-2025-12-22.yaml'))!;
    const { data, imported, merged } = await roundTrip(file, { delimiter: ';', bom: true });
    expect(imported.problems).to.deep.equal([]);
    expect((parseDocument(merged.text).toJS() as ScenarioFile).timeline).to.deep.equal(data.timeline);
  });
});
