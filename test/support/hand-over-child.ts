/**
 * A process sockets are handed to, for `test/cluster/hand-over.test.ts`. Told `{ busyMs }`, it
 * holds its event loop that long, so it hears nothing meanwhile (a socket sent to it waits
 * unacknowledged); handed a socket, it sends back whatever the client writes on it.
 */
import type { Socket } from 'node:net';

process.on('message', (message: { busyMs?: number }, socket?: Socket) => {
  if (socket !== undefined) {
    socket.pipe(socket);
    return;
  }
  const until = Date.now() + (message.busyMs ?? 0);
  while (Date.now() < until);
});
process.send?.('ready');
