/**
 * Scale-out, for real: Debian's Redis and two statusdrill processes sharing a data folder. One
 * leads; the control API answers through either; viewers of both processes get every change, in
 * order. Killed with SIGKILL, the leader hands the runs to the other process without losing an
 * acknowledged action, and the other process's viewers follow the run as it comes back.
 */
import { expect } from 'chai';
import type { ConsoleView } from '../../server/control/views.js';
import type { LogRecord } from '../../server/replay/run-log.js';
import type { Status } from '../../server/scenario/vocabulary.js';
import { killServer, startServerProcess, type ServerProcess } from '../support/server-process.js';
import { startRedis, type TestRedis } from '../support/redis.js';
import { tempDir } from '../support/temp-dir.js';
import { orderedViewer, outOfOrder, type OrderedViewer } from '../support/ordered-viewers.js';
import {
  eventually,
  expectEveryAcknowledgedAction,
  expectStateToBeTheFold,
  type Acknowledged,
} from '../support/acknowledged.js';

const TOKEN = 'scale-out-test-token-0123456789';
const AUTH = { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' };
const LA_POSTE = 'la-poste-ddos-2025-12-22';
const CHANNELS = ['lbp-web', 'lbp-app', 'lp-web', 'lp-tracking', 'digiposte', 'lbp-atm'];
const STATUSES: Status[] = ['major_outage', 'partial_outage', 'degraded_performance', 'operational'];

const leads = (server: ServerProcess): boolean => server.lines.some((l) => l.msg.includes('leads the cluster'));

describe('scale-out over Redis', function () {
  this.timeout(90_000);
  let redis: TestRedis;
  let servers: ServerProcess[] = [];
  let viewers: OrderedViewer[] = [];
  let cleanup: () => Promise<void> = () => Promise.resolve();
  let env: Record<string, string>;

  beforeEach(async () => {
    // A Redis of its own for each test: a leader killed in one test would otherwise hold the lease
    // into the next for a lease time, and its processes would pass requests to a process gone.
    redis = await startRedis();
    let dir: string;
    ({ dir, cleanup } = await tempDir());
    env = {
      DATA_DIR: dir,
      REDIS_URL: redis.url,
      STATUSDRILL_ADMIN_TOKEN: TOKEN,
      DEFAULT_SCENARIO: 'tutorial',
      LOGIN_RATE_LIMIT: '0',
    };
  });
  afterEach(async () => {
    viewers.forEach((v) => v.socket.close());
    viewers = [];
    await Promise.all(servers.map((s) => killServer(s)));
    servers = [];
    await redis?.stop();
    await cleanup();
  });

  const start = async (): Promise<ServerProcess> => {
    const server = await startServerProcess(env);
    servers.push(server);
    return server;
  };
  const api = async <T>(
    server: ServerProcess,
    path: string,
    init: RequestInit = {},
  ): Promise<{ status: number; body: T }> => {
    const res = await fetch(`${server.url}${path}`, { ...init, headers: AUTH });
    return { status: res.status, body: (await res.json()) as T };
  };
  const act = (server: ServerProcess, run: string) => {
    const channel = CHANNELS[Math.floor(Math.random() * CHANNELS.length)]!;
    const status = STATUSES[Math.floor(Math.random() * STATUSES.length)]!;
    const sent = api<{ seq: number }>(server, `/api/runs/${run}/actions`, {
      method: 'POST',
      body: JSON.stringify({ action: { type: 'set-actual', channel, status } }),
    });
    return { channel, status, sent };
  };
  /** The instance and version a process's status page shows for `run`. */
  const shown = async (server: ServerProcess, run: string): Promise<{ instance: string; version: number }> => {
    const html = await (await fetch(`${server.url}/r/${run}`)).text();
    const main = /data-instance="([^"]+)" data-version="(\d+)"/.exec(html);
    if (main === null) throw new Error('the page has no instance and version');
    return { instance: main[1]!, version: Number(main[2]) };
  };
  const watch = async (server: ServerProcess, run: string, count: number): Promise<OrderedViewer[]> => {
    const made = await Promise.all(
      Array.from({ length: count }, (_, i) => orderedViewer(server.url, run, i % 2 === 0 ? 'fr' : 'en')),
    );
    viewers.push(...made);
    return made;
  };
  /** Waits until every viewer shows what the page shows; says what each held if it times out. */
  const allOn = async (group: OrderedViewer[], server: ServerProcess, run: string): Promise<void> => {
    let last = '';
    await eventually(async () => {
      const { instance, version } = await shown(server, run);
      const held = group.map(
        (v) =>
          `${v.current()?.instance ?? '-'}@${v.current()?.version ?? '-'}${v.socket.connected ? '' : ' (disconnected)'}`,
      );
      last = `the page ${instance}@${version}, the viewers ${held.join(' ')}`;
      return group.every((v) => v.current()?.instance === instance && v.current()?.version === version);
    }, 'every viewer to show what the page shows').catch((error: Error) => {
      throw new Error(`${error.message} (last seen: ${last})`);
    });
  };

  it('brings every change to the viewers of both processes in order, and hands the runs over when the leader dies', async () => {
    const first = await start();
    await eventually(() => leads(first), 'the first process to lead');
    const second = await start();
    await eventually(async () => (await api(second, '/api/runs')).status === 200, 'the second to know the leader');

    // Made through the process that does not lead: the control plane is passed on.
    const created = await api<{ run: { id: string } }>(second, '/api/runs', {
      method: 'POST',
      body: JSON.stringify({ scenario: LA_POSTE, mode: 'replay', speed: 600 }),
    });
    expect(created.status).to.equal(201);
    const run = created.body.run.id;
    await eventually(async () => (await fetch(`${second.url}/r/${run}`)).status === 200, 'the run on the second');
    const onFirst = await watch(first, run, 6);
    const onSecond = await watch(second, run, 6);

    const acknowledged: Acknowledged[] = [];
    for (let i = 0; i < 20; i += 1) {
      const { channel, status, sent } = act(i % 2 === 0 ? first : second, run);
      const answer = await sent;
      expect(answer.status).to.equal(201);
      acknowledged.push({ seq: answer.body.seq, channel, status });
    }
    await eventually(
      async () => JSON.stringify(await shown(first, run)) === JSON.stringify(await shown(second, run)),
      'both processes to show the same version',
    );
    const before = await shown(first, run);
    await allOn([...onFirst, ...onSecond], first, run);
    for (const viewer of [...onFirst, ...onSecond]) {
      expect(outOfOrder(viewer), 'applied out of order').to.deep.equal([]);
      expect(viewer.gaps, 'gaps').to.equal(0);
      expect(new Set(viewer.applied.map((a) => a.instance)).size).to.equal(1);
    }
    // Paused, every viewer shows what a viewer joining now is shown, the changes applied part by part.
    await api(first, `/api/runs/${run}/control`, { method: 'POST', body: JSON.stringify({ control: 'pause' }) });
    await allOn([...onFirst, ...onSecond], first, run);
    for (const [server, group] of [
      [first, onFirst],
      [second, onSecond],
    ] as const) {
      const fresh = await watch(server, run, 2);
      // Viewers alternate French and English, as do the fresh ones.
      group.forEach((viewer, i) => expect(viewer.html, `viewer ${i}`).to.equal(fresh[i % 2]!.html));
    }
    await api(first, `/api/runs/${run}/control`, { method: 'POST', body: JSON.stringify({ control: 'play' }) });

    // The leader dies with an action in flight.
    const inFlight = act(first, run);
    inFlight.sent.catch(() => undefined);
    await new Promise((done) => setTimeout(done, Math.floor(Math.random() * 5)));
    await killServer(first, 'SIGKILL');
    await eventually(() => leads(second), 'the second process to lead');
    for (let i = 0; i < 5; i += 1) {
      const { channel, status, sent } = act(second, run);
      const answer = await sent;
      expect(answer.status).to.equal(201);
      acknowledged.push({ seq: answer.body.seq, channel, status });
    }

    const after = await shown(second, run);
    expect(after.instance).to.not.equal(before.instance);
    await allOn(onSecond, second, run);
    for (const viewer of onSecond) expect(outOfOrder(viewer), 'applied out of order').to.deep.equal([]);

    expectEveryAcknowledgedAction((await api<LogRecord[]>(second, `/api/runs/${run}/log`)).body, acknowledged);
    await api(second, `/api/runs/${run}/control`, { method: 'POST', body: JSON.stringify({ control: 'pause' }) });
    const view = (await api<ConsoleView>(second, `/api/runs/${run}`)).body;
    const paused = (await api<LogRecord[]>(second, `/api/runs/${run}/log`)).body;
    await expectStateToBeTheFold(view, paused, LA_POSTE, 'replay');
  });

  it('serves WORKERS processes behind one port, polling viewers included, and replaces a leader that dies', async () => {
    env = { ...env, WORKERS: '2' };
    const primary = await start();
    await eventually(() => leads(primary), 'a worker to lead');
    await eventually(async () => (await api(primary, '/api/runs')).status === 200, 'the control API');
    const created = await api<{ run: { id: string } }>(primary, '/api/runs', {
      method: 'POST',
      body: JSON.stringify({ scenario: LA_POSTE, mode: 'replay', speed: 600 }),
    });
    expect(created.status).to.equal(201);
    const run = created.body.run.id;
    await eventually(
      async () => (await fetch(`${primary.url}/r/${run}`)).status === 200,
      'the run on every worker',
      5_000,
    );
    const group = await watch(primary, run, 8);
    const polling = await orderedViewer(primary.url, run, 'fr', ['polling']);
    viewers.push(polling);
    for (let i = 0; i < 10; i += 1) {
      const answer = await act(primary, run).sent;
      const warnings = primary.lines.filter((l) => l.level >= 40).map((l) => l.msg);
      expect(answer.status, `answered ${JSON.stringify(answer.body)}; warnings: ${warnings.join(' | ')}`).to.equal(201);
    }
    await allOn([...group, polling], primary, run);
    for (const viewer of [...group, polling]) expect(outOfOrder(viewer), 'applied out of order').to.deep.equal([]);

    const leader = /^(\S+):(\d+) leads the cluster/.exec(
      primary.lines.find((l) => l.msg.includes('leads the cluster'))!.msg,
    );
    process.kill(Number(leader![2]), 'SIGKILL');
    await eventually(
      () => primary.lines.filter((l) => l.msg.includes('leads the cluster')).length === 2,
      'another worker to lead',
    );
    await eventually(() => primary.lines.some((l) => l.msg.includes('a worker stopped')), 'the primary to replace it');
    for (let i = 0; i < 3; i += 1) {
      const answer = await act(primary, run).sent.catch(() => ({ status: 0 }));
      if (answer.status !== 201) await new Promise((done) => setTimeout(done, 500));
    }
    await allOn([...group, polling], primary, run);
    for (const viewer of [...group, polling]) expect(outOfOrder(viewer), 'applied out of order').to.deep.equal([]);
  });
});
