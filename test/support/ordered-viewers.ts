/**
 * Viewers of a status page that behave as the page's script does (a change one version ahead is
 * applied, a gap or another instance asks for a snapshot, a reconnection joins again) and keep
 * what they applied, so a test can check that nothing was applied out of order, and the live
 * region they would show.
 */
import { io as connect, type Socket } from 'socket.io-client';
import { STATUS_NAMESPACE, type StatusChange, type StatusSnapshot } from '../../server/events.js';
import { applyParts } from '../../server/web/live-parts.js';

/** What a viewer applied, in order. */
export interface Applied {
  instance: string;
  version: number;
  how: 'snapshot' | 'change';
}

/** A viewer and what it applied. */
export interface OrderedViewer {
  socket: Socket;
  applied: Applied[];
  /** Changes more than one version ahead, each followed by a join. */
  gaps: number;
  /** What the viewer shows now. */
  current(): Applied | undefined;
  /** The live region's markup it shows now, changes applied as the page's script applies them. */
  html: string;
}

/** Connects a viewer of `run` on the server at `url`, and resolves once it holds a snapshot. */
export async function orderedViewer(
  url: string,
  run: string,
  lang: 'fr' | 'en' = 'fr',
  transports: Array<'websocket' | 'polling'> = ['websocket'],
): Promise<OrderedViewer> {
  const socket = connect(`${url}${STATUS_NAMESPACE}`, { transports, forceNew: true });
  const viewer: OrderedViewer = {
    socket,
    applied: [],
    gaps: 0,
    current: () => viewer.applied.at(-1),
    html: '',
  };
  const join = (): void => {
    socket.emit('status:join', { run, lang });
  };
  let first: (() => void) | undefined;
  const ready = new Promise<void>((done) => (first = done));
  socket.on('connect', join);
  socket.on('status:snapshot', (s: StatusSnapshot) => {
    viewer.applied.push({ instance: s.instance, version: s.version, how: 'snapshot' });
    viewer.html = s.html;
    first?.();
    first = undefined;
  });
  socket.on('status:changed', (s: StatusChange) => {
    const now = viewer.current();
    if (now === undefined) return;
    if (s.instance !== now.instance) return join();
    if (s.version <= now.version) return;
    if (s.version > now.version + 1) {
      viewer.gaps += 1;
      return join();
    }
    viewer.applied.push({ instance: s.instance, version: s.version, how: 'change' });
    viewer.html = 'html' in s ? s.html : applyParts(viewer.html, s.parts);
  });
  await ready;
  return viewer;
}

/**
 * What a viewer applied that breaks the order, within an instance: a change that is not the very
 * next version, or a snapshot older than what the viewer showed (a snapshot may jump ahead).
 */
export function outOfOrder(viewer: OrderedViewer): Applied[] {
  return viewer.applied.filter((a, i) => {
    const before = viewer.applied[i - 1];
    if (before === undefined || before.instance !== a.instance) return false;
    return a.how === 'change' ? a.version !== before.version + 1 : a.version < before.version;
  });
}
