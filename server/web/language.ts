/** Chooses the language of a page: `?lang=`, then the `lang` cookie, then Accept-Language. */
import type { Request } from 'express';
import { LANGUAGES, type Language } from '../scenario/vocabulary.js';
import { isLanguage } from '../status/i18n.js';

/** The language to answer `req` in; `fallback` when nothing in the request decides. */
export function requestLanguage(req: Request, fallback: Language): Language {
  const query = req.query.lang;
  if (isLanguage(query)) return query;
  const cookie = /(?:^|;\s*)lang=([a-z]{2})/.exec(req.headers.cookie ?? '')?.[1];
  if (isLanguage(cookie)) return cookie;
  const accepted = req.acceptsLanguages(...LANGUAGES);
  return isLanguage(accepted) ? accepted : fallback;
}

/** The cookie that remembers an explicit `?lang=`. */
export const LANGUAGE_COOKIE = 'lang';

/** Its attributes, for `cookie.serialize` (max age in seconds: a year). */
export const LANGUAGE_COOKIE_OPTIONS = {
  sameSite: 'lax',
  httpOnly: true,
  maxAge: 365 * 24 * 3_600,
  path: '/',
} as const;
