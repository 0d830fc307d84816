/**
 * The edge where errors become answers: AppErrors keep their status and code, anything else is a
 * 500 that is logged and never detailed to the caller. JSON for API paths, HTML elsewhere.
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError, NotFoundError } from '../errors.js';
import type { Logger } from '../logger.js';
import { messages } from '../status/i18n.js';
import { requestLanguage } from './language.js';

/** API paths (`/api/…`, a run's `/r/<run>/api/…`) and JSON documents answer errors in JSON. */
const wantsJson = (path: string): boolean =>
  path.startsWith('/api/') || /^\/r\/[^/]+\/api\//.test(path) || path.endsWith('.json');

/** Turns unmatched requests into a 404 AppError. */
export const notFound: RequestHandler = (req, _res, next) => {
  next(new NotFoundError(`no page at ${req.path}`));
};

/** The error handler, last in the chain. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const known = error instanceof AppError;
    const status = known ? error.httpStatus : errorStatus(error);
    if (status >= 500) logger.error({ err: error, path: req.path }, 'request failed');
    const code = known ? error.code : status === 400 ? 'bad_request' : 'internal';
    const message = known ? error.message : status < 500 ? 'bad request' : 'internal error';
    res.status(status);
    if (wantsJson(req.path)) {
      res.json({
        error: { code, message, ...(known && error.details !== undefined ? { details: error.details } : {}) },
      });
      return;
    }
    const lang = requestLanguage(req, 'fr');
    const t = messages(lang);
    res.render('error', {
      lang,
      t,
      status,
      title: status === 404 ? t.notFound : status < 500 ? message : t.serverError,
      message: status < 500 ? message : '',
    });
  };
}

/** Status of an error thrown by express's own middleware (a malformed body, say), else 500. */
function errorStatus(error: unknown): number {
  if (
    typeof error === 'object' &&
    error !== null &&
    'status' in error &&
    typeof error.status === 'number' &&
    error.status >= 400 &&
    error.status < 600
  ) {
    return error.status;
  }
  return 500;
}
