/**
 * The two socket.io servers of a process: viewers' `/status` at `/socket.io` (which also serves
 * the browser client), and the console's and desks' `/control` at `/control.io`, apart so that a
 * process of a cluster can pass the control plane on to the leader by path while it keeps its own
 * viewers. In a cluster, `/status` is joined to the other processes' through socket.io's Redis
 * adapter; `/control` lives on the leader alone.
 */
import type { Server as HttpServer, IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { createAdapter } from '@socket.io/redis-adapter';
import { Server, type ServerOptions } from 'socket.io';
import { CONTROL_NAMESPACE, STATUS_NAMESPACE } from '../events.js';
import { CONTROL_SOCKET_PATH } from './control-plane.js';
import { SOCKET_MESSAGE_LIMIT } from './limits.js';

/** The Redis connections the adapter uses: commands (publishing) and subscriptions. */
export interface AdapterRedis {
  commands: object;
  subscriber: object;
  /** Told of a publication Redis refused (it is away); the adapter itself would leave it unhandled. */
  onError(error: unknown): void;
}

const COMMON: Partial<ServerOptions> = {
  maxHttpBufferSize: SOCKET_MESSAGE_LIMIT,
  // Compression costs about 5x the CPU and 15x the memory per viewer for no gain on 1 KB messages.
  perMessageDeflate: false,
  httpCompression: false,
  // Upgrades for the other server's path are its own; unknown ones are closed below.
  destroyUpgrade: false,
};

/** The socket.io servers of a process. */
export interface SocketServers {
  /** Viewers' server, attached. */
  io: Server;
  /** The control server, attached by `attachControl()` (at once, or when the process takes charge). */
  controlIo: Server;
  attachControl(): void;
  /** Closes the control server (its sockets, and its engine once attached). */
  closeControl(): Promise<void>;
}

/** Makes both servers, viewers' attached to `httpServer` now; joins `/status` to Redis when given. */
export function socketServers(httpServer: HttpServer, redis?: AdapterRedis): SocketServers {
  const io = new Server(httpServer, { ...COMMON, serveClient: true });
  if (redis !== undefined) {
    const status = io.of(STATUS_NAMESPACE);
    status.adapter = createAdapter(
      quietPublisher(redis.commands, (error) => redis.onError(error)),
      redis.subscriber,
    )(status);
  }
  const controlIo = new Server({ ...COMMON, path: CONTROL_SOCKET_PATH, serveClient: false });
  let attached = false;
  httpServer.on('upgrade', (req: IncomingMessage, socket: Duplex) => {
    const url = req.url ?? '';
    if (url.startsWith('/socket.io/') || url.startsWith(`${CONTROL_SOCKET_PATH}/`)) return;
    socket.destroy();
  });
  return {
    io,
    controlIo,
    attachControl: () => {
      if (attached) return;
      attached = true;
      controlIo.attach(httpServer);
    },
    closeControl: () => {
      // Not `controlIo.close()`: it would close the HTTP server, which the viewers' server closes.
      controlIo.of(CONTROL_NAMESPACE).disconnectSockets(true);
      if (attached) controlIo.engine.close();
      return Promise.resolve();
    },
  };
}

/**
 * The adapter's publishing connection, with its publications' failures told rather than left
 * unhandled (the adapter does not wait for them): while Redis is away, broadcasting stays local.
 */
function quietPublisher(client: object, onError: (error: unknown) => void): object {
  return new Proxy(client, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key, target);
      if (typeof value !== 'function') return value;
      const bound = (value as (...args: unknown[]) => unknown).bind(target);
      if (key !== 'publish') return bound;
      return (...args: unknown[]) => {
        const result = bound(...args);
        if (result instanceof Promise) result.catch(onError);
        return result;
      };
    },
  });
}
