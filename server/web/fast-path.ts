/**
 * The fast path: a `node:http` handler in front of express for the two answers everyone asks for
 * at once on the day of an outage, a run's status page (`GET /r/:run`, `?lang=` at most) and its
 * `summary.json` (also at `/api/v2/summary.json` for the default run). Each is rendered once per
 * run version and language (the page also once per minute of story time it shows, read at most once
 * per wall second: at 1x a page is rendered once a minute, at 60x and above once a second), and
 * kept as bytes with a precomputed ETag, gzip and brotli variants and the whole list of headers of
 * each made on first demand, and the headers clients send are read once per distinct value; a
 * request then costs a few lookups and a write. Anything else, any other query, an unknown run, a
 * refused rate, goes to express, which stays the reference.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import accepts from 'accepts';
import { serialize } from 'cookie';
import type { PublicRun, PublicRuns } from '../status/public-run.js';
import type { Language } from '../scenario/vocabulary.js';
import { isLanguage } from '../status/i18n.js';
import { etagMatches, strongEtag } from './api-cache.js';
import { baseUrlOf } from './api-routes.js';
import type { RequestLimiter } from './limits.js';
import { LANGUAGE_COOKIE, LANGUAGE_COOKIE_OPTIONS } from './language.js';

/** What the fast path needs. */
export interface FastPathDeps {
  runs: PublicRuns;
  defaultRun: string | undefined;
  /** Headers every answer carries (the security headers), as express would set them. */
  headers: ReadonlyArray<readonly [string, string]>;
  limiter: RequestLimiter;
  /** The base of links in `summary.json`; absent, the request's `Host` decides. */
  publicUrl: string | undefined;
  /** Proxies trusted (`TRUST_PROXY`): behind them, without a public URL, summary.json goes to express. */
  trustProxy: number;
  /** The whole status page of `run` in `lang`, as express renders it. */
  page(run: PublicRun, lang: Language): { version: number; body: string };
  /** `summary.json` of `run` in `lang` with links under `baseUrl`. */
  summary(run: PublicRun, lang: Language, baseUrl: string): { version: number; body: string };
}

/** One answer as bytes, with its variants made when first asked for. */
interface Answer {
  key: string;
  etag: string;
  identity: Buffer;
  gzip?: Buffer;
  br?: Buffer;
  /** Status line headers, flat as `writeHead` takes them, by encoding, cookie and status. */
  heads: Map<string, string[]>;
}

type Encoding = 'br' | 'gzip' | 'identity';

type Target = { kind: 'page' | 'summary'; run: string; lang: Language | undefined };

const PAGE = /^\/r\/([a-z0-9-]{1,64})$/;
const SUMMARY = /^\/r\/([a-z0-9-]{1,64})\/api\/v2\/summary\.json$/;
const DEFAULT_SUMMARY = '/api/v2/summary.json';
const ANSWERS_PER_RUN = 8;
/** Distinct values of a request header remembered; a client sending new ones each time only refills it. */
const REMEMBERED_VALUES = 256;

/** Builds the handler: it answers, or calls `next` for express to. */
export function fastPath(deps: FastPathDeps): (req: IncomingMessage, res: ServerResponse, next: () => void) => void {
  const answers = new WeakMap<PublicRun, Map<string, Answer>>();

  const answer = (run: PublicRun, key: string, make: () => { version: number; body: string }): Answer => {
    let forRun = answers.get(run);
    if (forRun === undefined) answers.set(run, (forRun = new Map<string, Answer>()));
    const hit = forRun.get(key);
    if (hit !== undefined) return hit;
    const made = make();
    const lang = key.split('|')[1] ?? '';
    const fresh: Answer = {
      key,
      etag: strongEtag(run.id, made.version, lang, made.body),
      identity: Buffer.from(made.body),
      heads: new Map(),
    };
    forRun.set(key, fresh);
    if (forRun.size > ANSWERS_PER_RUN) forRun.delete(forRun.keys().next().value as string);
    return fresh;
  };

  const serve = (req: IncomingMessage, res: ServerResponse, target: Target, run: PublicRun): void => {
    const declared = run.scenario.languages;
    const fallback = declared[0] ?? 'fr';
    const isPage = target.kind === 'page';
    const lang = isPage
      ? pageLanguage(req, target.lang, fallback)
      : target.lang && declared.includes(target.lang)
        ? target.lang
        : fallback;
    const shown = isPage ? shownMinute(run) : 0;
    const baseUrl = deps.publicUrl ?? baseUrlOf('http', req.headers.host);
    const key = isPage ? `page|${lang}|${run.version}|${shown}` : `summary|${lang}|${run.version}|${baseUrl}`;
    const made = answer(run, key, () => (isPage ? deps.page(run, lang) : deps.summary(run, lang, baseUrl)));
    const encoding = encodingOf(req.headers['accept-encoding']);
    const body =
      encoding === 'br'
        ? (made.br ??= brotli(made.identity))
        : encoding === 'gzip'
          ? (made.gzip ??= gzipSync(made.identity))
          : made.identity;
    const etag = encoding === 'identity' ? made.etag : `${made.etag.slice(0, -1)}-${encoding}"`;
    const header = req.headers['if-none-match'];
    const status = header !== undefined && (etagMatches(header, etag) || etagMatches(header, made.etag)) ? 304 : 200;
    const setCookie = isPage && target.lang !== undefined ? LANGUAGE_SET_COOKIE[lang] : undefined;
    const headsKey = `${encoding}|${setCookie ?? ''}|${status}`;
    let heads = made.heads.get(headsKey);
    if (heads === undefined) {
      heads = headersOf(deps.headers, {
        isPage,
        setCookie,
        etag,
        encoding,
        length: status === 200 ? body.length : undefined,
      });
      made.heads.set(headsKey, heads);
    }
    if (status === 304) res.writeHead(304, heads).end();
    else res.writeHead(200, heads).end(req.method === 'HEAD' ? undefined : body);
  };

  /** The story minute a run's page shows, read once per wall second (reading the clock formats dates). */
  const minutes = new WeakMap<PublicRun, { second: number; minute: number }>();
  const shownMinute = (run: PublicRun): number => {
    const second = Math.floor(Date.now() / 1000);
    let seen = minutes.get(run);
    if (seen?.second !== second)
      minutes.set(run, (seen = { second, minute: Math.floor(run.clock().offsetMs / 60_000) }));
    return seen.minute;
  };

  // Brotli whenever the client takes it (smaller), gzip otherwise, else the bytes as they are.
  const encodingOf = remembered((accepted: string | undefined): Encoding => {
    const negotiator = accepts({ headers: { 'accept-encoding': accepted } } as IncomingMessage);
    return negotiator.encoding(['br']) === 'br' ? 'br' : negotiator.encoding(['gzip']) === 'gzip' ? 'gzip' : 'identity';
  });

  return (req, res, next) => {
    const target = req.method === 'GET' || req.method === 'HEAD' ? targetOf(req.url ?? '', deps.defaultRun) : undefined;
    const run = target === undefined ? undefined : deps.runs.get(target.run);
    // Behind proxies, only express knows the protocol the client used, which summary.json links with.
    const proxied = target?.kind === 'summary' && deps.publicUrl === undefined && deps.trustProxy > 0;
    if (target === undefined || run === undefined || proxied) return next();
    const allowed = deps.limiter.take(req);
    if (allowed === true) return serve(req, res, target, run);
    if (allowed === false) return next();
    allowed.then((ok) => (ok ? serve(req, res, target, run) : next()), next);
  };
}

