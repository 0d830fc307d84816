/**
 * What the primary sees to as it hands its clients to workers (see `primary.ts`).
 *
 * A socket handed over whole: Node keeps reading a socket it has sent to another process until
 * that process acknowledges it, and throws away what it reads meanwhile (nodejs/node#8353).
 * `@socket.io/sticky` hands a WebSocket to a worker with its upgrade request; the worker answers at
 * once, and the client's first message (socket.io's CONNECT) may come back before the primary has
 * heard the acknowledgement: the primary swallowed it, and the viewer waited for an answer that
 * never came, without retrying. So the primary stops reading a socket as it sends it, and what
 * the client writes stays in the kernel for the worker.
 *
 * A request with a body stays on the primary's socket, its bytes passed to the worker and the
 * answer's passed back; `@socket.io/sticky` never closes such a socket when its worker dies, and
 * the client (a facilitator's action, a polling viewer's message) would wait for an answer for
 * ever. The primary closes it, and the client knows at once.
 */
import { Socket, type Server } from 'node:net';

/** What sends messages and handles to another process: a cluster worker or a child process. */
export interface HandleSender {
  send(...args: unknown[]): boolean;
}

/** The part of a socket's native handle used here (Node's own `pause()` leaves it reading). */
interface NativeHandle {
  readStop(): number;
}

function stopReading(socket: Socket): void {
  (socket as unknown as { _handle: NativeHandle | null })._handle?.readStop();
}

/** What `@socket.io/sticky` tells a worker of a request it keeps reading itself (one with a body). */
interface HeldRequestStart {
  type: 'sticky:http-chunk-start';
  socketInfo: { remoteAddress?: string; remotePort?: number };
}

function isHeldRequestStart(message: unknown): message is HeldRequestStart {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as { type?: unknown }).type === 'sticky:http-chunk-start' &&
    typeof (message as { socketInfo?: unknown }).socketInfo === 'object'
  );
}

const addressOf = (info: { remoteAddress?: string | undefined; remotePort?: number | undefined }): string =>
  `${info.remoteAddress ?? ''}:${info.remotePort ?? ''}`;

/** The connections the primary hands to workers, or keeps for them. */
export class HandOvers {
  private readonly open = new Map<string, Socket>();
  private readonly held = new Map<number, Set<Socket>>();

  /** Follows every connection `server` accepts. */
  follow(server: Server): void {
    server.on('connection', (socket: Socket) => {
      const address = addressOf(socket);
      this.open.set(address, socket);
      socket.once('close', () => {
        this.open.delete(address);
        for (const sockets of this.held.values()) sockets.delete(socket);
      });
    });
  }

  /**
   * Makes `target.send` (worker `id`'s) stop reading a socket it hands over, and note the
   * connections kept for the worker.
   */
  watch(id: number, target: HandleSender): void {
    const send = target.send.bind(target);
    target.send = (...args: unknown[]): boolean => {
      const [message, handle] = args;
      if (handle instanceof Socket) {
        stopReading(handle);
        // Now the worker's to close: the primary forgets it.
        this.open.delete(addressOf(handle));
      }
      if (isHeldRequestStart(message)) {
        const socket = this.open.get(addressOf(message.socketInfo));
        if (socket !== undefined) this.heldFor(id).add(socket);
      }
      return send(...args);
    };
  }

  /** Closes every connection kept for worker `id`, which is gone. */
  workerGone(id: number): void {
    for (const socket of this.held.get(id) ?? []) socket.destroy();
    this.held.delete(id);
  }

  private heldFor(id: number): Set<Socket> {
    let sockets = this.held.get(id);
    if (sockets === undefined) this.held.set(id, (sockets = new Set()));
    return sockets;
  }
}
