/**
 * The `/control` namespace: the console and the desks, live. A socket is admitted with its
 * browser's session cookie and the session's anti-forgery token (so another site cannot open one
 * in the user's name), from this site's origin. Every event re-checks the session, then runs the
 * command of the same name, with the same rights as the API; views are pushed after each change,
 * at most every 100 ms per run.
 */
import type { Namespace, Server, Socket } from 'socket.io';
import { AppError, UnauthorizedError } from '../errors.js';
import { assertRight, type Principal } from '../access/principal.js';
import { sameSecret } from '../access/secrets.js';
import { COMMANDS, dispatch, isCommand, type CommandName } from '../control/commands.js';
import type { ControlDeps } from '../control/deps.js';
import { isLanguage } from '../status/i18n.js';
import type { Logger } from '../logger.js';
import type { Run } from '../replay/run.js';
import {
  CONTROL_NAMESPACE,
  type Ack,
  type CommandAck,
  type ControlClientToServer,
  type ControlServerToClient,
} from '../events.js';
import { cookieSession, sameOrigin, sessionPrincipal, type AuthDeps } from './auth.js';

type ControlNamespace = Namespace<ControlClientToServer, ControlServerToClient>;
type ControlSocket = Socket<ControlClientToServer, ControlServerToClient>;

const PUSH_EVERY_MS = 100;
const LOBBY = 'lobby';
const runRoom = (run: string): string => `run:${run}`;

/** Serves `/control` on `io`. Returns a function that stops its timers. */
export function attachControlSocket(io: Server, deps: ControlDeps & { auth: AuthDeps; logger: Logger }): () => void {
  const ns: ControlNamespace = io.of(CONTROL_NAMESPACE);

  ns.use((socket, next) => {
    const session = cookieSession(deps.auth, socket.handshake.headers.cookie);
    const principal = sessionPrincipal(deps.auth, session);
    const csrf: unknown = (socket.handshake.auth as Record<string, unknown> | undefined)?.csrf;
    if (!sameOrigin(socket.handshake) || principal === undefined || session === undefined)
      return next(new Error('unauthorized'));
    if (typeof csrf !== 'string' || !sameSecret(csrf, session.csrf)) return next(new Error('unauthorized'));
    socket.data = { cookie: socket.handshake.headers.cookie, lang: langOf(socket.handshake.query.lang) };
    next();
  });

  /** The socket's principal now: a closed session or revoked code ends its rights at once. */
  const principalOf = (socket: ControlSocket): Principal | undefined =>
    sessionPrincipal(deps.auth, cookieSession(deps.auth, (socket.data as SocketData).cookie));

  const viewFor = (socket: ControlSocket, run: string): unknown =>
    dispatch(deps, { principal: principalOf(socket), lang: (socket.data as SocketData).lang }, 'runs:get', { run });

  const pending = new Map<string, NodeJS.Timeout>();
  const pushRun = (run: string): void => {
    if (pending.has(run)) return;
    pending.set(
      run,
      setTimeout(() => {
        pending.delete(run);
        void ns
          .in(runRoom(run))
          .fetchSockets()
          .then((sockets) => {
            for (const remote of sockets) {
              const socket = ns.sockets.get(remote.id);
              if (socket === undefined) continue;
              try {
                socket.emit('run:view', { run, view: viewFor(socket, run) });
              } catch (error) {
                if (error instanceof AppError) void socket.leave(runRoom(run));
                else deps.logger.error({ err: error, run }, 'control view failed');
              }
            }
          });
      }, PUSH_EVERY_MS),
    );
  };
  const follow = (run: Run): void => {
    run.on('updated', () => pushRun(run.id));
  };
  deps.runs.list().forEach(follow);
  deps.runs.onCreate((run) => {
    follow(run);
    ns.to(LOBBY).emit('lobby:changed');
  });
  deps.hub.on('changed', (run) => {
    if (run === undefined) ns.to(LOBBY).emit('lobby:changed');
    else pushRun(run);
  });
  deps.hub.on('ended', (run) => {
    ns.to(runRoom(run)).emit('run:ended', { run });
    ns.in(runRoom(run)).socketsLeave(runRoom(run));
  });
  deps.hub.on('disconnect', (matches) => {
    for (const socket of ns.sockets.values()) {
      const principal = (socket.data as SocketData).principalAtJoin;
      if (principal !== undefined && matches(principal)) socket.disconnect(true);
    }
  });

  ns.on('connection', (socket) => {
    const data = socket.data as SocketData;
    data.principalAtJoin = principalOf(socket);
    const run = <T>(ack: unknown, work: () => T): void => {
      const reply = typeof ack === 'function' ? (ack as (response: Ack<unknown>) => void) : () => undefined;
      try {
        reply({ ok: true, data: work() });
      } catch (error) {
        if (!(error instanceof AppError)) deps.logger.error({ err: error }, 'control event failed');
        reply({ ok: false, error: errorOf(error) });
      }
    };
    socket.on('run:watch', (request: unknown, ack: CommandAck) =>
      run(ack, () => {
        const id = runIdOf(request);
        const view = viewFor(socket, id);
        void socket.join(runRoom(id));
        return view;
      }),
    );
    socket.on('run:unwatch', (request: unknown, ack?: CommandAck) =>
      run(ack, () => {
        const id = runIdOf(request);
        assertRight(principalOf(socket), 'run', id);
        void socket.leave(runRoom(id));
        return {};
      }),
    );
    socket.on('lobby:watch', (_request: unknown, ack: CommandAck) =>
      run(ack, () => {
        assertRight(principalOf(socket), 'facilitator');
        void socket.join(LOBBY);
        return {};
      }),
    );
    for (const name of Object.keys(COMMANDS) as CommandName[]) {
      socket.on(name as 'run:watch', (request: unknown, ack: CommandAck) =>
        run(ack, () => {
          if (!isCommand(name)) throw new UnauthorizedError();
          return dispatch(deps, { principal: principalOf(socket), lang: data.lang }, name, request);
        }),
      );
    }
  });

  return () => {
    for (const timer of pending.values()) clearTimeout(timer);
    pending.clear();
  };
}

interface SocketData {
  cookie: string | undefined;
  lang: 'fr' | 'en';
  principalAtJoin?: Principal | undefined;
}

function runIdOf(request: unknown): string {
  const id = typeof request === 'object' && request !== null && 'run' in request ? request.run : undefined;
  if (typeof id !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(id)) throw new AppError('invalid', 'run: a run id', 400);
  return id;
}

function langOf(value: unknown): 'fr' | 'en' {
  return isLanguage(value) ? value : 'en';
}

function errorOf(error: unknown): { code: string; message: string } {
  if (error instanceof AppError) return { code: error.code, message: error.message };
  return { code: 'internal', message: 'internal error' };
}