/** What a URL asks the fast path for, or `undefined` for anything it leaves to express. */
export function targetOf(url: string, defaultRun?: string): Target | undefined {
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  const query = q === -1 ? '' : url.slice(q + 1);
  let lang: Language | undefined;
  if (query !== '') {
    const asked = /^lang=([a-z]{2})$/.exec(query)?.[1];
    if (!isLanguage(asked)) return undefined;
    lang = asked;
  }
  if (path === DEFAULT_SUMMARY)
    return defaultRun === undefined ? undefined : { kind: 'summary', run: defaultRun, lang };
  const page = PAGE.exec(path)?.[1];
  if (page !== undefined) return { kind: 'page', run: page, lang };
  const summary = SUMMARY.exec(path)?.[1];
  return summary === undefined ? undefined : { kind: 'summary', run: summary, lang };
}

/** The page's language as express chooses it: `?lang=`, then the cookie, then Accept-Language. */
function pageLanguage(req: IncomingMessage, asked: Language | undefined, fallback: Language): Language {
  if (asked !== undefined) return asked;
  const cookie = /(?:^|;\s*)lang=([a-z]{2})/.exec(req.headers.cookie ?? '')?.[1];
  if (isLanguage(cookie)) return cookie;
  return languageOf(req.headers['accept-language']) ?? fallback;
}

const languageOf = remembered((accepted: string | undefined): Language | undefined => {
  const language = accepts({ headers: { 'accept-language': accepted } } as IncomingMessage).language(['fr', 'en']);
  return isLanguage(language) ? language : undefined;
});

/**
 * `read` remembering its answer for the last few hundred values of a header: browsers of one kind
 * send the same `Accept-Encoding` and `Accept-Language`, which need parsing only once.
 */
function remembered<T>(read: (value: string | undefined) => T): (value: string | undefined) => T {
  const answers = new Map<string | undefined, T>();
  return (value) => {
    if (answers.has(value)) return answers.get(value) as T;
    const answer = read(value);
    if (answers.size >= REMEMBERED_VALUES) answers.clear();
    answers.set(value, answer);
    return answer;
  };
}

/** The headers of an answer, flat as `writeHead` takes them: security, type, caching, validators, length. */
function headersOf(
  security: ReadonlyArray<readonly [string, string]>,
  answer: {
    isPage: boolean;
    setCookie: string | undefined;
    etag: string;
    encoding: Encoding;
    length: number | undefined;
  },
): string[] {
  const headers: Array<readonly [string, string]> = [...security];
  if (answer.isPage) {
    headers.push(['Content-Type', 'text/html; charset=utf-8'], ['Cache-Control', 'no-cache']);
    headers.push(['Vary', 'Accept-Encoding, Accept-Language, Cookie']);
    if (answer.setCookie !== undefined) headers.push(['Set-Cookie', answer.setCookie]);
  } else {
    headers.push(['Content-Type', 'application/json; charset=utf-8'], ['Cache-Control', 'public, max-age=5']);
    headers.push(
      ['Access-Control-Allow-Origin', '*'],
      ['Access-Control-Expose-Headers', 'ETag'],
      ['Vary', 'Accept-Encoding'],
    );
  }
  headers.push(['ETag', answer.etag]);
  if (answer.encoding !== 'identity') headers.push(['Content-Encoding', answer.encoding]);
  if (answer.length !== undefined) headers.push(['Content-Length', String(answer.length)]);
  return headers.flat();
}

const LANGUAGE_SET_COOKIE: Record<Language, string> = {
  fr: serialize(LANGUAGE_COOKIE, 'fr', LANGUAGE_COOKIE_OPTIONS),
  en: serialize(LANGUAGE_COOKIE, 'en', LANGUAGE_COOKIE_OPTIONS),
};

/** Brotli at quality 5: nearly the size of 11 at a hundredth of the time. */
function brotli(bytes: Buffer): Buffer {
  return brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  });
}
