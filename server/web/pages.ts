/** HTML pages: the status page of a run, the list of public runs, the scenario library. */
import { Router, type Request, type Response } from 'express';
import { relative } from 'node:path';
import type { Config } from '../config.js';
import type { LibraryEntry } from '../scenario/library.js';
import type { Language } from '../scenario/vocabulary.js';
import type { PublicRuns } from '../status/public-run.js';
import { libraryView } from '../status/library-view.js';
import { messages, pick } from '../status/i18n.js';
import { pageView } from '../status/page-view.js';
import { requirePublicRun } from './api-routes.js';
import { LANGUAGE_COOKIE, LANGUAGE_COOKIE_OPTIONS, requestLanguage } from './language.js';

/** What the pages need. */
export interface PageDeps {
  library: readonly LibraryEntry[];
  runs: PublicRuns;
  config: Pick<Config, 'scenariosDir' | 'defaultScenario'>;
}

/** Routes for the pages anyone can see. */
export function pageRoutes({ library, runs, config }: PageDeps): Router {
  const router = Router();

  router.get('/', (req, res) => {
    const listed = runs.listed();
    if (listed.length === 1) return res.redirect(302, `/r/${encodeURIComponent(listed[0]!.id)}${langQuery(req)}`);
    if (listed.length === 0) return renderLibrary(req, res);
    const lang = chosenLanguage(req, res, 'fr');
    const items = listed.map((run) => ({
      id: run.id,
      title: pick(run.scenario.file.title, lang),
      status: run.model().status.description,
    }));
    res.render('runs', { lang, t: messages(lang), otherLang: other(lang), items });
  });

  router.get('/scenarios', (req, res) => renderLibrary(req, res));

  router.get('/r/:run', (req, res) => {
    const run = requirePublicRun(runs, req.params.run);
    const lang = chosenLanguage(req, res, run.scenario.languages[0] ?? 'fr');
    const model = run.model();
    const subscribe = req.query.subscribed === '1' ? 'ok' : req.query.subscribe_error !== undefined ? 'error' : 'none';
    res.render('status', { v: pageView(model, lang, model.clock.offsetMs), subscribe });
  });

  const renderLibrary = (req: Request, res: Response): void => {
    const lang = chosenLanguage(req, res, 'fr');
    const view = libraryView(library, lang, (file) => relative(config.scenariosDir, file), config.defaultScenario);
    res.render('scenarios', { lang, t: messages(lang), view, otherLang: other(lang) });
  };
  return router;
}

/** The request's language; an explicit `?lang=` is remembered in a cookie for the next pages. */
function chosenLanguage(req: Request, res: Response, fallback: Language): Language {
  const lang = requestLanguage(req, fallback);
  if (req.query.lang === lang)
    res.cookie(LANGUAGE_COOKIE, lang, {
      sameSite: LANGUAGE_COOKIE_OPTIONS.sameSite,
      httpOnly: LANGUAGE_COOKIE_OPTIONS.httpOnly,
      maxAge: LANGUAGE_COOKIE_OPTIONS.maxAge * 1000,
    });
  return lang;
}

function langQuery(req: Request): string {
  return typeof req.query.lang === 'string' && /^[a-z]{2}$/.test(req.query.lang) ? `?lang=${req.query.lang}` : '';
}

function other(lang: Language): Language {
  return lang === 'fr' ? 'en' : 'fr';
}
