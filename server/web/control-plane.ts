/**
 * The control plane in a cluster: what only the leader serves (sign-in, joining, the console,
 * the desks, the control API, reports, subscriptions and the `/control` socket at `/control.io`),
 * and how the other processes pass it on. A process that does not lead counts each client's
 * requests against the same limits as the leader would, then passes them on with a peer header
 * that the leader checks, so the leader counts the client and not the process in between.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Request, RequestHandler } from 'express';
import { sameSecret } from '../access/secrets.js';
import type { Logger } from '../logger.js';
import { isControlPath } from './limits.js';
import { NoLeaderError, PEER_HEADER, proxyToLeader, RETRY_AFTER_SECONDS, type LeaderAddress } from './leader-proxy.js';

/** The engine.io path of the `/control` namespace, apart from viewers' `/socket.io`. */
export const CONTROL_SOCKET_PATH = '/control.io';

const CONTROL_PLANE =
  /^\/(?:login|logout|join|console|share|js\/public-words\.js|control\.io)(?:\/|$)|^\/desk\/|^\/r\/[^/]+\/(?:report|subscribe)(?:[/.]|$)/;

/** Whether a request path belongs to the control plane. */
export function isControlPlanePath(path: string): boolean {
  return CONTROL_PLANE.test(path) || isControlPath(path);
}

/** The secret peers of one cluster share: derived from the admin token, which they all hold. */
export function peerToken(adminToken: string): string {
  return createHash('sha256').update(`statusdrill peer\u0000${adminToken}`).digest('base64url');
}

/** Whether a request was passed on by a peer holding `token`. */
export function fromPeer(req: IncomingMessage, token: string | undefined): boolean {
  const given = req.headers[PEER_HEADER];
  return token !== undefined && typeof given === 'string' && sameSecret(given, token);
}

/** A limiter that lets a peer's requests through: their client was counted where it came in. */
export function unlessPeer(token: string | undefined, limiter: RequestHandler): RequestHandler {
  return (req, res, next) => (fromPeer(req, token) ? next() : limiter(req, res, next));
}

/** What the control plane's middleware needs. */
export interface ControlPlaneDeps {
  /** Whether this process leads now. */
  leading(): boolean;
  leader: LeaderAddress;
  token: string;
  logger: Logger;
  /** The limits the leader applies to sign-ins and joins, bearer tokens and subscriptions. */
  limiters: { login: RequestHandler; subscription: RequestHandler };
}

/**
 * Passes the control plane on to the leader while this process does not lead, after the limits
 * the leader would apply to the client; anything else goes on.
 */
export function passControlPlane(deps: ControlPlaneDeps): RequestHandler {
  const proxy = proxyToLeader(deps.leader, deps.logger, deps.token);
  const limiterOf = (req: Request): RequestHandler | undefined => {
    if (req.method === 'POST' && (req.path === '/login' || req.path === '/join')) return deps.limiters.login;
    if (isControlPath(req.path) && req.headers.authorization !== undefined) return deps.limiters.login;
    if (req.method === 'POST' && /^\/r\/[^/]+\/subscribe$/.test(req.path)) return deps.limiters.subscription;
    return undefined;
  };
  return (req, res, next) => {
    if (deps.leading() || !isControlPlanePath(req.path)) return next();
    // A peer took this process for the leader (it read the lease before a hand-over, or a process
    // gone left its address to another): passing it on again could send it round for ever.
    if (fromPeer(req, deps.token)) {
      res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
      return next(new NoLeaderError());
    }
    const limiter = limiterOf(req);
    if (limiter === undefined) return proxy(req, res, next);
    limiter(req, res, (error?: unknown) => (error === undefined ? proxy(req, res, next) : next(error)));
  };
}
