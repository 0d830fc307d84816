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
    // A 503 is a known, passing state (the database or the leader away), said without a stack.
    if (status === 503 && known) logger.warn({ path: req.path, code: error.code }, error.message);
    else if (status >= 500) logger.error({ err: error, path: req.path }, 'request failed');
    const { code, message } = known ? error : unknownAnswer(error, status);
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

/** What body-parser's errors mean, by their `type`, for the caller. */
const BODY_ERRORS: Record<string, { code: string; message: (limit: unknown) => string }> = {
  'entity.too.large': { code: 'too_large', message: (limit) => `the body is larger than ${String(limit)} bytes` },
  'entity.parse.failed': { code: 'invalid_json', message: () => 'the body is not valid JSON' },
  'entity.verify.failed': { code: 'bad_request', message: () => 'the body could not be read' },
  'request.aborted': { code: 'bad_request', message: () => 'the request was aborted' },
  'request.size.invalid': { code: 'bad_request', message: () => 'the body is shorter or longer than Content-Length' },
  'charset.unsupported': { code: 'unsupported_charset', message: () => 'the body must be UTF-8' },
  'encoding.unsupported': { code: 'unsupported_encoding', message: () => 'the body must not be compressed' },
  'parameters.too.many': { code: 'too_large', message: () => 'the form has too many fields' },
};

/** The code and message of an error that is not an AppError: express's own, or a bug (never detailed). */
function unknownAnswer(error: unknown, status: number): { code: string; message: string } {
  if (status >= 500) return { code: 'internal', message: 'internal error' };
  const type = typeof error === 'object' && error !== null && 'type' in error ? String(error.type) : '';
  const known = BODY_ERRORS[type];
  if (known !== undefined) {
    const limit = typeof error === 'object' && error !== null && 'limit' in error ? error.limit : '?';
    return { code: known.code, message: known.message(limit) };
  }
  return { code: 'bad_request', message: 'bad request' };
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
