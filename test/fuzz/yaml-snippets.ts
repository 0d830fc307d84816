/**
 * YAML text no valid scenario contains, for the structure-aware mutations: story times and
 * durations out of range or out of the calendar, ids nobody declared, alias bombs, nesting deep
 * enough to exhaust a recursive parser, and tags of other languages' loaders.
 */
import type { Rng } from './rng.js';
import { PROTO_KEYS } from './hostile-values.js';

/** Keys whose values are story times or durations. */
export const TIME_KEYS = new Set([
  'at',
  'nextUpdateAt',
  'startsAt',
  'endsAt',
  'within',
  'firstUpdateWithin',
  'scopingWithin',
  'maxGap',
  'date',
]);

/** Keys whose values name something declared elsewhere in the scenario. */
export const REFERENCE_KEYS = new Set([
  'id',
  'group',
  'channel',
  'incident',
  'source',
  'originalLanguage',
  'timeZone',
  'schema',
]);

/** Maps whose keys are channel ids. */
export const CHANNEL_MAPS = new Set(['actual', 'channels']);

/** A story time, date or duration that is out of range, out of the calendar or out of syntax. */
export function badTime(rng: Rng): string {
  const huge = '9'.repeat(rng.between(20, 400));
  return rng.pick([
    '+999999d',
    `+${huge}d`,
    `${huge}m`,
    '+0m',
    '-1h',
    '+1h60m',
    '+1H',
    '+1.5h',
    '+',
    '',
    '15',
    '0s',
    '1d2h3m4s',
    '2025-02-30T10:00+01:00',
    '2025-12-22T24:00+01:00',
    '2025-12-22T07:60+01:00',
    '2025-12-22T07:00+25:00',
    '2025-12-22T07:00',
    '2025-12-22',
    '2025-13',
    '0000-01-01T00:00Z',
    '9999-12-31T23:59:59.999+14:00',
    '1970-01-01T00:00Z',
    '2019-12-22T07:00+01:00',
    '2030-01-01T00:00+01:00',
    '275760-09-13T00:00Z',
    '2025-12-22T07:00:00.1234+01:00',
  ]);
}

/** An id that is declared nowhere: a typo of `near`, a prototype name, a wrong case, a huge one. */
export function unknownId(rng: Rng, near: string): string {
  const typo = near.length > 1 ? `${near.slice(0, -1)}${near.endsWith('x') ? 'y' : 'x'}` : 'zz';
  return rng.pick([
    typo,
    near.toUpperCase(),
    `${near}-`,
    ` ${near}`,
    'no-such-id',
    rng.pick(PROTO_KEYS),
    'a'.repeat(rng.size(300_000) + 1),
    'Europe/Pariss',
    'statusdrill/v2',
  ]);
}

/** A scalar with a tag no safe loader should run, or a YAML 1.1 type. */
export function taggedScalar(rng: Rng): string {
  return rng.pick([
    '!!js/function "function () { process.exit(1) }"',
    '!!js/undefined ""',
    '!!js/regexp /(a+)+$/',
    '!!python/object/apply:os.system ["true"]',
    '!<tag:yaml.org,2002:js/function> "f"',
    '!!binary aGVsbG8=',
    '!!set { a, b }',
    '!!omap [ a: 1, a: 2 ]',
    '!!pairs [ a: 1 ]',
    '!!timestamp 2025-12-22T07:00:00+01:00',
    '!!float 1e999',
    '!!float .nan',
    '!!int 0x7fffffffffffffffffffffff',
    '!!int 1e3',
    '!!bool maybe',
    '!!null x',
    '!!map [1]',
    '!!seq { a: 1 }',
    '!!str',
    '!custom value',
    '!',
    '.inf',
    '-.inf',
    'yes',
    'off',
    '~',
    '0o777',
    '12:30:00',
  ]);
}

/** Anchors that each alias the previous one `width` times, `levels` deep: a billion laughs. */
export function aliasBomb(rng: Rng): string {
  const width = rng.between(2, 12);
  const levels = rng.between(2, 10);
  const tag = `b${rng.int(1_000_000)}`;
  const parts = [`${tag}0: &${tag}0 [${Array(width).fill('"lol"').join(', ')}]`];
  for (let level = 1; level < levels; level++) {
    parts.push(
      `${tag}${level}: &${tag}${level} [${Array(width)
        .fill(`*${tag}${level - 1}`)
        .join(', ')}]`,
    );
  }
  if (rng.chance(0.3))
    parts.push(
      `<<: [${Array(width)
        .fill(`*${tag}${levels - 1}`)
        .join(', ')}]`,
    );
  return `{ ${parts.join(', ')} }`;
}

/** One anchored value referenced by many aliases: linear in text, quadratic once expanded. */
export function aliasFan(rng: Rng): string {
  const tag = `f${rng.int(1_000_000)}`;
  const big = Array(rng.size(5_000) + 1)
    .fill('x')
    .join(', ');
  return `[ &${tag} [${big}], ${Array(rng.size(20_000) + 1)
    .fill(`*${tag}`)
    .join(', ')} ]`;
}

/** Flow collections `depth` deep, on one line. */
export function deepFlow(rng: Rng, depth: number): string {
  return rng.chance(0.5)
    ? `${'['.repeat(depth)}1${']'.repeat(depth)}`
    : `${'{ a: '.repeat(depth)}1${' }'.repeat(depth)}`;
}

/** Block mappings `depth` deep, one level per line, as a top-level key. */
export function deepBlock(depth: number): string {
  const lines = ['deep:'];
  for (let level = 1; level <= depth; level++) lines.push(`${' '.repeat(level)}k:`);
  lines.push(`${' '.repeat(depth + 1)}1`);
  return lines.join('\n');
}

/** A directive or document marker that changes how the rest of the file is read. */
export function documentPrelude(rng: Rng): string {
  return rng.pick([
    '%YAML 1.1\n---\n',
    '%YAML 1.3\n---\n',
    '%YAML 9.9\n---\n',
    '%TAG ! tag:example.com,2000:app/\n---\n',
    '%TAG !! tag:example.com,2000:\n---\n',
    '---\n',
    '--- !!map\n',
    '--- !!seq\n',
    '...\n',
    '--- |\n',
    '%FOO bar\n---\n',
  ]);
}
