/**
 * SIGTERM drains the server: viewers' sockets are closed by the server (so their pages reconnect
 * by themselves), the process exits 0 after saying so, the database is left whole with its journal
 * folded back, and a restart resumes the run with what was acknowledged.
 */
import { expect } from 'chai';
import Database from 'better-sqlite3';
import { existsSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { io as connectIo } from 'socket.io-client';
import { DATABASE_FILE } from '../../server/store/database.js';
import { STATUS_NAMESPACE, type StatusSnapshot } from '../../server/events.js';
import { killServer, startServerProcess, type ServerProcess } from '../support/server-process.js';
import { tempDir } from '../support/temp-dir.js';

const TOKEN = 'drain-test-token-0123456789';
const AUTH = { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' };

describe('draining on SIGTERM', function () {
  this.timeout(40_000);
  let server: ServerProcess | undefined;
  let cleanup: () => Promise<void> = () => Promise.resolve();
  afterEach(async () => {
    await killServer(server);
    server = undefined;
    await cleanup();
  });

  it('closes viewers, exits 0, leaves the database whole, and resumes the run after a restart', async () => {
    let dir: string;
    ({ dir, cleanup } = await tempDir());
    const env = { DATA_DIR: dir, STATUSDRILL_ADMIN_TOKEN: TOKEN, DEFAULT_SCENARIO: 'tutorial' };
    server = await startServerProcess(env);
    const post = (path: string, body: unknown) =>
      fetch(`${server!.url}${path}`, { method: 'POST', headers: AUTH, body: JSON.stringify(body) });
    const created = (await (
      await post('/api/runs', { scenario: 'la-poste-ddos-2025-12-22', mode: 'exercise', speed: 60 })
    ).json()) as { run: { id: string } };
    const run = created.run.id;
    const acted = await post(`/api/runs/${run}/actions`, {
      action: { type: 'set-actual', channel: 'lbp-atm', status: 'major_outage' },
    });
    expect(acted.status).to.equal(201);

    const viewer = connectIo(`${server.url}${STATUS_NAMESPACE}`, { transports: ['websocket'], reconnection: false });
    await new Promise<void>((done) => viewer.once('connect', () => done()));
    const disconnected = new Promise<[string]>((done) => viewer.once('disconnect', (why) => done([why])));
    const exited = once(server.child, 'exit') as Promise<[number | null]>;
    server.child.kill('SIGTERM');
    const [[reason], [code]] = await Promise.all([disconnected, exited]);
    expect(reason).to.equal('io server disconnect');
    expect(code).to.equal(0);
    const messages = server.lines.map((l) => l.msg);
    expect(messages).to.include('SIGTERM received: closing');
    expect(messages.at(-1)).to.equal('closed: every run is kept, and a restart resumes it');

    const wal = join(dir, `${DATABASE_FILE}-wal`);
    expect(!existsSync(wal) || statSync(wal).size === 0, 'the journal is folded back').to.equal(true);
    const db = new Database(join(dir, DATABASE_FILE), { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).to.equal('ok');
    } finally {
      db.close();
    }

    server = await startServerProcess(env);
    const view = (await (await fetch(`${server.url}/api/runs/${run}`, { headers: AUTH })).json()) as {
      summary: { version: number; clock: { playing: boolean } };
      channels: Array<{ id: string; actual: string }>;
    };
    expect(view.summary.clock.playing).to.equal(true);
    expect(view.channels.find((c) => c.id === 'lbp-atm')?.actual).to.equal('major_outage');

    // A viewer coming back is given the restored run's state.
    const back = connectIo(`${server.url}${STATUS_NAMESPACE}`, { transports: ['websocket'], reconnection: false });
    try {
      const snapshot = new Promise<StatusSnapshot>((done) => back.once('status:snapshot', done));
      back.emit('status:join', { run, lang: 'en' });
      const got = await snapshot;
      expect(got.run).to.equal(run);
      expect(got.version).to.be.at.least(view.summary.version);
      expect(got.clock.playing).to.equal(true);
      expect(got.html).to.include('class="glance"');
    } finally {
      back.close();
    }
  });
});
