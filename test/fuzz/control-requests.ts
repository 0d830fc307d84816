/**
 * Requests to the JSON control API, each invalid by construction: an operation's input with one
 * defect (see invalid-inputs.ts), sent on its route with ids in the path and the rest as the body,
 * or a route with a broken path, bad JSON, a body that is not an object, a body over the limit, a
 * charset the API refuses, `?lang=` that is no language, or credentials that are wrong. Around the
 * defect, noise that must change nothing: invalid UTF-8 inside strings, hostile query strings,
 * other content types when the defect does not live in the body.
 */
import { CONTROL_ROUTES, type ControlRoute } from '../../server/web/control-api.js';
import type { Rng } from './rng.js';
import type { FuzzTarget } from './fuzz-target.js';
import { commandExamples, requiredKeys, type Input } from './command-examples.js';
import { invalidInput, PATH_KEYS, type InvalidInput } from './invalid-inputs.js';
import { deepJsonText, hostileString, percentEncode } from './hostile-values.js';
import type { RawRequest } from './raw-http.js';

/** A request of the fuzz, with what makes it invalid and what it must be answered. */
export interface FuzzRequest extends RawRequest {
  /** The surface, for the figures: `POST /api/runs/:run/control`. */
  surface: string;
  what: string;
  /** `refused`: a 4xx; `shown`: a 2xx or 3xx; `form`: a redirect back to the form with an error, or a 404. */
  expect: 'refused' | 'shown' | 'form';
}

// Not a byte order mark: the JSON parser skips one, as it should.
const BAD_JSON = [
  '{',
  '{"a":1,}',
  "{'a':1}",
  '{"a":NaN}',
  '{"a":1}{"b":2}',
  'nul',
  '{"a":"\\x"}',
  '{"a":1',
  '\u0000{}',
];
const BAD_SEGMENTS = ['%', '%E0%A4%A', '%ZZ', '..', '%2e%2e', '%00', 'a%2Fb', '%C0%AF'];

/**
 * A hostile query string: repeated, nested, prototype-named and long keys; `max` characters of
 * hostile text at most, which percent-encoded take up to nine times as many bytes.
 */
export function noiseQuery(rng: Rng, max = 2_000): string {
  const parts = [
    'x=1',
    '__proto__[polluted]=1',
    'constructor[prototype][polluted]=1',
    'a[]=1&a[]=2',
    `q=${percentEncode(hostileString(rng, rng.size(max) + 1))}`,
    'lang',
    '&&&',
    '%ZZ=%ZZ',
  ];
  return Array.from({ length: rng.between(1, 3) }, () => rng.pick(parts)).join('&');
}

