/**
 * `POST /r/:run/subscribe`: a viewer of a run's page subscribes to its simulated email or SMS
 * notifications. Accepts a urlencoded form or a JSON body `{kind, address}`. A browser (Accept
 * html) is sent back to the page with `?subscribed=1` or `?subscribe_error=<code>`; any other
 * client gets JSON: `201 {"ok": true}` or `4xx {"error": {code, message}}`. A repeated
 * subscription answers the same as a new one, so the form tells no one who is subscribed.
 */
import express, { Router, type ErrorRequestHandler, type Request, type RequestHandler, type Response } from 'express';
import { BODY_LIMITS } from './limits.js';
import { AppError, NotFoundError } from '../errors.js';
import type { RunNotifications } from '../notify/outbox.js';
import type { RunRegistry } from '../runs/registry.js';

/** What the subscribe route needs. */
export interface SubscribeDeps {
  runs: RunRegistry;
  /** The notifications of a run, if it has any. */
  notifications: (runId: string) => RunNotifications | undefined;
}

/** The route of subscriptions, with its own body parsers (4 KB at most). */
export function subscribeRoutes(deps: SubscribeDeps): Router {
  const router = Router();

  const subscribe: RequestHandler = (req, res) => {
    const run = deps.runs.require(req.params.run as string);
    const notifications = deps.notifications(run.id);
    if (notifications === undefined) throw new NotFoundError(`run "${run.id}" takes no subscriptions`);
    notifications.subscribe(req.body);
    if (wantsHtml(req)) return res.redirect(303, `${pagePath(req)}?subscribed=1#subscribe`);
    res.status(201).json({ ok: true });
  };

  // Errors of this route, body parsing included, answer in the client's terms; others go on.
  const answerError: ErrorRequestHandler = (error: unknown, req, res, next) => {
    const answer = errorAnswer(error);
    if (answer === undefined) return next(error);
    if (wantsHtml(req) && answer.status !== 404) {
      return res.redirect(303, `${pagePath(req)}?subscribe_error=${encodeURIComponent(answer.code)}#subscribe`);
    }
    if (wantsHtml(req)) return next(error);
    sendError(res, answer);
  };

  router.post(
    '/r/:run/subscribe',
    express.urlencoded({ extended: false, limit: BODY_LIMITS.form }),
    express.json({ limit: BODY_LIMITS.form }),
    subscribe,
    answerError,
  );
  return router;
}

interface ErrorAnswer {
  status: number;
  code: string;
  message: string;
}

/** A known error's answer: an AppError's own, or a body parser's 4xx; undefined for anything else. */
function errorAnswer(error: unknown): ErrorAnswer | undefined {
  if (error instanceof AppError) return { status: error.httpStatus, code: error.code, message: error.message };
  const status = typeof error === 'object' && error !== null && 'status' in error ? error.status : undefined;
  if (typeof status !== 'number' || status < 400 || status >= 500) return undefined;
  return status === 413
    ? { status, code: 'too_large', message: 'the request body is larger than 4 KB' }
    : { status, code: 'bad_request', message: 'the request body could not be read' };
}

function sendError(res: Response, { status, code, message }: ErrorAnswer): void {
  res.status(status).json({ error: { code, message } });
}

/** A browser submitting the form prefers HTML; API clients (Accept json or anything) get JSON. */
function wantsHtml(req: Request): boolean {
  return req.accepts(['json', 'html']) === 'html';
}

/** The run's page, from the path asked (the run may not exist: the redirect is only a way back). */
function pagePath(req: Request): string {
  return `/r/${encodeURIComponent(String(req.params.run))}`;
}
