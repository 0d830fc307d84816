/**
 * The facilitator's console and the responders' desk: server-rendered shells that the browser
 * scripts fill over `/control`. Without a session they send the browser to sign in or to join.
 */
import { Router } from 'express';
import type { RunRegistry } from '../runs/registry.js';
import { requestAuth } from './auth.js';
import { requestLanguage } from './language.js';
import { publicWordsModule } from '../status/public-words.js';

/** Routes for `/console` and `/desk/:run`. */
export function controlPages(deps: { runs: RunRegistry }): Router {
  const router = Router();
  const words = publicWordsModule();
  router.get('/js/public-words.js', (_req, res) => {
    res.type('text/javascript').setHeader('Cache-Control', 'public, max-age=3600').send(words);
  });
  router.get('/console', (req, res) => {
    const auth = requestAuth(res);
    if (auth.principal?.role !== 'facilitator' || auth.session === undefined) {
      return res.redirect(303, '/login?next=/console');
    }
    res.setHeader('Cache-Control', 'no-store');
    res.render('console', { lang: requestLanguage(req, 'en'), csrf: auth.session.csrf });
  });
  router.get('/desk/:run', (req, res) => {
    const run = deps.runs.require(req.params.run);
    const auth = requestAuth(res);
    const principal = auth.principal;
    const allowed = principal?.role === 'facilitator' || (principal?.role === 'responder' && principal.run === run.id);
    if (!allowed || auth.session === undefined) return res.redirect(303, '/join');
    res.setHeader('Cache-Control', 'no-store');
    res.render('desk', {
      lang: requestLanguage(req, run.scenario.languages[0] ?? 'fr'),
      csrf: auth.session.csrf,
      run: run.id,
      name: principal?.name ?? '',
    });
  });
  return router;
}
