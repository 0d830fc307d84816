/** HTML pages: the scenario list (the status page itself comes with the replay engine). */
import { Router } from 'express';
import { relative } from 'node:path';
import type { Config } from '../config.js';
import type { LibraryEntry } from '../scenario/library.js';
import { libraryView } from '../status/library-view.js';
import { messages } from '../status/i18n.js';
import { requestLanguage } from './language.js';

/** Routes for the pages anyone can see. */
export function pageRoutes(
  library: readonly LibraryEntry[],
  config: Pick<Config, 'scenariosDir' | 'defaultScenario'>,
): Router {
  const router = Router();
  router.get('/', (req, res) => {
    const lang = requestLanguage(req, 'fr');
    const view = libraryView(library, lang, (file) => relative(config.scenariosDir, file), config.defaultScenario);
    res.render('scenarios', { lang, t: messages(lang), view, otherLang: lang === 'fr' ? 'en' : 'fr' });
  });
  return router;
}
