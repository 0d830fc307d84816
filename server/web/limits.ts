/**
 * What one client can make the server hold or do: the size and time limits of HTTP requests and
 * socket messages, and the request rates allowed per address. A status page is most needed on the
 * day it is attacked, so none of these can be unbounded.
 */
import type { ServerOptions } from 'node:http';
import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { AppError } from '../errors.js';

/** Limits of the HTTP server itself, applied before any route runs. */
export const HTTP_LIMITS = {
  /** Bytes of request line and headers together; more is answered 431. */
  maxHeaderSize: 16 * 1024,
  /** Headers kept per request; the rest are dropped. */
  maxHeadersCount: 100,
  /** A client has this long to send its headers (slow-header attacks). */
  headersTimeout: 10_000,
  /** And this long to send its whole request; then it is answered 408. */
  requestTimeout: 30_000,
} as const satisfies ServerOptions & { maxHeadersCount: number };

/** Bytes of a request body: JSON to the control API, and the small forms (sign-in, join, subscribe). */
export const BODY_LIMITS = { json: '64kb', form: '4kb' } as const;

/** Bytes of one socket.io message from a client; larger ones close its connection. */
export const SOCKET_MESSAGE_LIMIT = 64 * 1024;

/** The window request rates are counted over. */
export const RATE_WINDOW_MS = 60_000;

/**
 * Limits the requests of one address to `perMinute` a minute, answering 429 with `Retry-After`
 * and the draft-8 `RateLimit` headers beyond; 0 turns it off (benchmarks, load tests).
 */
export function requestRateLimiter(perMinute: number, what: string): RequestHandler {
  if (perMinute === 0) return (_req, _res, next) => next();
  return rateLimit({
    windowMs: RATE_WINDOW_MS,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, _res, next) =>
      next(new AppError('rate_limited', `too many ${what} from this address; wait a minute and try again`, 429)),
  });
}
