/**
 * In a cluster, the process that holds the leader lease serves the control plane: sign-in, the
 * console, the desks, the control API and the `/control` socket. The other processes pass those
 * requests on, as they came, to the leader's internal address, and WebSocket upgrades too (the two
 * sockets are then piped together). While no leader is known (during a hand-over) they answer 503
 * with `Retry-After`, which the console and desk ride out by reconnecting.
 */
import type { RequestHandler } from 'express';
import { request as httpRequest, type IncomingMessage, type Server as HttpServer } from 'node:http';
import { connect } from 'node:net';
import type { Duplex } from 'node:stream';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';

/** The header a process passing a request on says it is a peer with (checked by `control-plane.ts`). */
export const PEER_HEADER = 'x-statusdrill-peer';

/** Where the leader listens for the other processes, when one is known. */
export type LeaderAddress = () => { host: string; port: number } | undefined;

/** Seconds a client is told to wait when no leader is known. */
export const RETRY_AFTER_SECONDS = 2;

/** The control plane is moving: answered while no leader is known or it cannot be reached. */
export class NoLeaderError extends AppError {
  constructor() {
    super('unavailable', 'the control plane is moving to another process; try again in a moment', 503);
  }
}

/**
 * Passes every request that reaches it on to the leader, saying it comes from a peer with `token`
 * when given. Mount it before any body parser.
 */
export function proxyToLeader(leader: LeaderAddress, logger: Logger, token?: string): RequestHandler {
  return (req, res, next) => {
    const target = leader();
    if (target === undefined) {
      res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
      return next(new NoLeaderError());
    }
    const upstream = httpRequest({
      host: target.host,
      port: target.port,
      method: req.method,
      path: req.originalUrl,
      headers: forwardedHeaders(req, token),
    });
    upstream.on('response', (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', (error) => {
      logger.warn({ err: error, path: req.path }, 'the leader could not be reached');
      if (res.headersSent) return void res.destroy();
      res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
      next(new NoLeaderError());
    });
    req.pipe(upstream);
  };
}

/**
 * Passes WebSocket upgrades whose path starts with `prefix` on to the leader, while `active()`
 * says so, piping the client's socket to a connection of the leader's. Other upgrades are left to
 * their own listeners.
 */
export function proxyUpgrades(
  server: HttpServer,
  prefix: string,
  leader: LeaderAddress,
  logger: Logger,
  options: { active?: () => boolean; token?: string } = {},
): void {
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (!(req.url ?? '').startsWith(prefix) || options.active?.() === false) return;
    const target = leader();
    if (target === undefined) return refuse(socket);
    const upstream = connect(target.port, target.host, () => {
      const headers = Object.entries(forwardedHeaders(req, options.token)).flatMap(([name, value]) =>
        (Array.isArray(value) ? value : [value]).map((v) => `${name}: ${v}`),
      );
      upstream.write(`${req.method ?? 'GET'} ${req.url ?? '/'} HTTP/1.1\r\n${headers.join('\r\n')}\r\n\r\n`);
      if (head.length > 0) upstream.write(head);
      upstream.pipe(socket).pipe(upstream);
    });
    const close = (): void => {
      upstream.destroy();
      socket.destroy();
    };
    upstream.on('error', (error) => {
      logger.warn({ err: error }, 'the leader could not be reached for a socket');
      close();
    });
    socket.on('error', close);
    socket.on('close', () => upstream.destroy());
    upstream.on('close', () => socket.destroy());
  });
}

/** The request's headers, with where it came from added as a proxy says it, and the peer's token. */
function forwardedHeaders(req: IncomingMessage, token: string | undefined): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) headers[name] = value;
  // Only this process may say it is a peer: a client's own claim is dropped.
  delete headers[PEER_HEADER];
  if (token !== undefined) headers[PEER_HEADER] = token;
  const from = req.socket.remoteAddress ?? '';
  const before = req.headers['x-forwarded-for'];
  headers['x-forwarded-for'] = typeof before === 'string' && before !== '' ? `${before}, ${from}` : from;
  return headers;
}

function refuse(socket: Duplex): void {
  socket.end(
    `HTTP/1.1 503 Service Unavailable\r\nRetry-After: ${RETRY_AFTER_SECONDS}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`,
  );
}
