/**
 * Ended runs stay for their after-action report: the registry keeps them reachable, stopped where
 * they ended, and a registry made anew over the same database finds them again, as they stopped.
 */
import { expect } from 'chai';
import { openDatabase } from '../../server/store/database.js';
import { storePersistence } from '../../server/store/persistence.js';
import { storeArchive } from '../../server/store/archive.js';
import { RunStore } from '../../server/store/run-store.js';
import { RunRegistry } from '../../server/runs/registry.js';
import { publicState } from '../../server/replay/run-views.js';
import type { Run } from '../../server/replay/run.js';
import type { LibraryEntry } from '../../server/scenario/library.js';
import { fakeTime, type FakeTime } from '../support/fake-time.js';
import { FACILITATOR, RESPONDER } from '../support/runs.js';
import { loadValid } from '../support/scenario-fixture.js';

const scenario = loadValid();
const library: LibraryEntry[] = [
  { file: 'fixture.yaml', id: scenario.id, result: { ok: true, scenario, problems: [] } },
];

/** What a report reads of a run, without the version counter (which starts again when a run is rebuilt). */
const reportable = (run: Run) => {
  const { version: _version, ...visible } = publicState(run);
  return { visible, offset: run.clock.offset(), log: run.logRecords().length, actions: run.effectiveActions() };
};

describe('ended runs', () => {
  let fake: FakeTime;
  let store: RunStore;
  const registries: RunRegistry[] = [];
  const registry = (withStore = true): RunRegistry => {
    const runs = new RunRegistry({
      time: fake.time,
      ...(withStore
        ? {
            persistence: storePersistence(store, () => fake.time.now()),
            archive: storeArchive(store, library, fake.time),
          }
        : {}),
    });
    registries.push(runs);
    return runs;
  };
  const playedRun = (runs: RunRegistry): Run => {
    const run = runs.create({ scenario, mode: 'exercise', speed: 60, id: 'drill' });
    run.play(FACILITATOR);
    fake.tick(30_000);
    run.act({ type: 'set-actual', channel: 'lbp-web', status: 'major_outage' }, FACILITATOR);
    run.act(
      {
        type: 'publish',
        update: {
          incident: 'b',
          title: { en: 'Banking' },
          status: 'investigating',
          impact: 'major',
          body: { en: 'On it.' },
        },
      },
      RESPONDER,
    );
    fake.tick(30_000);
    return run;
  };

  beforeEach(() => {
    fake = fakeTime();
    store = new RunStore(openDatabase(':memory:'));
  });
  afterEach(() => {
    for (const runs of registries.splice(0)) runs.close();
  });

  it('stops an ended run where it was, and keeps it reachable, off the live runs', () => {
    const runs = registry(false);
    const run = playedRun(runs);
    runs.end('drill');
    const atEnd = reportable(run);
    fake.tick(60_000);
    expect(runs.get('drill')).to.equal(undefined);
    const found = runs.find('drill');
    expect(found?.ended).to.equal(true);
    expect(reportable(found!.run)).to.deep.equal(atEnd);
    expect(found!.run.clock.playing).to.equal(false);
    expect(runs.ended().map((e) => e.id)).to.deep.equal(['drill']);
  });

  it('finds an ended run again after a restart, as it stopped, from the database', () => {
    const run = playedRun(registry());
    registries[0]!.end('drill');
    const atEnd = reportable(run);
    fake.tick(600_000);

    const again = registry();
    expect(again.get('drill')).to.equal(undefined);
    const found = again.requireAny('drill');
    expect(found.ended).to.equal(true);
    expect(reportable(found.run)).to.deep.equal(atEnd);
    expect(again.ended()).to.deep.equal([
      {
        id: 'drill',
        scenario: scenario.id,
        mode: 'exercise',
        createdMs: fake.clock.now - 660_000,
        endedMs: fake.clock.now - 600_000,
      },
    ]);
  });

  it('says there is no such run when none was ever made, live or ended', () => {
    expect(registry().find('nope')).to.equal(undefined);
    expect(() => registry().requireAny('nope')).to.throw(/no run "nope"/);
  });

  it('leaves an ended run running if the database refuses to record its end', () => {
    const runs = registry();
    const run = playedRun(runs);
    store['db'].close();
    expect(() => runs.end('drill')).to.throw(/could not save/);
    expect(runs.get('drill')).to.equal(run);
    expect(run.clock.playing).to.equal(true);
  });
});
