import { expect } from 'chai';
import { runCli } from '../support/cli.js';
import { tempDir } from '../support/temp-dir.js';
import { BROKEN_FIXTURE_YAML, FIXTURE_YAML } from '../support/scenario-fixture.js';
import type { StateSummary } from '../../server/status/state-summary.js';

describe('statusdrill state', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ dir, cleanup } = await tempDir({ 'fixture.yaml': FIXTURE_YAML })));
  afterEach(() => cleanup());

  const state = async (...args: string[]): Promise<StateSummary> => {
    const run = await runCli(['state', 'fixture.yaml', '--json', ...args], dir);
    expect(run.code, run.stderr).to.equal(0);
    return JSON.parse(run.stdout) as StateSummary;
  };

  it('prints actual and published statuses, open incidents and the indicator as JSON', async () => {
    const summary = await state('--at', '2025-12-22T08:00:00+01:00');
    expect(summary.at).to.equal('2025-12-22T08:00:00+01:00');
    expect(summary.channels['lbp-web']).to.deep.equal({ actual: 'major_outage', published: 'major_outage' });
    expect(summary.channels['lbp-atm']).to.deep.equal({ actual: 'operational', published: 'operational' });
    expect(summary.indicator).to.equal('major');
    expect(summary.description).to.equal('Partial System Outage');
    expect(summary.incidents).to.have.length(1);
    expect(summary.incidents[0]).to.deep.include({
      id: 'ddos',
      status: 'investigating',
      impact: 'major',
      startedAt: '2025-12-22T07:15:00+01:00',
    });
    expect(summary.incidents[0]?.latestUpdate).to.deep.include({
      at: '2025-12-22T07:15:00+01:00',
      status: 'investigating',
    });
  });

  it('accepts an offset from the start as the time', async () => {
    const summary = await state('--at', '+2h');
    expect(summary.at).to.equal('2025-12-22T08:00:00+01:00');
    expect(summary.offset).to.equal('+2h');
  });

  it('shows the published statuses unmoved in exercise mode', async () => {
    const summary = await state('--at', '+2h', '--mode', 'exercise');
    expect(summary.channels['lbp-web']).to.deep.equal({ actual: 'major_outage', published: 'operational' });
    expect(summary.incidents).to.deep.equal([]);
  });

  it('lists no open incident once it is resolved', async () => {
    const summary = await state('--at', '2025-12-22T18:00:00+01:00');
    expect(summary.incidents).to.deep.equal([]);
    expect(summary.indicator).to.equal('none');
  });

  it('prints a readable summary without --json', async () => {
    const run = await runCli(['state', 'fixture.yaml', '--at', '+2h', '--lang', 'en'], dir);
    expect(run.code).to.equal(0);
    expect(run.stdout).to.include('Monday, 22 December 2025 at 08:00 CET');
    expect(run.stdout).to.match(/✗ Online banking\s+major_outage/);
    expect(run.stdout).to.match(/✓ ATMs\s+operational/);
    expect(run.stdout).to.include('Page: Partial System Outage (major)');
  });

  [
    { name: 'no --at', args: ['state', 'fixture.yaml'], message: /needs --at TIME/ },
    {
      name: 'an unreadable time',
      args: ['state', 'fixture.yaml', '--at', 'tomorrow'],
      message: /neither a date-time with offset/,
    },
    {
      name: 'a time before the start',
      args: ['state', 'fixture.yaml', '--at', '2025-12-21T10:00:00+01:00'],
      message: /outside the scenario/,
    },
    {
      name: 'an unknown mode',
      args: ['state', 'fixture.yaml', '--at', '+1h', '--mode', 'live'],
      message: /--mode must be one of replay, exercise/,
    },
    {
      name: 'an unknown option',
      args: ['state', 'fixture.yaml', '--at', '+1h', '--colour'],
      message: /Unknown option '--colour'/,
    },
    { name: 'two files', args: ['state', 'a.yaml', 'b.yaml', '--at', '+1h'], message: /exactly one scenario FILE/ },
  ].forEach(({ name, args, message }) => {
    it(`refuses ${name} with usage and exit code 2`, async () => {
      const run = await runCli(args, dir);
      expect(run.code).to.equal(2);
      expect(run.stderr).to.match(message);
      expect(run.stderr).to.include('Usage: statusdrill');
    });
  });

  it('prints the problems of an invalid file and exits 1', async () => {
    const { dir: other, cleanup: done } = await tempDir({
      'broken.yaml': BROKEN_FIXTURE_YAML,
    });
    try {
      const run = await runCli(['state', 'broken.yaml', '--at', '+1h'], other);
      expect(run.code).to.equal(1);
      expect(run.stderr).to.match(/broken\.yaml:\d+:\d+ timeline\[0\]\.actual\.lbp-ap: unknown channel/);
    } finally {
      await done();
    }
  });
});
