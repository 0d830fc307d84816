import { expect } from 'chai';
import { resolve } from 'node:path';
import { PROJECT_ROOT } from '../../server/config.js';
import { Run, type AppliedEntry } from '../../server/replay/run.js';
import { loadScenarioFile } from '../../server/scenario/load.js';
import type { Scenario } from '../../server/scenario/compile.js';
import { fakeTime } from '../support/fake-time.js';
import { FACILITATOR } from '../support/runs.js';

describe('a five-day scenario at 10,000x', () => {
  let scenario: Scenario;
  before(async () => {
    const loaded = await loadScenarioFile(resolve(PROJECT_ROOT, 'scenarios/la-poste-ddos-2025-12-22.yaml'));
    if (!loaded.ok) throw new Error('the La Poste scenario is invalid');
    scenario = loaded.scenario;
  });

  it('applies every entry once, in order, on time, and ends within a minute of real time', () => {
    const fake = fakeTime();
    const run = new Run({ id: 'long', scenario, mode: 'replay', time: fake.time, speed: 10_000 });
    const applied: AppliedEntry[] = [];
    let endedAfterMs: number | undefined;
    const start = fake.time.now();
    run.on('applied', (a) => applied.push(a));
    run.on('ended', () => (endedAfterMs = fake.time.now() - start));
    run.play(FACILITATOR);
    for (let second = 0; second < 60 && endedAfterMs === undefined; second += 1) fake.tick(1_000);

    expect(scenario.durationMs / 10_000).to.be.lessThan(60_000);
    expect(endedAfterMs, 'the run ended').to.be.at.most(Math.ceil(scenario.durationMs / 10_000) + 1);
    // Entries at offset zero apply when the run is created; the timer applies all the others.
    const logged = run.logRecords().flatMap((r) => (r.kind === 'entry' ? [r.entry] : []));
    expect(logged).to.deep.equal(scenario.entries.map((e) => e.index));
    expect(applied.map((a) => a.entry.index)).to.deep.equal(
      scenario.entries.filter((e) => e.offsetMs > 0).map((e) => e.index),
    );
    const lateness = applied.map((a) => a.wallMs - a.dueWallMs);
    expect(Math.min(...lateness)).to.be.at.least(0);
    expect(Math.max(...lateness)).to.be.at.most(1);
    expect(run.currentState().incidents.every((i) => i.stage === 'resolved')).to.equal(true);
    run.close();
    expect(fake.pendingTimers()).to.equal(0);
  });
});
