import { expect } from 'chai';
import { runCli } from '../support/cli.js';
import { tempDir } from '../support/temp-dir.js';
import { edit, FIXTURE_YAML, lineOf } from '../support/scenario-fixture.js';

describe('statusdrill validate', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  const typo = edit('actual: { lbp-web: major_outage, lbp-app', 'actual: { lbp-wbe: major_outage, lbp-app');

  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir({
      'scenarios/fixture.yaml': FIXTURE_YAML,
      'scenarios/typo.yaml': typo.replace('id: fixture', 'id: typo'),
      'scenarios/schema.json': '{}',
      'scenarios/README.md': '# not a scenario',
    }));
  });
  afterEach(() => cleanup());

  it('checks every scenario file in scenarios/ by default, and exits 1 when one has a problem', async () => {
    const run = await runCli(['validate'], dir);
    expect(run.code).to.equal(1);
    expect(run.stdout).to.match(/✓ scenarios\/fixture\.yaml/);
    expect(run.stdout).to.match(/✗ scenarios\/typo\.yaml/);
    expect(run.stdout).to.not.match(/schema\.json|README/);
    expect(run.stdout).to.match(/2 files checked, 1 with problems, 1 problem$/m);
  });

  it('names the line and suggests the channel meant for a typo in a channel id', async () => {
    const run = await runCli(['validate', 'scenarios/typo.yaml'], dir);
    const line = lineOf(typo, 'lbp-wbe');
    expect(run.stdout).to.include(`scenarios/typo.yaml:${line}:`);
    expect(run.stdout).to.include('timeline[0].actual.lbp-wbe: unknown channel "lbp-wbe"; did you mean "lbp-web"?');
  });

  it('exits 0 when every file given is valid', async () => {
    const run = await runCli(['validate', 'scenarios/fixture.yaml'], dir);
    expect(run.code).to.equal(0);
    expect(run.stdout).to.match(/1 file checked, 0 with problems, 0 problems/);
  });

  it('reports a file that does not exist without hiding the others', async () => {
    const run = await runCli(['validate', 'scenarios/missing.yaml', 'scenarios/typo.yaml'], dir);
    expect(run.code).to.equal(1);
    expect(run.stdout).to.match(/scenarios\/missing\.yaml cannot read the file \(ENOENT\)/);
    expect(run.stdout).to.include('unknown channel "lbp-wbe"');
  });

  it('gives a machine-readable report with --json', async () => {
    const run = await runCli(['validate', '--json'], dir);
    const report = JSON.parse(run.stdout) as {
      problems: number;
      files: Array<{ file: string; valid: boolean; problems: Array<{ path: string; line: number }> }>;
    };
    expect(report.problems).to.equal(1);
    expect(report.files.map((f) => [f.file, f.valid])).to.deep.equal([
      ['scenarios/fixture.yaml', true],
      ['scenarios/typo.yaml', false],
    ]);
    expect(report.files[1]?.problems[0]).to.deep.include({
      path: 'timeline[0].actual.lbp-wbe',
      line: lineOf(typo, 'lbp-wbe'),
    });
  });

  it('reports two files that claim the same scenario id', async () => {
    const { dir: other, cleanup: done } = await tempDir({
      'scenarios/fixture.yaml': FIXTURE_YAML,
      'scenarios/fixture.json': '{"schema": "statusdrill/v1"}',
    });
    try {
      const run = await runCli(['validate'], other);
      expect(run.code).to.equal(1);
      expect(run.stdout).to.match(/scenario id "fixture" is also given by .*fixture\.json/);
    } finally {
      await done();
    }
  });

  it('fails when there is nothing to check', async () => {
    const { dir: empty, cleanup: done } = await tempDir({ 'scenarios/.keep': '' });
    try {
      const run = await runCli(['validate'], empty);
      expect(run.code).to.equal(1);
      expect(run.stderr).to.match(/no scenario files found/);
    } finally {
      await done();
    }
  });
});
