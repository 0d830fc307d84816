/**
 * One debug line per HTTP request: method, path, status, time taken. Paths that carry a secret
 * (a share link's token, a join code) are logged with it masked, and query strings never, so
 * turning on `LOG_LEVEL=debug` to understand a problem cannot leak a way in.
 */
import type { RequestHandler } from 'express';
import type { Logger } from '../logger.js';

/** Path segments that follow these and are secrets. */
const SECRET_AFTER = /^(\/(?:share|join)\/)[^/]+/;

/** A request path as logged: its secret segment masked. */
export function loggedPath(path: string): string {
  return path.replace(SECRET_AFTER, '$1…');
}

/** The access log, or nothing when the logger would drop its lines anyway. */
export function accessLog(logger: Logger): RequestHandler {
  if (!logger.isLevelEnabled('debug')) return (_req, _res, next) => next();
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      logger.debug(
        { method: req.method, path: loggedPath(req.path), status: res.statusCode, ms: Math.round(ms * 10) / 10 },
        'request',
      );
    });
    next();
  };
}
