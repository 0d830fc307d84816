/**
 * Runs kept in the database: what a run records is written as it records it, and a registry made
 * anew over the same database brings every run back to the state a fold gives, at the story time it
 * would have reached (or paused, if asked).
 */
import { expect } from 'chai';
import { join } from 'node:path';
import { openDatabase } from '../../server/store/database.js';
import { MIGRATIONS } from '../../server/store/migrations.js';
import { restoreRuns, storePersistence, StorageError } from '../../server/store/persistence.js';
import { RunStore } from '../../server/store/run-store.js';
import { RunRegistry } from '../../server/runs/registry.js';
import { foldRun } from '../../server/replay/fold.js';
import { effectiveActions } from '../../server/replay/run-restore.js';
import { silentLogger } from '../../server/logger.js';
import type { LibraryEntry } from '../../server/scenario/library.js';
import { fakeTime, type FakeTime } from '../support/fake-time.js';
import { FACILITATOR, RESPONDER } from '../support/runs.js';
import { loadValid } from '../support/scenario-fixture.js';
import { tempDir } from '../support/temp-dir.js';

const MIN = 60_000;
const scenario = loadValid();
const library: LibraryEntry[] = [
  { file: 'fixture.yaml', id: scenario.id, result: { ok: true, scenario, problems: [] } },
];

describe('the run store', () => {
  let fake: FakeTime;
  let store: RunStore;
  const registries: RunRegistry[] = [];
  const registry = (): RunRegistry => {
    const runs = new RunRegistry({ time: fake.time, persistence: storePersistence(store, () => fake.time.now()) });
    registries.push(runs);
    return runs;
  };

  beforeEach(() => {
    fake = fakeTime();
    store = new RunStore(openDatabase(':memory:'));
  });
  afterEach(() => {
    for (const runs of registries.splice(0)) runs.close();
  });

  it('migrates a new database to the latest version, and leaves a migrated one as it is', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const db = openDatabase(join(dir, 'data'));
      expect(db.pragma('user_version', { simple: true })).to.equal(MIGRATIONS.length);
      expect(db.pragma('journal_mode', { simple: true })).to.equal('wal');
      db.close();
      const again = openDatabase(join(dir, 'data'));
      expect(again.pragma('user_version', { simple: true })).to.equal(MIGRATIONS.length);
      again.pragma(`user_version = ${MIGRATIONS.length + 1}`);
      again.close();
      expect(() => openDatabase(join(dir, 'data'))).to.throw(/newer than this statusdrill/);
    } finally {
      await cleanup();
    }
  });

  /** A run with a bit of everything: play, actions, a rewind that undoes one, a speed change. */
  const busyRun = (runs: RunRegistry) => {
    const run = runs.create({ scenario, mode: 'exercise', speed: 60, id: 'drill' });
    run.play(FACILITATOR);
    fake.tick(30_000); // 30 story minutes
    run.act({ type: 'set-actual', channel: 'lbp-web', status: 'major_outage' }, FACILITATOR);
    fake.tick(30_000);
    run.act(
      {
        type: 'publish',
        update: {
          incident: 'banking',
          title: { en: 'Banking' },
          status: 'investigating',
          impact: 'major',
          body: { en: 'Looking.' },
        },
      },
      RESPONDER,
    );
    run.seek(45 * MIN, FACILITATOR); // undoes the publication
    run.setSpeed(120, FACILITATOR);
    fake.tick(10_000);
    run.act({ type: 'set-actual', channel: 'lbp-app', status: 'partial_outage' }, FACILITATOR);
    fake.tick(5_000);
    return run;
  };

  it('brings a playing run back where it would be now, equal to the fold of its actions', () => {
    const before = busyRun(registry());
    const log = before.logRecords();
    const speed = before.clock.speed;
    fake.tick(20_000); // the process is down for 20 s of wall time
    const expectedOffset = before.clock.offset();
    before.close();

    const runs = registry();
    expect(
      restoreRuns({ store, runs, library, resume: 'playing', logger: silentLogger() }).map((r) => r.id),
    ).to.deep.equal(['drill']);
    const after = runs.require('drill');
    expect(after.clock.playing).to.equal(true);
    expect(after.clock.speed).to.equal(speed);
    expect(after.clock.offset()).to.equal(expectedOffset);
    expect(after.logRecords().slice(0, log.length)).to.deep.equal(log);
    const folded = foldRun(scenario, 'exercise', effectiveActions(after.logRecords()), expectedOffset);
    const state = after.currentState();
    expect(state.channels).to.deep.equal(folded.channels);
    expect(state.incidents).to.deep.equal(folded.incidents);
    expect(after.effectiveActions().map((a) => a.seq)).to.deep.equal(effectiveActions(log).map((a) => a.seq));
  });

  it('brings a playing run back paused at the story time it had reached, when asked', () => {
    const before = busyRun(registry());
    fake.tick(20_000);
    const reached = before.clock.offset();
    before.close();
    const runs = registry();
    restoreRuns({ store, runs, library, resume: 'paused', logger: silentLogger() });
    const after = runs.require('drill');
    expect([after.clock.playing, after.clock.offset()]).to.deep.equal([false, reached]);
    expect(after.logRecords().at(-1)).to.deep.include({ kind: 'control', control: 'pause' });
  });

  it('does not bring back a run that ended, and keeps it aside when a new run takes its id', () => {
    const runs = registry();
    busyRun(runs);
    runs.end('drill');
    const again = runs.create({ scenario, id: 'drill' });
    again.act({ type: 'set-actual', channel: 'lbp-web', status: 'major_outage' }, FACILITATOR);
    const live = store.liveRuns();
    expect(live.map((r) => r.id)).to.deep.equal(['drill']);
    expect(live[0]!.log.filter((r) => r.kind === 'action')).to.have.length(1);
  });

  it('refuses an action it cannot save, leaving the run as it was', () => {
    const run = registry().create({ scenario, mode: 'exercise', id: 'drill' });
    const before = { log: run.logRecords().length, state: run.currentState() };
    store['db'].close(); // as a full disk or a lost file would
    expect(() => run.act({ type: 'set-actual', channel: 'lbp-web', status: 'major_outage' }, FACILITATOR)).to.throw(
      StorageError,
      /could not save/,
    );
    expect(run.logRecords()).to.have.length(before.log);
    expect(run.currentState().channels).to.deep.equal(before.state.channels);
  });
});
