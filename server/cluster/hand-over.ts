/**
 * Sockets handed to a worker whole. Node keeps reading a socket it has sent to another process
 * until that process acknowledges it, and throws away what it reads meanwhile
 * (nodejs/node#8353). `@socket.io/sticky` hands a WebSocket to a worker with its upgrade request;
 * the worker answers at once, and the client's first message (socket.io's CONNECT) may come back
 * before the primary has heard the acknowledgement: the primary swallowed it, and the viewer
 * waited for an answer that never came, without retrying. So the primary stops reading a socket
 * as it sends it, and what the client writes stays in the kernel for the worker.
 */
import { Socket } from 'node:net';

/** What sends messages and handles to another process: a cluster worker or a child process. */
export interface HandleSender {
  send(...args: unknown[]): boolean;
}

/** The part of a socket's native handle used here (Node's own `pause()` leaves it reading). */
interface NativeHandle {
  readStop(): number;
}

/** Makes `target.send` stop reading every socket it sends, before it sends it. */
export function handOverWhole(target: HandleSender): void {
  const send = target.send.bind(target);
  target.send = (...args: unknown[]): boolean => {
    const handle = args[1];
    if (handle instanceof Socket) stopReading(handle);
    return send(...args);
  };
}

function stopReading(socket: Socket): void {
  (socket as unknown as { _handle: NativeHandle | null })._handle?.readStop();
}
