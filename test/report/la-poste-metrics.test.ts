import { expect } from 'chai';
import { resolve } from 'node:path';
import { PROJECT_ROOT } from '../../server/config.js';
import { communicationMetrics, type CommunicationMetrics } from '../../server/report/metrics.js';
import { storyOffset, type Scenario } from '../../server/scenario/compile.js';
import { loadScenarioFile } from '../../server/scenario/load.js';

const FILE = 'scenarios/la-poste-ddos-2025-12-22.yaml';
const MIN = 60_000;

describe('communication metrics of the La Poste DDoS of 22 December 2025', () => {
  let scenario: Scenario;
  let replay: CommunicationMetrics;
  const at = (time: string): number => storyOffset(scenario, time);

  before(async () => {
    const result = await loadScenarioFile(resolve(PROJECT_ROOT, FILE));
    if (!result.ok) throw new Error('the La Poste scenario is invalid');
    scenario = result.scenario;
    replay = communicationMetrics({ scenario, mode: 'replay', actions: [], endMs: scenario.durationMs });
  });

  it('dates the first impact to the first Downdetector reports at 06:15', () => {
    expect(replay.firstImpactMs).to.equal(at('2025-12-22T06:15+01:00'));
  });

  it('finds the status message of 06:30 fifteen minutes after, just within the policy, naming channels', () => {
    expect(replay.timeToFirstUpdateMs).to.equal(15 * MIN);
    expect(replay.firstUpdateWithinPolicy).to.equal(true);
    expect(replay.scopingLatencyMs).to.equal(0);
  });

  it('first tells what still works in the LBP message of 07:30 on SMS payments, cards and Wero', () => {
    expect(replay.mentionsWhatWorks).to.include({ firstAtMs: at('2025-12-22T07:30+01:00'), via: 'workaround' });
  });

  it('finds gaps over the two-hour policy, such as the silence from 09:00 to 12:30', () => {
    const long = replay.gaps.gaps.find((g) => g.fromMs === at('2025-12-22T09:00+01:00'));
    expect(long).to.include({ toMs: at('2025-12-22T12:30+01:00'), withinPolicy: false });
    expect(replay.gaps.withinPolicyShare).to.be.below(0.5);
    expect(replay.gaps.openGap).to.equal(undefined);
  });

  it('resolves both incidents on Friday at noon with no premature resolution', () => {
    expect(replay.prematureResolution).to.deep.equal([]);
    expect(replay.gaps.gaps.at(-1)?.toMs).to.equal(at('2025-12-26T12:00+01:00'));
  });

  it('keeps the page exactly on the truth in replay mode, where the page follows the actual statuses', () => {
    expect(replay.accuracy.exact).to.equal(1);
    expect(Object.values(replay.staleness).every((s) => s.staleMs === 0)).to.equal(true);
  });

  it('meets every expectation but the cadence, which is late', () => {
    expect(replay.expectations.counts).to.deep.equal({ met: 12, late: 1, missed: 0, pending: 0 });
    expect(replay.expectations.outcomes.find((o) => o.status === 'late')?.kind).to.equal('cadence');
  });

  it('shows a silent exercise run: no update, the policy failed and the page stale', () => {
    const silent = communicationMetrics({ scenario, mode: 'exercise', actions: [], endMs: scenario.durationMs });
    expect(silent.updateCount).to.equal(0);
    expect(silent.firstUpdateWithinPolicy).to.equal(false);
    expect(silent.accuracy.exact).to.be.below(1);
    expect(silent.staleness['lbp-web']?.staleMs).to.be.above(0);
  });
});
