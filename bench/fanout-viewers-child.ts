/**
 * A process of viewers for the fan-out benchmark, of one of two kinds: `socket.io`, the page's own
 * client (socket.io-client, WebSocket only) joining a run of statusdrill's `/status`, or `ws`, a
 * bare `ws` client of the raw baseline, which sends its snapshot on connection. Both parse every
 * frame (the JSON of `[event, snapshot]`), check that versions come in order, and note when each
 * version reached them on the machine's monotonic clock (see `monotonicMs`).
 */
import { io } from 'socket.io-client';
import { WebSocket } from 'ws';
import { STATUS_NAMESPACE, type StatusChange, type StatusSnapshot } from '../server/events.js';
import { answerRequests, monotonicMs } from './ipc.js';

/** What the parent asks for first. */
export interface ConnectRequest {
  kind: 'socket.io' | 'ws';
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
  /** Bytes of the last frame one socket.io viewer received (the snapshot), as the server wrote it. */
  frameBytes: number | undefined;
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

function socketIoViewer({ url, run }: ConnectRequest, first: boolean): Promise<void> {
  const socket = io(`${url}${STATUS_NAMESPACE}`, { transports: ['websocket'], forceNew: true, reconnection: false });
  closers.push(() => socket.close());
  if (first) {
    socket.io.engine?.on('packet', (packet: { type: string; data?: unknown }) => {
      if (packet.type === 'message' && typeof packet.data === 'string')
        tally.frameBytes = Buffer.byteLength(`4${packet.data}`);
    });
  }
  let held = -1;
  socket.on('connect', () => socket.emit('status:join', { run, lang: 'fr' }));
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

function wsViewer({ url }: ConnectRequest): Promise<void> {
  const socket = new WebSocket(url, { perMessageDeflate: false });
  closers.push(() => socket.terminate());
  let held = -1;
  return new Promise((done, fail) => {
    socket.on('message', (data: Buffer) => {
      const text = data.toString();
      const [event, snapshot] = JSON.parse(text.slice(text.indexOf('['))) as [string, StatusChange];
      if (event === 'status:snapshot') {
        held = snapshot.version;
        done();
      } else held = received(held, snapshot);
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
        const i = next++;
        await (request.kind === 'ws' ? wsViewer(request) : socketIoViewer(request, i === 0));
        tally.viewers += 1;
      }
    };
    await Promise.all(Array.from({ length: Math.min(request.concurrency, request.count) }, lane));
    return { startedMs, finishedMs: monotonicMs(), frameBytes: tally.frameBytes };
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
  tally: () => ({ ...tally, frameBytes: tally.frameBytes }),
  close: () => {
    for (const close of closers.splice(0)) close();
  },
});
