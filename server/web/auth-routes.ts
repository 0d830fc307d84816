/**
 * Signing in and joining: the facilitator exchanges the admin token for a session; a responder
 * exchanges a join code (and a display name) for a session on that code's run. Both forms are
 * rate-limited on failures and answer a wrong secret without saying which part was wrong.
 */
import express, { Router, type Request, type Response } from 'express';
import { BODY_LIMITS } from './limits.js';
import { parseCookie } from 'cookie';
import { FACILITATOR, type Principal } from '../access/principal.js';
import { sameSecret } from '../access/secrets.js';
import type { Sessions } from '../access/sessions.js';
import { ForbiddenError } from '../errors.js';
import { SESSION_IDLE_MS } from '../access/sessions.js';
import { requestAuth, sameOrigin, SESSION_COOKIE, type AuthDeps } from './auth.js';
import { requestLanguage } from './language.js';

const form = express.urlencoded({ extended: false, limit: BODY_LIMITS.form, parameterLimit: 10 });

/** Where a sign-in may send the browser next: only this site's console or desks. */
const safeNext = (value: unknown): string =>
  typeof value === 'string' && /^\/(console|desk\/[A-Za-z0-9_-]{1,64})(#[A-Za-z0-9=_-]*)?$/.test(value)
    ? value
    : '/console';

/** Routes for `/login`, `/logout` and `/join`. */
export function authRoutes(deps: AuthDeps & { secureCookies: boolean; limiter: express.RequestHandler }): Router {
  const router = Router();
  const open = (res: Response, principal: Principal): void => {
    const { id } = deps.sessions.open(principal);
    res.cookie(SESSION_COOKIE, id, {
      httpOnly: true,
      sameSite: 'strict',
      secure: deps.secureCookies,
      path: '/',
      maxAge: SESSION_IDLE_MS,
    });
  };
  const refuseCrossSite = (req: Request): void => {
    if (!sameOrigin(req)) throw new ForbiddenError('cross-site request refused');
  };

  router.get('/login', (req, res) => {
    res.render('login', { lang: requestLanguage(req, 'fr'), next: safeNext(req.query.next), error: undefined });
  });
  router.post('/login', deps.limiter, form, (req, res) => {
    refuseCrossSite(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const token = typeof body.token === 'string' ? body.token.trim() : '';
    const next = safeNext(body.next);
    if (token === '' || token.length > 256 || !sameSecret(token, deps.adminToken)) {
      res.status(401).render('login', { lang: requestLanguage(req, 'fr'), next, error: 'wrong-token' });
      return;
    }
    open(res, FACILITATOR);
    res.redirect(303, next);
  });
  router.post('/logout', form, (req, res) => {
    refuseCrossSite(req);
    closeSession(deps.sessions, req);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.redirect(303, '/login');
  });

  const renderJoin = (req: Request, res: Response, code: string, error?: string): void => {
    res.render('join', { lang: requestLanguage(req, 'fr'), code, error });
  };
  router.get('/join', (req, res) => renderJoin(req, res, ''));
  router.get('/join/:code', (req, res) => renderJoin(req, res, req.params.code.slice(0, 32)));
  router.post('/join', deps.limiter, form, (req, res) => {
    refuseCrossSite(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const typed = typeof body.code === 'string' ? body.code.trim() : '';
    const name = typeof body.name === 'string' ? body.name.trim().slice(0, 60) : '';
    const code = typed === '' ? undefined : deps.codes.find(typed);
    if (code === undefined || deps.runs.get(code.run) === undefined) {
      res.status(401);
      return renderJoin(req, res, typed.slice(0, 32), 'wrong-code');
    }
    if (name === '') {
      res.status(400);
      return renderJoin(req, res, typed.slice(0, 32), 'name-required');
    }
    open(res, { role: 'responder', name, run: code.run, code: code.id });
    res.redirect(303, `/desk/${encodeURIComponent(code.run)}`);
  });
  return router;
}

/** Whether the request is signed in as the facilitator (for pages that redirect to /login). */
export function isFacilitator(res: Response): boolean {
  return requestAuth(res).principal?.role === 'facilitator';
}

function closeSession(sessions: Sessions, req: Request): void {
  sessions.close(parseCookie(req.headers.cookie ?? '')[SESSION_COOKIE]);
}
