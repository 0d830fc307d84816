/**
 * Requests to the public surfaces: subscriptions from the status page with an invalid kind or
 * address (as JSON or as the page's form, from a script or a browser), sign-in and join forms
 * with wrong secrets, and the pages, the Statuspage API and the feeds with hostile query strings
 * and paths. A query string changes nothing a page says but its language, so those pages must
 * still be shown (the query stays under the 16 KB header limit); a path that names nothing is a
 * 404.
 */
import { STATUSPAGE_ENDPOINTS } from '../../server/status/statuspage.js';
import type { Rng } from './rng.js';
import type { FuzzTarget } from './fuzz-target.js';
import { hostileString, percentEncode, PROTO_KEYS, wrongTypeValue } from './hostile-values.js';
import { noiseQuery, type FuzzRequest } from './control-requests.js';

const ADDRESSES = [
  '',
  ' ',
  'no-at-sign',
  'a@b',
  'a@b.c',
  '@example.org',
  'x@example..org',
  '+33',
  '0612345678',
  '+0123456789',
];

/** A public request, refused by construction or a page that must be shown. */
export function publicRequest(rng: Rng, target: FuzzTarget): FuzzRequest {
  const { replay, exercise } = target.ids;
  const run = rng.pick([replay, exercise]);
  switch (rng.int(4)) {
    case 0:
      return subscription(rng, run);
    case 1: {
      const join = rng.chance(0.5);
      const wrong = percentEncode(hostileString(rng, rng.between(1, 300)));
      return {
        method: 'POST',
        path: join ? '/join' : '/login',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: Buffer.from(join ? `code=${wrong}&name=${wrong}` : `token=${wrong}&next=${wrong}`),
        surface: join ? 'POST /join' : 'POST /login',
        what: join ? 'a join code that does not exist' : 'a wrong admin token',
        expect: 'refused',
      };
    }
    default:
      return page(rng, run);
  }
}

/** A subscription with an invalid kind or address, or to a run that does not exist. */
function subscription(rng: Rng, run: string): FuzzRequest {
  const valid: Record<string, unknown> = { kind: 'email', address: 'viewer@example.org' };
  const defects: Array<() => [unknown, string]> = [
    () => [{ ...valid, kind: rng.pick(['fax', '', 'EMAIL', ...PROTO_KEYS]) }, 'a kind that is not email or sms'],
    () => [{ ...valid, kind: wrongTypeValue(rng, ['string']) }, 'a kind of the wrong type'],
    () => [{ kind: rng.pick(['email', 'sms']), address: rng.pick(ADDRESSES) }, 'an address that is no address'],
    () => [{ ...valid, address: `${'a'.repeat(rng.between(250, 3_000))}@example.org` }, 'an address too long'],
    () => [{ ...valid, address: wrongTypeValue(rng, ['string']) }, 'an address of the wrong type'],
    () => [{ address: valid.address }, 'no kind'],
    () => [rng.pick<unknown>([[valid], 'email', 1, null]), 'a body that is not an object'],
  ];
  const toUnknownRun = rng.chance(0.1);
  const [body, what] = toUnknownRun ? [valid, 'a run that does not exist'] : rng.pick(defects)();
  const browser = rng.chance(0.3);
  const asForm = browser || rng.chance(0.3);
  const encoded =
    asForm && typeof body === 'object' && body !== null && !Array.isArray(body)
      ? new URLSearchParams(
          Object.entries(body).map(([k, v]): [string, string] => [
            k,
            typeof v === 'string' ? v : (JSON.stringify(v) ?? ''),
          ]),
        ).toString()
      : JSON.stringify(body);
  return {
    method: 'POST',
    path: `/r/${toUnknownRun ? 'nope' : run}/subscribe`,
    headers: {
      'Content-Type': asForm && !encoded.startsWith('[') ? 'application/x-www-form-urlencoded' : 'application/json',
      Accept: browser ? 'text/html,application/xhtml+xml' : 'application/json',
    },
    body: Buffer.from(encoded),
    surface: `POST /r/:run/subscribe (${browser ? 'browser' : 'script'})`,
    what,
    expect: browser ? 'form' : 'refused',
  };
}

/** A page, API document or feed with a hostile query string, or a path that names nothing. */
function page(rng: Rng, run: string): FuzzRequest {
  const endpoint = rng.pick(STATUSPAGE_ENDPOINTS);
  const shown: Array<[string, string]> = [
    [`/r/${run}`, 'GET /r/:run'],
    [`/r/${run}/api/v2/${endpoint}`, 'GET /r/:run/api/v2/*'],
    [`/r/${run}/history.${rng.pick(['atom', 'rss'])}`, 'GET /r/:run/history.*'],
    ['/scenarios', 'GET /scenarios'],
    ['/', 'GET /'],
    ['/login', 'GET /login'],
    ['/healthz', 'GET /healthz'],
  ];
  const missing: Array<[string, string]> = [
    [`/r/${rng.pick(['nope', '%E0%A4%A', '..', '__proto__', 'constructor'])}`, 'GET /r/:run'],
    [
      `/r/${run}/api/v2/${rng.pick(['nope.json', '../summary.json', 'summary', '__proto__', 'constructor.json'])}`,
      'GET /r/:run/api/v2/*',
    ],
    [`/api/v2/${endpoint}`, 'GET /api/v2/* (no default run)'],
    [`/share/${rng.pick(['nope', 'x'.repeat(64)])}`, 'GET /share/:token'],
    [`/r/${run}/${rng.pick(['nope', 'report.exe', 'api'])}`, 'GET /r/:run/*'],
  ];
  if (rng.chance(0.3)) {
    const [path, surface] = rng.pick(missing);
    return { method: 'GET', path, headers: {}, surface, what: 'a path that names nothing', expect: 'refused' };
  }
  const [path, surface] = rng.pick(shown);
  return {
    method: rng.chance(0.9) ? 'GET' : 'HEAD',
    path: `${path}?${rng.chance(0.5) ? `lang=${percentEncode(rng.pick(['de', 'EN', '', '__proto__', 'fr&lang=en', hostileString(rng, 50)]))}&` : ''}${noiseQuery(rng, 1_000)}`,
    headers: rng.chance(0.3) ? { 'Accept-Language': 'de;q=2, *;q=-1, ;;;', Cookie: 'lang=xx; sd_session=nope' } : {},
    surface,
    what: 'a hostile query string',
    expect: 'shown',
  };
}
