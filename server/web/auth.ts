/**
 * Who a request comes from. A bearer token (the admin token, or a join code for a responder) or
 * the session cookie a sign-in gave. Cookie-authenticated requests that change state must carry the
 * session's anti-forgery token and come from this site; bearer requests cannot be forged by a
 * browser, so they need neither.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { parseCookie } from 'cookie';
import { rateLimit } from 'express-rate-limit';
import { AppError, ForbiddenError, UnauthorizedError } from '../errors.js';
import { FACILITATOR, type Principal } from '../access/principal.js';
import { sameSecret } from '../access/secrets.js';
import type { JoinCodes } from '../access/join-codes.js';
import type { Session, Sessions } from '../access/sessions.js';
import type { RunRegistry } from '../runs/registry.js';

/** Name of the session cookie. */
export const SESSION_COOKIE = 'sd_session';

/** Header carrying the anti-forgery token. */
export const CSRF_HEADER = 'x-csrf-token';

/** What authentication needs. */
export interface AuthDeps {
  adminToken: string;
  sessions: Sessions;
  codes: JoinCodes;
  runs: RunRegistry;
}

/** What a request was authenticated with, kept in `res.locals.auth`. */
export interface RequestAuth {
  principal: Principal | undefined;
  /** The session, when the principal came from the cookie. */
  session: Session | undefined;
  via: 'bearer' | 'cookie' | 'none';
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The principal a session stands for, if it still holds (a responder's code not revoked, their run alive). */
export function sessionPrincipal(deps: AuthDeps, session: Session | undefined): Principal | undefined {
  const principal = session?.principal;
  if (principal?.role !== 'responder') return principal;
  return deps.codes.isLive(principal.code) && deps.runs.get(principal.run) !== undefined ? principal : undefined;
}

/** The session named by a Cookie header. */
export function cookieSession(deps: AuthDeps, cookieHeader: string | undefined): Session | undefined {
  if (cookieHeader === undefined) return undefined;
  return deps.sessions.get(parseCookie(cookieHeader)[SESSION_COOKIE]);
}

/** Sets `res.locals.auth` for every request; rejects a wrong bearer token. */
export function authenticate(deps: AuthDeps): RequestHandler {
  return (req, res, next) => {
    const header = req.headers.authorization;
    if (header !== undefined) {
      const token = /^Bearer\s+(\S{1,256})$/i.exec(header)?.[1];
      const principal = token === undefined ? undefined : bearerPrincipal(deps, token, req);
      if (principal === undefined) return next(new UnauthorizedError('the bearer token is not valid'));
      res.locals.auth = { principal, session: undefined, via: 'bearer' } satisfies RequestAuth;
      return next();
    }
    const session = cookieSession(deps, req.headers.cookie);
    const principal = sessionPrincipal(deps, session);
    res.locals.auth = {
      principal,
      session: principal === undefined ? undefined : session,
      via: principal === undefined ? 'none' : 'cookie',
    } satisfies RequestAuth;
    next();
  };
}

/** The request's authentication (after `authenticate`). */
export function requestAuth(res: Response): RequestAuth {
  return (res.locals.auth as RequestAuth | undefined) ?? { principal: undefined, session: undefined, via: 'none' };
}

/**
 * Refuses cross-site state changes: a cookie-authenticated unsafe request must come from this
 * site (Origin, when the browser sends it) and carry the session's anti-forgery token.
 */
export function forgeryGuard(): RequestHandler {
  return (req, res, next) => {
    if (!UNSAFE.has(req.method)) return next();
    if (!sameOrigin(req)) return next(new ForbiddenError('cross-site request refused'));
    const auth = requestAuth(res);
    if (auth.via !== 'cookie') return next();
    const given = req.get(CSRF_HEADER) ?? formToken(req);
    if (given === undefined || auth.session === undefined || !sameSecret(given, auth.session.csrf)) {
      return next(new ForbiddenError(`missing or wrong anti-forgery token (send it in the ${CSRF_HEADER} header)`));
    }
    next();
  };
}

/**
 * Whether the request's Origin, when present, is this site. A browser that sends no referrer may
 * send `Origin: null` for its own forms: then its `Sec-Fetch-Site` must say same-origin.
 */
export function sameOrigin(req: Pick<Request, 'headers'>): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  if (origin === 'null') return req.headers['sec-fetch-site'] === 'same-origin';
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

/**
 * Limits failed sign-ins, join attempts and bearer tokens per address; successful ones do not
 * count. `limit` 0 turns it off (for benchmarks).
 */
export function failedLoginLimiter(limit: number): RequestHandler {
  if (limit === 0) return (_req, _res, next) => next();
  return rateLimit({
    windowMs: 15 * 60_000,
    limit,
    skipSuccessfulRequests: true,
    // Only a refused secret counts: a signed-in script's invalid requests must not lock it out.
    requestWasSuccessful: (_req, res) => res.statusCode !== 401,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, _res, next) =>
      next(new AppError('rate_limited', 'too many failed attempts; wait 15 minutes and try again', 429)),
  });
}

/** Limits subscriptions from the public page per address; `limit` 0 turns it off. */
export function subscriptionLimiter(limit: number): RequestHandler {
  if (limit === 0) return (_req, _res, next) => next();
  return rateLimit({
    windowMs: 15 * 60_000,
    limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, _res, next) => next(new AppError('rate_limited', 'too many subscriptions; try again later', 429)),
  });
}

/** Limits only requests that carry an Authorization header. */
export function bearerLimiter(limiter: RequestHandler): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) =>
    req.headers.authorization === undefined ? next() : limiter(req, res, next);
}

function bearerPrincipal(deps: AuthDeps, token: string, req: Request): Principal | undefined {
  if (sameSecret(token, deps.adminToken)) return FACILITATOR;
  const code = deps.codes.find(token);
  if (code === undefined || deps.runs.get(code.run) === undefined) return undefined;
  const name = req.get('x-responder-name')?.trim().slice(0, 60);
  return {
    role: 'responder',
    name: name === undefined || name === '' ? code.label : name,
    run: code.run,
    code: code.id,
  };
}

function formToken(req: Request): string | undefined {
  const body: unknown = req.body;
  if (typeof body !== 'object' || body === null || !('_csrf' in body)) return undefined;
  return typeof body._csrf === 'string' ? body._csrf : undefined;
}
