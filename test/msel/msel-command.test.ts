import { expect } from 'chai';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { runCli } from '../support/cli.js';
import { tempDir } from '../support/temp-dir.js';
import { FIXTURE_YAML } from '../support/scenario-fixture.js';

describe('statusdrill msel', () => {
  let dir: string;
  let cleanup: () => Promise<void>;

  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir({ 'scenarios/fixture.yaml': FIXTURE_YAML }));
  });
  afterEach(() => cleanup());

  /** Exports the fixture's timeline to `name` in the test folder and returns the CSV. */
  async function exportTo(name: string, args: string[] = []): Promise<string> {
    const run = await runCli(['msel', 'export', 'scenarios/fixture.yaml', ...args], dir);
    expect(run.code, run.stderr).to.equal(0);
    await writeFile(join(dir, name), run.stdout);
    return run.stdout;
  }

  it('exports the timeline as a CSV with one row per entry under the MSEL header', async () => {
    const csv = await exportTo('msel.csv');
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).to.match(/^event_no,time,kind,incident,stage,impact,channels,/);
    expect(lines).to.have.length(1 + 7);
    expect(lines[1]).to.match(/^1,2025-12-22T07:00\+01:00,actual,.*lbp-web=major_outage; lbp-app=major_outage/);
  });

  it('prints the scenario with the imported timeline, equal to the original', async () => {
    await exportTo('msel.csv', ['--delimiter', ';', '--bom']);
    const run = await runCli(['msel', 'import', 'msel.csv', '--into', 'scenarios/fixture.yaml'], dir);
    expect(run.code, run.stderr).to.equal(0);
    expect(parseDocument(run.stdout).toJS()).to.deep.equal(parseDocument(FIXTURE_YAML).toJS());
  });

  it('writes the scenario back with --write once the sheet is valid', async () => {
    const csv = await exportTo('msel.csv');
    await writeFile(join(dir, 'msel.csv'), csv.replace('+1h30m,prompt', '+1h45m,prompt'));
    const run = await runCli(['msel', 'import', 'msel.csv', '--into', 'scenarios/fixture.yaml', '--write'], dir);
    expect(run.code, run.stderr).to.equal(0);
    const written = await readFile(join(dir, 'scenarios/fixture.yaml'), 'utf8');
    expect(written).to.include('at: +1h45m');
    expect((await runCli(['validate', 'scenarios/fixture.yaml'], dir)).code).to.equal(0);
  });

  it('reports problems by row and column, exits 1 and leaves the scenario as it was', async () => {
    const csv = await exportTo('msel.csv');
    await writeFile(
      join(dir, 'msel.csv'),
      csv.replace("'+1h30m,prompt", '22/12 06:15,prompt').replace('lbp-app=major_outage', 'lbp-ap=major_outage'),
    );
    const run = await runCli(['msel', 'import', 'msel.csv', '--into', 'scenarios/fixture.yaml', '--write'], dir);
    expect(run.code).to.equal(1);
    expect(run.stdout).to.equal('');
    expect(run.stderr).to.include(
      'msel.csv: row 2, column "channels": unknown channel "lbp-ap"; did you mean "lbp-app"?',
    );
    expect(run.stderr).to.include('msel.csv: row 5, column "time": "22/12 06:15" is not a date-time with offset');
    expect(run.stderr).to.match(/2 problems; nothing written/);
    expect(await readFile(join(dir, 'scenarios/fixture.yaml'), 'utf8')).to.equal(FIXTURE_YAML);
  });

  it('refuses to export a scenario that has problems', async () => {
    await writeFile(
      join(dir, 'scenarios/fixture.yaml'),
      FIXTURE_YAML.replace('lbp-app: major_outage', 'lbp-ap: major_outage'),
    );
    const run = await runCli(['msel', 'export', 'scenarios/fixture.yaml'], dir);
    expect(run.code).to.equal(1);
    expect(run.stderr).to.include('unknown channel "lbp-ap"');
  });

  it('is a usage error to import without --into', async () => {
    const run = await runCli(['msel', 'import', 'msel.csv'], dir);
    expect(run.code).to.equal(2);
    expect(run.stderr).to.include('msel import needs --into FILE');
  });
});
