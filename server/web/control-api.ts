/**
 * The JSON control API under `/api/`: the console's operations over HTTP, for scripts and tests.
 * Each route names a command of `server/control/commands.ts`; its input is the JSON body with the
 * path's ids. Authentication: the session cookie (with the anti-forgery header) or a bearer token.
 */
import express, { Router, type Request, type Response } from 'express';
import { BODY_LIMITS } from './limits.js';
import { ValidationError } from '../errors.js';
import { isLanguage } from '../status/i18n.js';
import { dispatch, type CommandName } from '../control/commands.js';
import type { ControlDeps } from '../control/deps.js';
import { requestAuth } from './auth.js';

/** One route of the control API. */
export interface ControlRoute {
  method: 'get' | 'post' | 'patch' | 'delete';
  path: string;
  command: CommandName;
  /** Status of a success. @default 200 */
  created?: boolean;
}

/** Every route, in the order the README documents them. */
export const CONTROL_ROUTES: readonly ControlRoute[] = [
  { method: 'get', path: '/api/scenarios', command: 'scenarios:list' },
  { method: 'get', path: '/api/runs', command: 'runs:list' },
  { method: 'post', path: '/api/runs', command: 'runs:create', created: true },
  { method: 'get', path: '/api/runs/:run', command: 'runs:get' },
  { method: 'patch', path: '/api/runs/:run', command: 'runs:settings' },
  { method: 'delete', path: '/api/runs/:run', command: 'runs:end' },
  { method: 'post', path: '/api/runs/:run/control', command: 'runs:control' },
  { method: 'post', path: '/api/runs/:run/actions', command: 'runs:act', created: true },
  { method: 'post', path: '/api/runs/:run/updates', command: 'runs:publish', created: true },
  { method: 'get', path: '/api/runs/:run/log', command: 'runs:log' },
  { method: 'post', path: '/api/runs/:run/drafts/:draft', command: 'drafts:decide' },
  { method: 'get', path: '/api/runs/:run/codes', command: 'codes:list' },
  { method: 'post', path: '/api/runs/:run/codes', command: 'codes:create', created: true },
  { method: 'delete', path: '/api/runs/:run/codes/:code', command: 'codes:revoke' },
  { method: 'get', path: '/api/runs/:run/notifications', command: 'notifications:get' },
  { method: 'post', path: '/api/runs/:run/webhooks', command: 'webhooks:add', created: true },
  { method: 'delete', path: '/api/runs/:run/webhooks/:webhook', command: 'webhooks:remove' },
  { method: 'get', path: '/api/ended-runs', command: 'runs:ended' },
  { method: 'get', path: '/api/runs/:run/notes', command: 'notes:list' },
  { method: 'post', path: '/api/runs/:run/notes', command: 'notes:add', created: true },
  { method: 'delete', path: '/api/runs/:run/notes/:note', command: 'notes:remove' },
  { method: 'get', path: '/api/runs/:run/shares', command: 'shares:list' },
  { method: 'post', path: '/api/runs/:run/shares', command: 'shares:create', created: true },
  { method: 'delete', path: '/api/runs/:run/shares/:share', command: 'shares:revoke' },
  { method: 'get', path: '/api/schedules', command: 'schedules:list' },
  { method: 'delete', path: '/api/schedules/:schedule', command: 'schedules:remove' },
];

/** The control API's router. */
export function controlApi(deps: ControlDeps): Router {
  const router = Router();
  router.use('/api', express.json({ limit: BODY_LIMITS.json, strict: true }));
  router.use('/api', (_req, res, next) => {
    // Answers depend on who asks: never cached, never shared.
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  for (const route of CONTROL_ROUTES) {
    router[route.method](route.path, (req: Request, res: Response) => {
      const body: unknown = req.body;
      if (body !== undefined && (typeof body !== 'object' || body === null || Array.isArray(body)))
        throw new ValidationError('(body): a JSON object');
      const data = dispatch(deps, { principal: requestAuth(res).principal, lang: language(req) }, route.command, {
        ...(body ?? {}),
        ...req.params,
      });
      res.status(route.created === true ? 201 : 200).json(data);
    });
  }
  return router;
}

function language(req: Request): 'fr' | 'en' {
  const lang = req.query.lang;
  if (lang === undefined) return 'en';
  if (!isLanguage(lang)) throw new ValidationError('lang: "fr" or "en"');
  return lang;
}