/** A control API request, invalid by construction. */
export function controlRequest(rng: Rng, target: FuzzTarget): FuzzRequest {
  const route = rng.pick(CONTROL_ROUTES);
  const example = rng.pick(commandExamples(target.ids)[route.command]);
  const credentials = rng.chance(0.85) ? rng.pick(target.facilitator) : rng.pick(target.responder);
  const surface = `${route.method.toUpperCase()} ${route.path}`;
  const base = (
    path: string,
    body: Buffer | undefined,
    what: string,
    headers: Record<string, string> = {},
  ): FuzzRequest => ({
    method: route.method.toUpperCase(),
    path,
    headers: {
      ...credentials.headers,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...headers,
    },
    ...(body === undefined ? {} : { body }),
    surface,
    what,
    expect: 'refused',
  });
  const json = (value: unknown): Buffer => Buffer.from(JSON.stringify(value), 'utf8');
  const valid = split(route, example);

  // Defects of the request itself, whatever the input.
  switch (rng.int(20)) {
    case 0:
      // Only routes with an id in their path have a segment to break.
      if (route.path.includes(':'))
        return base(
          pathOf(route, example, rng.pick(BAD_SEGMENTS)),
          json(valid.body),
          'a path segment that is not an id',
        );
      break;
    case 1:
      return base(valid.path, Buffer.from(rng.pick(BAD_JSON), 'latin1'), 'a body that is not JSON');
    case 2:
      return base(valid.path, Buffer.from(deepJsonText(rng, rng.between(1_000, 30_000))), 'a body nested deep');
    case 8: {
      // Deep inside a field rather than at the top, where the API refuses a list before reading it.
      const key = rng.pick(Object.keys(valid.body as Input).concat('x'));
      // Often as deep as fits in the 64 KB a body may have: a walk worse than linear shows there.
      const depth = rng.chance(0.5) ? 31_000 : rng.between(1_000, 31_000);
      const deep = `${'['.repeat(depth)}${']'.repeat(depth)}`;
      return base(valid.path, Buffer.from(`{${JSON.stringify(key)}:${deep}}`), 'a field nested deep');
    }
    case 3:
      return base(
        valid.path,
        json(rng.pick<unknown>([[valid.body], 'text', 42, true])),
        'a body that is not an object',
      );
    case 4:
      return base(valid.path, json({ ...(valid.body as Input), pad: 'x'.repeat(70_000) }), 'a body over 64 KB');
    case 5:
      return base(valid.path, json(valid.body), 'a charset the API refuses', {
        'Content-Type': 'application/json; charset=latin1',
      });
    case 6:
      return base(
        `${valid.path}?lang=${rng.pick(['de', 'FR', '', 'fr&lang=en', '__proto__'])}`,
        json(valid.body),
        'a lang that is no language',
      );
    case 7:
      return rng.chance(0.5)
        ? {
            ...base(valid.path, json(valid.body), 'a wrong bearer token'),
            headers: {
              Authorization: `Bearer ${hostileString(rng, 40).replace(/[^\x21-\x7e]/g, 'x')}`,
              'Content-Type': 'application/json',
            },
          }
        : {
            ...base(`${valid.path}/more`, json(valid.body), 'a path under the route that is not one'),
            method: rng.pick(['GET', 'PUT']),
          };
  }
  const invalid = expressible(route, () => invalidInput(rng, route.command, example, target.ids));
  const parts = split(route, invalid.input);
  const bodyMatters = !invalid.inPath;
  const needsBody = requiredKeys(route.command).some((key) => !PATH_KEYS.has(key));
  let body = json(parts.body);
  // Only beside a defect in the path: U+FFFD in place of the bytes could make a defective string valid.
  if (invalid.inPath && rng.chance(0.3)) body = withInvalidUtf8(body, rng);
  const request = base(parts.path, body, invalid.what);
  // A body sent as another type is not read: only where the defect is in the path, or the body is required.
  if ((!bodyMatters || needsBody) && rng.chance(0.2)) {
    request.headers['Content-Type'] = rng.pick([
      'text/plain',
      'application/x-www-form-urlencoded',
      'application/xml',
      'multipart/form-data; boundary=x',
    ]);
    if (bodyMatters) request.what = `${invalid.what}, sent as ${request.headers['Content-Type']} (so no body)`;
  }
  if (rng.chance(0.3)) request.path += `?${noiseQuery(rng)}`;
  return request;
}

/**
 * An invalid input the route can carry: an id missing or empty cannot be written in a path (where
 * `/api/runs/` is `/api/runs`, another route), so such a defect is drawn again.
 */
function expressible(route: ControlRoute, draw: () => InvalidInput): InvalidInput {
  for (let attempt = 0; ; attempt++) {
    const invalid = draw();
    const ids = [...route.path.matchAll(/:(\w+)/g)].map((match) => match[1]!);
    const input = invalid.input as Input | null;
    const fits =
      typeof input !== 'object' ||
      input === null ||
      Array.isArray(input) ||
      ids.every((key) => input[key] !== undefined && input[key] !== '');
    if (fits || attempt >= 20) return invalid;
  }
}

/** An input split as the JSON API takes it: ids into the route's path, the rest into the body. */
function split(route: ControlRoute, input: Input): { path: string; body: unknown } {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    return { path: pathOf(route, {}), body: input };
  const body: Input = {};
  for (const key of Reflect.ownKeys(input)) {
    if (typeof key === 'string' && !(PATH_KEYS.has(key) && route.path.includes(`:${key}`))) {
      Object.defineProperty(body, key, { value: input[key], enumerable: true, writable: true, configurable: true });
    }
  }
  return { path: pathOf(route, input), body };
}

/** The route's path with its ids from `input` (or `raw` for the first one, unencoded). */
function pathOf(route: ControlRoute, input: Input, raw?: string): string {
  let first = true;
  return route.path.replace(/:(\w+)/g, (_match, key: string) => {
    if (raw !== undefined && first) {
      first = false;
      return raw;
    }
    const value = input[key];
    return percentEncode(typeof value === 'string' ? value : (JSON.stringify(value) ?? ''));
  });
}

/** `body` with bytes that are not UTF-8 inside its first string. */
function withInvalidUtf8(body: Buffer, rng: Rng): Buffer {
  const at = body.indexOf('"', body.indexOf(':'));
  if (at < 0) return body;
  const junk = Buffer.from(rng.pick([[0xff], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0x80]]));
  return Buffer.concat([body.subarray(0, at + 1), junk, body.subarray(at + 1)]);
}
