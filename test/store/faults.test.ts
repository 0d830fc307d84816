/**
 * The database failing under a running server: a full disk (SQLite's page limit, which gives the
 * same SQLITE_FULL a full disk does) and a database locked by another process. Each refused
 * action answers 503 with what went wrong, leaves the run exactly as it was, the public page keeps
 * being served, and once the fault is gone the same action goes through; what is on disk then
 * brings the run back equal to the one in memory.
 */
import { expect } from 'chai';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import request from 'supertest';
import { createApp, type App } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { silentLogger } from '../../server/logger.js';
import { RunRegistry } from '../../server/runs/registry.js';
import { publicState } from '../../server/replay/run-views.js';
import { systemTimeSource } from '../../server/replay/time-source.js';
import { loadLibrary, type LibraryEntry } from '../../server/scenario/library.js';
import { DATABASE_FILE, openDatabase } from '../../server/store/database.js';
import { restoreRuns, storePersistence } from '../../server/store/persistence.js';
import { Store } from '../../server/store/store.js';
import { ADMIN_TOKEN } from '../support/test-app.js';
import { tempDir } from '../support/temp-dir.js';

const ADMIN = `Bearer ${ADMIN_TOKEN}`;
const LA_POSTE = 'la-poste-ddos-2025-12-22';

describe('storage faults under a running server', function () {
  this.timeout(20_000);
  let dir: string;
  let cleanup: () => Promise<void>;
  let library: LibraryEntry[];
  let store: Store;
  let runs: RunRegistry;
  let app: App;
  let run: string;

  const start = (): void => {
    store = new Store(openDatabase(dir, { busyTimeoutMs: 200 }));
    runs = new RunRegistry({ time: systemTimeSource, persistence: storePersistence(store.runs) });
    const config = { ...loadConfig({ PORT: '0', LOG_LEVEL: 'silent' }), dataDir: dir };
    app = createApp(config, {
      logger: silentLogger(),
      library,
      runs,
      defaultRun: undefined,
      adminToken: ADMIN_TOKEN,
      store,
    });
  };
  const act = (channel: string) =>
    request(app.app)
      .post(`/api/runs/${run}/actions`)
      .set('Authorization', ADMIN)
      .send({ action: { type: 'set-actual', channel, status: 'major_outage' } });
  const snapshot = () => {
    const r = runs.require(run);
    return {
      log: r.logRecords().length,
      version: r.version,
      state: publicState(r),
      actions: r.effectiveActions().length,
    };
  };

  before(async () => {
    library = await loadLibrary(loadConfig({}).scenariosDir);
  });
  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir());
    start();
    const created = await request(app.app)
      .post('/api/runs')
      .set('Authorization', ADMIN)
      .send({ scenario: LA_POSTE, mode: 'exercise', play: false });
    run = (created.body as { run: { id: string } }).run.id;
    expect((await act('lbp-web')).status).to.equal(201);
  });
  afterEach(async () => {
    await app.close();
    store.close();
    await cleanup();
  });

  it('refuses actions with 503 while the disk is full, changes nothing, and takes them once there is room', async () => {
    const pages = store.db.pragma('page_count', { simple: true }) as number;
    store.db.pragma(`max_page_count = ${pages}`);
    const before = snapshot();
    let refused: request.Response | undefined;
    // The next pages of the file may have room left for a few records: write until the limit bites.
    for (let i = 0; i < 200 && refused === undefined; i++) {
      const res = await act(i % 2 === 0 ? 'lbp-app' : 'lp-web');
      if (res.status !== 201) refused = res;
    }
    expect(refused?.status).to.equal(503);
    expect(refused?.body).to.deep.include({
      error: {
        code: 'storage',
        message: 'could not save to the database: database or disk is full; nothing was changed',
      },
    });
    const atRefusal = snapshot();
    expect(atRefusal.actions - before.actions).to.equal(atRefusal.log - before.log);
    expect((await act('lbp-atm')).status).to.equal(503);
    expect(snapshot()).to.deep.equal(atRefusal);
    expect((await request(app.app).get(`/r/${run}`)).status).to.equal(200);

    store.db.pragma('max_page_count = 1073741823');
    expect((await act('lbp-atm')).status).to.equal(201);
    expectTheDiskToHoldTheRun();
  });

  it('refuses actions with 503 while another process holds the database locked, then goes on', async () => {
    const other = new Database(join(dir, DATABASE_FILE));
    try {
      other.exec('BEGIN IMMEDIATE');
      const before = snapshot();
      const res = await act('lbp-app');
      expect(res.status).to.equal(503);
      expect((res.body as { error: { message: string } }).error.message).to.match(/database is locked/);
      expect(snapshot()).to.deep.equal(before);
      other.exec('ROLLBACK');
    } finally {
      other.close();
    }
    expect((await act('lbp-app')).status).to.equal(201);
    expectTheDiskToHoldTheRun();
  });

  /** A registry made anew from the file has the run as the server holds it. */
  function expectTheDiskToHoldTheRun(): void {
    const live = runs.require(run);
    const expected = { state: publicState(live), actions: live.effectiveActions() };
    const { version: _v, ...visible } = expected.state;
    const again = new RunRegistry({ time: systemTimeSource });
    const reopened = new Store(openDatabase(dir));
    try {
      restoreRuns({
        store: reopened.runs,
        runs: again,
        library,
        resume: 'paused',
        logger: silentLogger(),
      });
      const back = again.require(run);
      const { version: _w, ...restored } = publicState(back);
      expect(restored).to.deep.equal(visible);
      expect(back.effectiveActions()).to.deep.equal(expected.actions);
    } finally {
      again.close();
      reopened.close();
    }
  }
});
