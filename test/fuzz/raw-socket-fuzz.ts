/**
 * The raw packet fuzz: connections that speak engine.io over a bare WebSocket, join `/status` or
 * `/control` (as the facilitator) and send malformed packets (raw-packets.ts). After each, a probe
 * (a join of a namespace that does not exist) must be answered or the connection closed, within
 * the bound; no event may be acknowledged as done; every run's state must stay as it was. Every
 * twenty connections the server's health is asked, and a viewer connected the ordinary way must
 * receive a change made to its run.
 */
import WebSocket from 'ws';
import { CONTROL_SOCKET_PATH } from '../../server/web/control-plane.js';
import request from 'supertest';
import { connectViewer, waitFor, type Viewer } from '../support/viewers.js';
import { FACILITATOR_AUTH } from '../support/control.js';
import { Rng } from './rng.js';
import type { FuzzTarget, SurfaceFuzzOptions } from './fuzz-target.js';
import { rawSession, type Frame, type RawSession } from './raw-packets.js';
import { describeChange } from './state-fingerprint.js';
import { bytesForReport, STOP_AFTER_FAILURES, Tally } from './tally.js';

/** Runs the raw packet fuzz. */
export async function fuzzRawPackets({ seed, count, target, boundMs }: SurfaceFuzzOptions): Promise<Tally> {
  const tally = new Tally();
  const bystander = await connectViewer(target.url);
  try {
    await bystander.timeout(boundMs).emitWithAck('status:join', { run: target.ids.replay, lang: 'en' });
    const checkViewers = async (index: number): Promise<void> => {
      const reason = await viewersStillServed(target, bystander, boundMs);
      if (reason !== undefined)
        tally.fail({ index, surface: 'bystander', what: 'a change after raw packets', reason, sent: {} });
    };
    let before = target.fingerprint();
    for (let index = 0; index < count && tally.failures.length < STOP_AFTER_FAILURES; index++) {
      const session = rawSession(Rng.derive(seed, 'raw', index), target);
      const { reasons, answers } = await play(target, session, boundMs);
      for (const what of session.what) tally.count(`/${session.namespace} ${what}`);
      tally.outcome(answers);
      const after = target.fingerprint();
      if (after !== before) reasons.push(`the state changed: ${describeChange(before, after)}`);
      if (reasons.length > 0) {
        const sent = session.frames.map((f) =>
          'text' in f ? { text: f.text.slice(0, 2_000) } : { [f.as]: bytesForReport(f.bytes) },
        );
        tally.fail({
          index,
          surface: `/${session.namespace} raw`,
          what: session.what.join(', '),
          reason: reasons.join('; '),
          sent,
        });
      }
      before = after;
      if (index % 20 === 19) {
        await checkViewers(index);
        before = target.fingerprint();
      }
    }
    await checkViewers(count);
  } finally {
    bystander.close();
  }
  return tally;
}

/** Plays one session; what went wrong, and how the server answered (for the figures). */
async function play(
  target: FuzzTarget,
  session: RawSession,
  boundMs: number,
): Promise<{ reasons: string[]; answers: string }> {
  const reasons: string[] = [];
  // Viewers' sockets are served at /socket.io, the console's and desks' at their own path.
  const path = session.namespace === 'control' ? CONTROL_SOCKET_PATH : '/socket.io';
  const url = `${target.url.replace(/^http/, 'ws')}${path}/?EIO=4&transport=websocket`;
  const headers = session.namespace === 'control' ? { Cookie: target.facilitator[0]!.session.cookie } : {};
  const ws = new WebSocket(url, { headers });
  const received: string[] = [];
  ws.on('message', (data: Buffer, binary: boolean) => {
    if (!binary) received.push(data.toString('utf8'));
  });
  ws.on('error', () => undefined);
  const closed = new Promise<void>((done) => ws.once('close', () => done()));
  const until = async (check: () => boolean, what: string): Promise<boolean> => {
    const deadline = Date.now() + boundMs;
    while (!check() && ws.readyState !== WebSocket.CLOSED) {
      if (Date.now() > deadline) {
        reasons.push(`no ${what} within ${boundMs} ms`);
        return false;
      }
      await new Promise((done) => setTimeout(done, 5));
    }
    return check();
  };
  try {
    if (!(await until(() => received.some((m) => m.startsWith('0{')), 'engine.io handshake')))
      return { reasons, answers: 'no handshake' };
    ws.send(`40/${session.namespace},${session.auth}`);
    // Joined (40), or refused with a connection error (44): either way an answer.
    if (
      !(await until(
        () => received.some((m) => /^4[04]\//.test(m) && m.startsWith(`/${session.namespace},`, 2)),
        'namespace join',
      ))
    )
      return { reasons, answers: 'not joined' };
    for (const frame of session.frames) send(ws, frame);
    ws.send('40/fuzz-probe,');
    await until(() => received.some((m) => m.startsWith('44/fuzz-probe,')), 'answer to the probe');
    for (const message of received) {
      const ack = /^43\/\w+,\d+(\[.*\])$/s.exec(message)?.[1];
      if (ack !== undefined && (JSON.parse(ack) as Array<{ ok?: unknown }>)[0]?.ok === true)
        reasons.push(`an event was acknowledged as done: ${message.slice(0, 300)}`);
    }
    return { reasons, answers: ws.readyState === WebSocket.OPEN ? 'probe answered' : 'closed by the server' };
  } finally {
    ws.terminate();
    await closed;
  }
}

function send(ws: WebSocket, frame: Frame): void {
  if (ws.readyState !== WebSocket.OPEN) return;
  // A callback makes a failed write an error reported to it, not a throw.
  if ('text' in frame) ws.send(frame.text, () => undefined);
  else ws.send(frame.bytes, { binary: frame.as === 'binary' }, () => undefined);
}

/** After raw packets, a change to the run reaches the viewer connected the ordinary way; the health check answers. */
async function viewersStillServed(target: FuzzTarget, viewer: Viewer, boundMs: number): Promise<string | undefined> {
  const health = await request(target.url)
    .get('/healthz')
    .timeout(boundMs)
    .catch(() => undefined);
  if (health?.status !== 200) return `the health check answered ${health?.status ?? 'nothing'}`;
  const run = target.app.runs.require(target.ids.replay);
  const status = run.currentState().channels.atm?.actual === 'partial_outage' ? 'operational' : 'partial_outage';
  await request(target.url)
    .post(`/api/runs/${target.ids.replay}/actions`)
    .set(FACILITATOR_AUTH)
    .send({ action: { type: 'set-actual', channel: 'atm', status } })
    .expect(201);
  const version = run.version;
  try {
    await waitFor(viewer, (received) => received.some((s) => s.version === version), `version ${version}`);
    return undefined;
  } catch (error) {
    return `the viewer did not receive the change: ${(error as Error).message}`;
  }
}
