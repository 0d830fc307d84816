/**
 * The Statuspage v2 API and the history feeds of runs, at `/r/<run>/api/v2/<endpoint>` and
 * `/r/<run>/history.atom|rss`, and for the default run at `/api/v2/<endpoint>` and
 * `/history.atom|rss`. Public, cacheable (bodies are kept per run version, with strong ETags) and
 * open to every origin, as Statuspage's own API is.
 *
 * Language: `?lang=` when the scenario declares that language, else the scenario's first
 * language. Cookies and Accept-Language are ignored on purpose: responses are `public` and carry
 * no `Vary`, so the URL alone must decide what they say.
 */
import { Router, type Request, type RequestHandler, type Response } from 'express';
import { NotFoundError } from '../errors.js';
import type { PublicRun, PublicRuns } from '../status/public-run.js';
import type { Language } from '../scenario/vocabulary.js';
import { isLanguage } from '../status/i18n.js';
import { historyAtom, historyRss } from '../status/feeds.js';
import type { StatusModel } from '../status/status-model.js';
import { isStatuspageEndpoint, statuspageDocument } from '../status/statuspage.js';
import { etagMatches, ResponseCache } from './api-cache.js';

/** What the API routes need. */
export interface ApiDeps {
  runs: PublicRuns;
  /** Id of the run served at the root paths, if any. */
  defaultRun: string | undefined;
  /** Base of every link in the documents (config `PUBLIC_URL`); from the request when unset. */
  publicUrl: string | undefined;
}

/** How a document is rendered and typed. */
interface Format {
  type: string;
  render(model: StatusModel, lang: Language, baseUrl: string): string;
}

const FEEDS = {
  'history.atom': {
    type: 'application/atom+xml; charset=utf-8',
    render: (model, lang, baseUrl) => historyAtom({ model, lang, baseUrl }),
  },
  'history.rss': {
    type: 'application/rss+xml; charset=utf-8',
    render: (model, lang, baseUrl) => historyRss({ model, lang, baseUrl }),
  },
} satisfies Record<string, Format>;

const HOST_PATTERN = /^[A-Za-z0-9.-]+(:\d+)?$/;

/** Seconds clients and proxies may reuse an answer without asking again. */
export const API_MAX_AGE_SECONDS = 5;

/** Routes of the public API and feeds, per run and for the default run. */
export function apiRoutes(deps: ApiDeps): Router {
  const router = Router();
  const cache = new ResponseCache();

  const runOf = (req: Request): PublicRun => {
    const id = req.params.run;
    if (typeof id === 'string') return requirePublicRun(deps.runs, id);
    if (deps.defaultRun === undefined) throw new NotFoundError('no default run is being served');
    return requirePublicRun(deps.runs, deps.defaultRun);
  };

  const send = (req: Request, res: Response, run: PublicRun, endpoint: string, format: Format): void => {
    const lang = apiLanguage(req, run);
    const baseUrl = deps.publicUrl ?? requestBaseUrl(req);
    const { body, etag } = cache.get(run, run.version, { endpoint, lang, baseUrl }, () => {
      const model = run.model();
      return { version: model.version, body: format.render(model, lang, baseUrl) };
    });
    res.setHeader('Content-Type', format.type);
    res.setHeader('Cache-Control', `public, max-age=${API_MAX_AGE_SECONDS}`);
    res.setHeader('ETag', etag);
    if (etagMatches(req.headers['if-none-match'], etag)) {
      res.status(304).end();
      return;
    }
    res.send(body);
  };

  const api: RequestHandler = (req, res) => {
    const endpoint = endpointPath(req.params.endpoint);
    // The run first, so an unknown run says so whatever the endpoint.
    const run = runOf(req);
    if (!isStatuspageEndpoint(endpoint)) throw new NotFoundError(`no API endpoint "${endpoint}"`);
    send(req, res, run, endpoint, {
      type: 'application/json; charset=utf-8',
      render: (model, lang, baseUrl) => JSON.stringify(statuspageDocument(model, endpoint, lang, baseUrl)),
    });
  };

  const publicPaths = ['/api/v2', '/r/:run/api/v2', ...Object.keys(FEEDS).flatMap((f) => [`/${f}`, `/r/:run/${f}`])];
  router.use(publicPaths, openToEveryOrigin);
  router.get(['/api/v2/*endpoint', '/r/:run/api/v2/*endpoint'], api);
  for (const [name, format] of Object.entries(FEEDS)) {
    router.get([`/${name}`, `/r/:run/${name}`], (req, res) => send(req, res, runOf(req), name, format));
  }
  return router;
}

/**
 * CORS for a public, read-only API: any origin may GET (and read the ETag); a preflight is
 * answered at once with 204. Browsers may also embed the answers cross-origin.
 */
const openToEveryOrigin: RequestHandler = (req, res, next) => {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Expose-Headers', 'ETag');
  res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
  if (req.method !== 'OPTIONS') return next();
  res.setHeader('Access-Control-Allow-Methods', 'GET');
  res.setHeader('Access-Control-Allow-Headers', 'If-None-Match');
  res.setHeader('Access-Control-Max-Age', '86400');
  res.status(204).end();
};

/** The language of an API answer: `?lang=` if the scenario has it, else its first language. */
export function apiLanguage(req: Request, run: PublicRun): Language {
  const asked = req.query.lang;
  const declared = run.scenario.languages;
  return isLanguage(asked) && declared.includes(asked) ? asked : (declared[0] ?? 'fr');
}

/** The run `id` the public may see; a NotFoundError otherwise. */
export function requirePublicRun(runs: PublicRuns, id: string): PublicRun {
  const run = runs.get(id);
  if (run === undefined) throw new NotFoundError(`no run "${id}"`);
  return run;
}

/** `<protocol>://<Host>` of a request; a Host header that is not a plain host[:port] reads `localhost`. */
export function requestBaseUrl(req: Request): string {
  return baseUrlOf(req.protocol, req.headers.host);
}

/** `<protocol>://<host>`, `localhost` standing for a host that is not a plain host[:port]. */
export function baseUrlOf(protocol: string, host: string | undefined): string {
  return `${protocol}://${host !== undefined && HOST_PATTERN.test(host) ? host : 'localhost'}`;
}

/** The endpoint of a `*endpoint` wildcard (express 5 gives its segments as an array). */
function endpointPath(param: unknown): string {
  return Array.isArray(param) ? param.join('/') : String(param);
}
