/**
 * Taking charge of a database: two processes' connections to one file, each taking charge in turn.
 * The one that took charge last writes; the other's writes are refused, in every table and for
 * every kind of write, and it can tell it is no longer in charge. Opening the same file from many
 * connections at once applies each migration once. Two servers started on one data folder: the
 * first stops once the second has taken charge.
 */
import { expect } from 'chai';
import type { Database } from 'better-sqlite3';
import { openDatabase } from '../../server/store/database.js';
import { MIGRATIONS } from '../../server/store/migrations.js';
import { currentEpoch, FENCED_MESSAGE, takeCharge } from '../../server/store/fence.js';
import { storePersistence, StorageError } from '../../server/store/persistence.js';
import { RunStore } from '../../server/store/run-store.js';
import { ItemStore } from '../../server/store/item-store.js';
import { tempDir } from '../support/temp-dir.js';
import { killServer, startServerProcess, type ServerProcess } from '../support/server-process.js';

const CLOCK = { playing: false, speed: 1, anchorOffsetMs: 0, anchorWallMs: 0, durationMs: 1_000 };
const RUN = {
  id: 'drill',
  scenario: 'fixture',
  mode: 'replay',
  visibility: 'public',
  speed: 1,
  restored: false,
} as const;

describe('taking charge of the database', () => {
  let dir: { dir: string; cleanup: () => Promise<void> };
  let dbs: Database[];
  const open = (): Database => {
    const db = openDatabase(dir.dir);
    dbs.push(db);
    return db;
  };

  beforeEach(async () => {
    dir = await tempDir();
    dbs = [];
  });
  afterEach(async () => {
    dbs.forEach((db) => db.close());
    await dir.cleanup();
  });

  it('lets the process that took charge last write, and refuses the writes of the one before', () => {
    const [first, second] = [open(), open()];
    // Made before any charge: statements prepared earlier are fenced too.
    const firstStore = new RunStore(first);
    const firstCharge = takeCharge(first, 'first', 1);
    firstStore.insertRun(RUN, 1);
    const secondCharge = takeCharge(second, 'second', 2);
    expect(secondCharge.epoch).to.equal(firstCharge.epoch + 1);
    expect([firstCharge.held(), secondCharge.held()]).to.deep.equal([false, true]);

    const record = {
      seq: 0,
      offsetMs: 0,
      wallMs: 1,
      author: { role: 'system', name: 'statusdrill' },
      kind: 'control',
      control: 'play',
    };
    expect(() => firstStore.append('drill', record as never, CLOCK)).to.throw(FENCED_MESSAGE);
    new RunStore(second).append('drill', record as never, CLOCK);
    expect(new RunStore(second).liveRuns()[0]?.log).to.have.length(1);
  });

  it('fences every table and every kind of write', () => {
    const [first, second] = [open(), open()];
    takeCharge(first, 'first', 1);
    new RunStore(first).insertRun(RUN, 1);
    new ItemStore(first).of('note').put('drill', 'n1', { text: 'kept' });
    takeCharge(second, 'second', 2);
    const writes: Array<[string, () => unknown]> = [
      ['an insert', () => new RunStore(first).insertRun({ ...RUN, id: 'other' }, 3)],
      ['an update', () => new RunStore(first).setRequireApproval('drill', true)],
      ['an item', () => new ItemStore(first).of('note').put('drill', 'n2', { text: 'lost' })],
      ['a delete', () => first.prepare(`DELETE FROM run_items`).run()],
      ['a schedule', () => first.prepare(`INSERT INTO schedules (id, input, created_ms) VALUES ('s', '{}', 1)`).run()],
    ];
    for (const [name, write] of writes) expect(write, name).to.throw(FENCED_MESSAGE);
    expect(second.prepare(`SELECT COUNT(*) FROM run_items`).pluck().get()).to.equal(1);
    expect(second.prepare(`SELECT COUNT(*) FROM runs`).pluck().get()).to.equal(1);
  });

  it('makes a refused write a storage error that says why, changing nothing', () => {
    const [first, second] = [open(), open()];
    takeCharge(first, 'first', 1);
    takeCharge(second, 'second', 2);
    const persistence = storePersistence(new RunStore(first));
    expect(() => persistence.created(RUN))
      .to.throw(StorageError)
      .with.property('message')
      .that.includes(FENCED_MESSAGE);
    expect(second.prepare(`SELECT COUNT(*) FROM runs`).pluck().get()).to.equal(0);
  });

  it('applies each migration once when many connections open the same file at once', () => {
    const opened = Array.from({ length: 4 }, open);
    for (const db of opened) expect(db.pragma('user_version', { simple: true })).to.equal(MIGRATIONS.length);
    expect(currentEpoch(opened[0]!)).to.equal(0);
  });
});

describe('two servers on one data folder', function () {
  this.timeout(30_000);
  let servers: ServerProcess[] = [];
  let cleanup: () => Promise<void> = () => Promise.resolve();
  afterEach(async () => {
    await Promise.all(servers.map((s) => killServer(s)));
    servers = [];
    await cleanup();
  });

  it('leaves the runs to the one started last: the first stops, writing nothing more', async () => {
    let dir: string;
    ({ dir, cleanup } = await tempDir());
    const env = { DATA_DIR: dir, STATUSDRILL_ADMIN_TOKEN: 'fence-test-token-0123456789', DEFAULT_SCENARIO: 'tutorial' };
    const first = await startServerProcess(env);
    servers.push(first);
    const exited = new Promise<number | null>((done) => first.child.once('exit', (code) => done(code)));
    const second = await startServerProcess(env);
    servers.push(second);
    expect(await exited).to.equal(1);
    expect(first.lines.some((l) => l.level === 60 && l.msg.startsWith(FENCED_MESSAGE))).to.equal(true);
    expect((await fetch(`${second.url}/r/tutorial`)).status).to.equal(200);
  });
});
