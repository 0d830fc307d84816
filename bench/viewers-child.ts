/**
 * A process of status page viewers for the benchmarks: connects `count` viewers to a run's room
 * and reports to its parent (IPC) the wall time at which the last of them received each marker.
 * Messages in: `{ url, run, count }`. Messages out: `{ ready: true }`, `{ marker, atMs }`.
 */
import { io, type Socket } from 'socket.io-client';
import { STATUS_NAMESPACE, type StatusChange } from '../server/events.js';

/** What the parent sends. */
export interface ViewersRequest {
  url: string;
  run: string;
  count: number;
  /** Markers to look for in the changes, as they are published. */
  marker?: string;
}

const send = (message: unknown): void => {
  process.send?.(message);
};
const wallNow = (): number => performance.timeOrigin + performance.now();
const pending = new Map<string, number>();
const sockets: Socket[] = [];

process.on('message', (message: ViewersRequest) => {
  if (message.marker !== undefined) {
    pending.set(message.marker, sockets.length);
    return;
  }
  void connectAll(message);
});
process.on('disconnect', () => {
  for (const socket of sockets) socket.close();
  process.exit(0);
});

async function connectAll({ url, run, count }: ViewersRequest): Promise<void> {
  for (let i = 0; i < count; i += 1) {
    const socket = io(`${url}${STATUS_NAMESPACE}`, { transports: ['websocket'], forceNew: true, reconnection: false });
    socket.on('status:changed', (change: StatusChange) => {
      const html = 'html' in change ? change.html : change.parts.map((part) => part.html).join('');
      for (const [marker, remaining] of pending) {
        if (!html.includes(marker)) continue;
        if (remaining > 1) pending.set(marker, remaining - 1);
        else {
          pending.delete(marker);
          send({ marker, atMs: wallNow() });
        }
      }
    });
    await new Promise<void>((done) => socket.once('connect', () => done()));
    await new Promise<void>((done) => socket.emit('status:join', { run, lang: 'en' }, () => done()));
    sockets.push(socket);
  }
  send({ ready: true });
}
