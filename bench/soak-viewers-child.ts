/**
 * A process of soak viewers: `count` status page viewers of one run that behave as the page's
 * script does (a change one version ahead is applied, a gap asks for a snapshot, a reconnection
 * joins again) and keep score of what they received. Messages in: a `SoakViewersRequest`, then
 * `'report'`. Messages out: `{ ready, connectMs }`, then a `SoakTally`.
 */
import { io, type Socket } from 'socket.io-client';
import { STATUS_NAMESPACE, type StatusChange, type StatusSnapshot } from '../server/events.js';

/** What the parent sends first. */
export interface SoakViewersRequest {
  url: string;
  run: string;
  count: number;
  lang: 'fr' | 'en';
}

/** What the viewers of this process received, summed. */
export interface SoakTally {
  viewers: number;
  changes: number;
  snapshots: number;
  /** Changes whose version was not above the last one applied: never allowed. */
  outOfOrder: number;
  /** Changes more than one version ahead: the viewer asked for a snapshot. */
  gaps: number;
  /** Gaps whose snapshot was at least the version that revealed the gap. */
  gapsRecovered: number;
  /** Gaps whose snapshot was older: never allowed. */
  gapsStale: number;
  reconnects: number;
  /** Lowest and highest version the viewers hold now. */
  minVersion: number;
  maxVersion: number;
}

interface ViewerState {
  version: number;
  /** The version of the change that revealed a gap, until the snapshot comes. */
  awaiting: number | undefined;
}

const tally: SoakTally = {
  viewers: 0,
  changes: 0,
  snapshots: 0,
  outOfOrder: 0,
  gaps: 0,
  gapsRecovered: 0,
  gapsStale: 0,
  reconnects: 0,
  minVersion: 0,
  maxVersion: 0,
};
const viewers: Array<{ socket: Socket; state: ViewerState }> = [];
const send = (message: unknown): void => {
  process.send?.(message);
};

process.on('message', (message: SoakViewersRequest | 'report') => {
  if (message === 'report') {
    const versions = viewers.map((v) => v.state.version);
    send({ ...tally, viewers: viewers.length, minVersion: Math.min(...versions), maxVersion: Math.max(...versions) });
    return;
  }
  void connectAll(message);
});
process.on('disconnect', () => {
  for (const { socket } of viewers) socket.close();
  process.exit(0);
});

/** Connects one viewer and resolves once it holds its first snapshot. */
function connectOne({ url, run, lang }: SoakViewersRequest): Promise<void> {
  const socket = io(`${url}${STATUS_NAMESPACE}`, { transports: ['websocket'], forceNew: true });
  const state: ViewerState = { version: -1, awaiting: undefined };
  const join = (): void => {
    socket.emit('status:join', { run, lang });
  };
  let first: (() => void) | undefined;
  const ready = new Promise<void>((done) => (first = done));
  socket.on('connect', () => {
    if (first === undefined) tally.reconnects += 1;
    join();
  });
  socket.on('status:snapshot', (snapshot: StatusSnapshot) => {
    tally.snapshots += 1;
    if (state.awaiting !== undefined) {
      if (snapshot.version >= state.awaiting) tally.gapsRecovered += 1;
      else tally.gapsStale += 1;
      state.awaiting = undefined;
    }
    state.version = snapshot.version;
    first?.();
    first = undefined;
  });
  socket.on('status:changed', (snapshot: StatusChange) => {
    tally.changes += 1;
    if (state.awaiting !== undefined) return;
    if (snapshot.version <= state.version) tally.outOfOrder += 1;
    else if (snapshot.version > state.version + 1) {
      tally.gaps += 1;
      state.awaiting = snapshot.version;
      join();
    } else state.version = snapshot.version;
  });
  viewers.push({ socket, state });
  return ready;
}

/** Connects `count` viewers, 50 at a time, and tells the parent how long it took. */
async function connectAll(request: SoakViewersRequest): Promise<void> {
  const started = performance.now();
  for (let i = 0; i < request.count; i += 50)
    await Promise.all(Array.from({ length: Math.min(50, request.count - i) }, () => connectOne(request)));
  send({ ready: true, connectMs: performance.now() - started });
}
