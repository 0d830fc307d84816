/**
 * What one client can make the server hold or do: the size and time limits of HTTP requests and
 * socket messages, and the request rates allowed per address. A status page is most needed on the
 * day it is attacked, so none of these can be unbounded.
 */
import type { IncomingMessage, ServerOptions } from 'node:http';
import type { RequestHandler } from 'express';
import { ipKeyGenerator, MemoryStore, rateLimit } from 'express-rate-limit';
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

/** Whether a path is the control API's (`/api/…`, but not the default run's public `/api/v2/…`). */
export const isControlPath = (path: string): boolean => path.startsWith('/api/') && !path.startsWith('/api/v2/');

/** A per-address request limit, for express routes and for the fast path in front of them. */
export interface RequestLimiter {
  /** The express middleware: counts the request, answers 429 beyond the limit. */
  handler: RequestHandler;
  /** Counts a request from `req` outside express; whether it is within the limit (`true` when off). */
  take(req: IncomingMessage): boolean | Promise<boolean>;
}

/**
 * Limits the requests of one address to `perMinute` a minute, answering 429 with `Retry-After`
 * and the draft-8 `RateLimit` headers beyond; 0 turns it off (benchmarks, load tests). The fast
 * path counts in the same store, so a client cannot double its budget by mixing paths.
 */
export function requestRateLimiter(perMinute: number, what: string, trustProxy = 0): RequestLimiter {
  if (perMinute === 0) return { handler: (_req, _res, next) => next(), take: () => true };
  const store = new MemoryStore();
  const handler = rateLimit({
    windowMs: RATE_WINDOW_MS,
    limit: perMinute,
    store,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, _res, next) =>
      next(new AppError('rate_limited', `too many ${what} from this address; wait a minute and try again`, 429)),
  });
  return {
    handler,
    take: async (req) => (await store.increment(ipKeyGenerator(clientAddress(req, trustProxy)))).totalHits <= perMinute,
  };
}

/**
 * The client's address as express computes `req.ip` with `trust proxy` set to `hops`: the
 * connection's peer, or, behind `hops` trusted proxies, the address they forwarded.
 */
export function clientAddress(req: IncomingMessage, hops: number): string {
  const peer = req.socket.remoteAddress ?? '';
  if (hops === 0) return peer;
  const header = req.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((a) => a.trim())
    .filter((a) => a !== '')
    .reverse();
  const chain = [peer, ...forwarded];
  return chain[Math.min(hops, chain.length - 1)]!;
}
