/**
 * A process of viewers for the fan-out benchmark, of three kinds. `ws`: a bare `ws` client of the
 * raw baseline, which sends its snapshot on connection. `socket.io`: the same `ws` client speaking
 * socket.io's protocol to statusdrill's `/status` (engine.io 4 over WebSocket only: the open
 * packet, a CONNECT to the namespace naming the run, pongs to pings), as the page's script does,
 * so that both kinds cost their process the same and the comparison is of the servers.
 * `socket.io-client`: the page's own client library, heavier (`BENCH_CLIENT=socket.io-client`).
 * Every kind parses every frame (the JSON of `[event, snapshot]`), checks that versions come in
 * order, and notes when each version reached it on the machine's monotonic clock.
 */
import { io } from 'socket.io-client';
import { WebSocket } from 'ws';
import { STATUS_NAMESPACE, type StatusChange, type StatusSnapshot } from '../server/events.js';
import { answerRequests, monotonicMs } from './ipc.js';

/** The kinds of viewers. */
export type ViewerKind = 'ws' | 'socket.io' | 'socket.io-client';

/** What the parent asks for first. */
export interface ConnectRequest {
  kind: ViewerKind;
  /** The raw baseline's `ws://` URL, or statusdrill's `http://` base. */
  url: string;
  run: string;
  count: number;
  /** Connections in flight at once in this process. */
  concurrency: number;
}

/** When the first connection was opened and the last viewer held its first snapshot. */
export interface Connected {
  startedMs: number;
  finishedMs: number;
}

/** When the last viewer of this process received a version, and how many did. */
export interface Reached {
  received: number;
  lastMs: number;
}

const closers: Array<() => void> = [];
const reached = new Map<number, Reached>();
const tally = { viewers: 0, outOfOrder: 0, gaps: 0, disconnects: 0, frameBytes: undefined as number | undefined };

/** Notes a change received by one viewer, whose last version was `held`. */
function received(held: number, snapshot: StatusChange): number {
  const at = monotonicMs();
  if (snapshot.version <= held) tally.outOfOrder += 1;
  else if (snapshot.version > held + 1) tally.gaps += 1;
  const seen = reached.get(snapshot.version) ?? { received: 0, lastMs: 0 };
  seen.received += 1;
  seen.lastMs = Math.max(seen.lastMs, at);
  reached.set(snapshot.version, seen);
  return snapshot.version;
}

/** The page's own client library. */
function socketIoClientViewer({ url, run }: ConnectRequest): Promise<void> {
  const socket = io(`${url}${STATUS_NAMESPACE}`, {
    auth: { run, lang: 'fr' },
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
  });
  closers.push(() => socket.close());
  let held = -1;
  socket.on('disconnect', () => (tally.disconnects += 1));
  socket.on('status:changed', (change: StatusChange) => (held = received(held, change)));
  return new Promise((done, fail) => {
    socket.once('status:snapshot', (snapshot: StatusSnapshot) => {
      held = snapshot.version;
      done();
    });
    socket.once('connect_error', fail);
  });
}

/**
 * A `ws` client: of the raw baseline, whose frames are events as socket.io writes them; or of
 * statusdrill, speaking the protocol socket.io-client speaks with `transports: ['websocket']`.
 */
function wsViewer({ kind, url, run }: ConnectRequest): Promise<void> {
  const socketIo = kind === 'socket.io';
  const address = socketIo ? `${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket` : url;
  const socket = new WebSocket(address, { perMessageDeflate: false });
  closers.push(() => socket.terminate());
  let held = -1;
  return new Promise((done, fail) => {
    socket.on('message', (data: Buffer) => {
      const text = data.toString();
      if (socketIo && !text.startsWith('42')) {
        // engine.io's open packet, answered with a CONNECT naming the run (the snapshot follows), then pings.
        if (text.startsWith('0')) socket.send(`40${STATUS_NAMESPACE},${JSON.stringify({ run, lang: 'fr' })}`);
        else if (text === '2') socket.send('3');
        return;
      }
      const [event, snapshot] = JSON.parse(text.slice(text.indexOf('['))) as [string, StatusChange];
      if (event === 'status:snapshot') {
        held = snapshot.version;
        done();
      } else {
        tally.frameBytes = data.length;
        held = received(held, snapshot);
      }
    });
    socket.on('close', () => (tally.disconnects += 1));
    socket.once('error', fail);
  });
}

answerRequests({
  connect: async (request: ConnectRequest): Promise<Connected> => {
    const startedMs = monotonicMs();
    let next = 0;
    const lane = async (): Promise<void> => {
      while (next < request.count) {
        next += 1;
        await (request.kind === 'socket.io-client' ? socketIoClientViewer(request) : wsViewer(request));
        tally.viewers += 1;
      }
    };
    await Promise.all(Array.from({ length: Math.min(request.concurrency, request.count) }, lane));
    return { startedMs, finishedMs: monotonicMs() };
  },
  /** Waits until every viewer of this process received `version` (`timeoutMs` at most). */
  reached: async ({ version, timeoutMs }: { version: number; timeoutMs: number }): Promise<Reached> => {
    const deadline = monotonicMs() + timeoutMs;
    while ((reached.get(version)?.received ?? 0) < tally.viewers && monotonicMs() < deadline)
      await new Promise((done) => setTimeout(done, 5));
    const result = reached.get(version) ?? { received: 0, lastMs: Number.NaN };
    reached.delete(version - 8);
    return result;
  },
  /** What the viewers saw; `frameBytes` is the size of the last change's frame (not measured by socket.io-client). */
  tally: () => ({ ...tally }),
  close: () => {
    for (const close of closers.splice(0)) close();
  },
});
