/**
 * Crash recovery, for real: the server runs as a child process with its database in a temporary
 * folder; a run plays while actions are acknowledged through the API; the process is killed with
 * SIGKILL at a random moment, even with a request in flight; restarted, it has every acknowledged
 * action in the run's log, and the run's state equals the fold of its log.
 */
import { expect } from 'chai';
import type { ConsoleView } from '../../server/control/views.js';
import type { LogRecord } from '../../server/replay/run-log.js';
import type { Status } from '../../server/scenario/vocabulary.js';
import { killServer, startServerProcess, type ServerProcess } from '../support/server-process.js';
import { tempDir } from '../support/temp-dir.js';
import { expectEveryAcknowledgedAction, expectStateToBeTheFold, type Acknowledged } from '../support/acknowledged.js';

const TOKEN = 'recovery-test-token-0123456789';
const AUTH = { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' };
const LA_POSTE = 'la-poste-ddos-2025-12-22';
const CHANNELS = ['lbp-web', 'lbp-app', 'lp-web', 'lp-tracking', 'digiposte', 'lbp-atm'];
const STATUSES: Status[] = ['major_outage', 'partial_outage', 'degraded_performance', 'operational'];

describe('recovery after a crash', function () {
  this.timeout(60_000);
  let server: ServerProcess | undefined;
  let cleanup: () => Promise<void> = () => Promise.resolve();
  afterEach(async () => {
    await killServer(server);
    server = undefined;
    await cleanup();
  });

  const api = async <T>(path: string, init: RequestInit = {}): Promise<{ status: number; body: T }> => {
    const res = await fetch(`${server!.url}${path}`, { ...init, headers: AUTH });
    return { status: res.status, body: (await res.json()) as T };
  };

  it("brings back a run's join codes and approval setting, so its responders can come back in", async () => {
    let dir: string;
    ({ dir, cleanup } = await tempDir());
    const env = { DATA_DIR: dir, STATUSDRILL_ADMIN_TOKEN: TOKEN, DEFAULT_SCENARIO: 'tutorial' };
    server = await startServerProcess(env);
    const created = await api<{ run: { id: string } }>('/api/runs', {
      method: 'POST',
      body: JSON.stringify({ scenario: LA_POSTE, mode: 'exercise', requireApproval: true, play: false }),
    });
    const run = created.body.run.id;
    const code = (await api<{ code: string }>(`/api/runs/${run}/codes`, { method: 'POST', body: '{"label":"Comms"}' }))
      .body.code;
    await killServer(server, 'SIGKILL');

    server = await startServerProcess(env);
    const view = await api<ConsoleView>(`/api/runs/${run}`);
    expect(view.body.summary.requireApproval).to.equal(true);
    const asResponder = await fetch(`${server.url}/api/runs/${run}`, { headers: { Authorization: `Bearer ${code}` } });
    expect(asResponder.status).to.equal(200);
  });

  for (let trial = 1; trial <= 3; trial += 1) {
    it(`keeps every acknowledged action through SIGKILL at a random moment (trial ${trial})`, async () => {
      let dir: string;
      ({ dir, cleanup } = await tempDir());
      const env = {
        DATA_DIR: dir,
        STATUSDRILL_ADMIN_TOKEN: TOKEN,
        DEFAULT_SCENARIO: 'tutorial',
        LOGIN_RATE_LIMIT: '0',
      };
      server = await startServerProcess(env);
      const created = await api<{ run: { id: string } }>('/api/runs', {
        method: 'POST',
        body: JSON.stringify({ scenario: LA_POSTE, mode: 'exercise', speed: 600 }),
      });
      expect(created.status).to.equal(201);
      const run = created.body.run.id;

      const acknowledged: Acknowledged[] = [];
      const count = 5 + Math.floor(Math.random() * 25);
      const act = (i: number) => {
        const channel = CHANNELS[i % CHANNELS.length]!;
        const status = STATUSES[Math.floor(Math.random() * STATUSES.length)]!;
        return {
          channel,
          status,
          sent: api<{ seq: number }>(`/api/runs/${run}/actions`, {
            method: 'POST',
            body: JSON.stringify({ action: { type: 'set-actual', channel, status } }),
          }),
        };
      };
      for (let i = 0; i < count; i += 1) {
        const { channel, status, sent } = act(i);
        const answer = await sent;
        expect(answer.status).to.equal(201);
        acknowledged.push({ seq: answer.body.seq, channel, status });
      }
      // One more in flight, then the kill, a few milliseconds later or at once.
      const inFlight = act(count);
      inFlight.sent.catch(() => undefined);
      await new Promise((done) => setTimeout(done, Math.floor(Math.random() * 5)));
      await killServer(server, 'SIGKILL');

      server = await startServerProcess(env);
      const paused = await api<unknown>(`/api/runs/${run}/control`, {
        method: 'POST',
        body: JSON.stringify({ control: 'pause' }),
      });
      expect(paused.status, 'the run came back').to.equal(200);
      const log = (await api<Array<LogRecord & { line: string }>>(`/api/runs/${run}/log`)).body;
      expectEveryAcknowledgedAction(log, acknowledged);
      const view = (await api<ConsoleView>(`/api/runs/${run}`)).body;
      await expectStateToBeTheFold(view, log, LA_POSTE, 'exercise');
    });
  }
});
