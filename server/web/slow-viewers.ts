/**
 * Viewers that stop reading. A page in a background tab of a frozen phone, or a client behind a
 * choked link, keeps its connection open while every broadcast piles up for it in the server's
 * memory. Broadcasting to the others never waits for it (each socket writes on its own), but its
 * backlog grows without bound. So, every so often, each viewer's backlog is measured (bytes the
 * WebSocket has not handed to the kernel yet, plus packets engine.io holds while the transport is
 * busy) and a viewer past the limit is cut at once, its buffers dropped. Its page reconnects by
 * itself when it reads again, and gets a fresh snapshot then: nothing it needs is lost.
 */
import type { Namespace, Socket } from 'socket.io';
import type { Logger } from '../logger.js';

/** When a viewer is too far behind. */
export interface SlowViewerLimits {
  /** Bytes written but not yet taken by the viewer's connection. @default 1 MiB */
  bufferedBytes: number;
  /** Packets waiting for the transport to be writable again. @default 64 */
  pendingPackets: number;
}

export const DEFAULT_SLOW_VIEWER_LIMITS: SlowViewerLimits = { bufferedBytes: 1024 * 1024, pendingPackets: 64 };

/** How often backlogs are measured. */
export const SWEEP_INTERVAL_MS = 1_000;

/** The engine.io internals measured: the public types do not expose them. */
interface EngineConnection {
  writeBuffer?: Array<{ data?: unknown }>;
  transport?: { name?: string; socket?: { bufferedAmount?: number; terminate?: () => void } };
  close(discard?: boolean): void;
}

/** What a viewer has waiting to be sent to it. */
export interface Backlog {
  bytes: number;
  packets: number;
}

/** The backlog of one socket.io socket. */
export function backlogOf(socket: Socket): Backlog {
  const conn = socket.conn as unknown as EngineConnection;
  const pending = conn.writeBuffer ?? [];
  let bytes = conn.transport?.socket?.bufferedAmount ?? 0;
  for (const packet of pending) if (typeof packet.data === 'string') bytes += packet.data.length;
  return { bytes, packets: pending.length };
}

/** Cuts a viewer's connection now, dropping what it has not read (no closing handshake to wait on). */
function cut(socket: Socket): void {
  const conn = socket.conn as unknown as EngineConnection;
  const ws = conn.transport?.socket;
  if (conn.transport?.name === 'websocket' && typeof ws?.terminate === 'function') ws.terminate();
  else conn.close(true);
}

/** Watches the viewers of `ns`. Returns the sweep (for tests) and a stop function. */
export function watchSlowViewers(
  ns: Namespace,
  options: { logger: Logger; limits?: Partial<SlowViewerLimits>; intervalMs?: number },
): { sweep: () => number; stop: () => void } {
  const limits = { ...DEFAULT_SLOW_VIEWER_LIMITS, ...options.limits };
  /** Cuts every viewer past the limits; returns how many. */
  const sweep = (): number => {
    let cutCount = 0;
    for (const socket of ns.sockets.values()) {
      const backlog = backlogOf(socket);
      if (backlog.bytes <= limits.bufferedBytes && backlog.packets <= limits.pendingPackets) continue;
      cut(socket);
      cutCount += 1;
    }
    if (cutCount > 0) {
      options.logger.warn(
        { viewers: cutCount, limits },
        `${cutCount} viewer(s) had stopped reading: disconnected, they get a snapshot when they come back`,
      );
    }
    return cutCount;
  };
  const timer = setInterval(sweep, options.intervalMs ?? SWEEP_INTERVAL_MS);
  timer.unref();
  return { sweep, stop: () => clearInterval(timer) };
}
