/**
 * Structure-aware mutations of a real scenario: the file is parsed into a YAML document, a few
 * keys, entries or values are dropped, duplicated, swapped or replaced by hostile ones, and the
 * document is written out again. Each mutation says what it did, for the failure report.
 */
import { Alias, Pair, Scalar, isMap, isScalar, isSeq, parseDocument, type Document } from 'yaml';
import type { Rng } from './rng.js';
import { hostileString, jsonTypeOf, PROTO_KEYS, wrongTypeValue } from './hostile-values.js';
import { keyOf, placesOf, removeAt, replaceAt, Slots, type Place } from './yaml-places.js';
import {
  aliasBomb,
  aliasFan,
  badTime,
  CHANNEL_MAPS,
  deepBlock,
  deepFlow,
  documentPrelude,
  REFERENCE_KEYS,
  taggedScalar,
  TIME_KEYS,
  unknownId,
} from './yaml-snippets.js';

/** What a mutation works with. */
interface Scope {
  doc: Document;
  rng: Rng;
  slots: Slots;
  /** Text to put before or after the document once written. */
  prefix: string[];
  suffix: string[];
}

/** A mutation: acts on the document and names what it did, or undefined when it found no place to act. */
type Mutation = (scope: Scope, places: Place[]) => string | undefined;

const where = (place: Place): string => place.path.join('.');
const scalarValue = (place: Place): unknown => (isScalar(place.node) ? place.node.value : undefined);
const anyOf = (rng: Rng, places: Place[], keep: (place: Place) => boolean = () => true): Place | undefined => {
  const fit = places.filter(keep);
  return fit.length === 0 ? undefined : rng.pick(fit);
};

/** The mutations, by name. */
export const STRUCTURE_MUTATIONS: Record<string, Mutation> = {
  'drop-key': ({ rng }, places) => {
    const place = anyOf(rng, places, (p) => p.pair !== undefined);
    if (place === undefined) return undefined;
    removeAt(place);
    return `drop-key ${where(place)}`;
  },
  'drop-entry': ({ rng }, places) => {
    const place = anyOf(rng, places, (p) => p.pair === undefined);
    if (place === undefined) return undefined;
    removeAt(place);
    return `drop-entry ${where(place)}`;
  },
  'duplicate-key': ({ rng }, places) => {
    const place = anyOf(rng, places, (p) => p.pair !== undefined && isScalar(p.pair.key));
    if (place?.pair === undefined) return undefined;
    const value = rng.chance(0.5) ? cloneOf(place.node) : new Scalar('duplicate');
    place.parent.items.splice(place.index + 1, 0, new Pair(cloneOf(place.pair.key as Scalar), value) as never);
    return `duplicate-key ${where(place)}`;
  },
  'duplicate-entry': ({ rng }, places) => {
    const place = anyOf(rng, places, (p) => p.pair === undefined);
    if (place === undefined) return undefined;
    place.parent.items.splice(place.index + rng.int(2), 0, cloneOf(place.node) as never);
    return `duplicate-entry ${where(place)}`;
  },
  'swap-entries': ({ rng }, places) => {
    const place = anyOf(rng, places, (p) => p.pair === undefined && p.parent.items.length > 1);
    if (place === undefined) return undefined;
    const other = rng.int(place.parent.items.length);
    const items = place.parent.items as unknown[];
    [items[place.index], items[other]] = [items[other], items[place.index]];
    return `swap-entries ${where(place)} with [${other}]`;
  },
  'swap-values': ({ rng }, places) => {
    const a = anyOf(rng, places, (p) => p.pair !== undefined);
    const b = anyOf(rng, places, (p) => p.pair !== undefined && p !== a);
    if (a?.pair === undefined || b?.pair === undefined) return undefined;
    [a.pair.value, b.pair.value] = [b.pair.value, a.pair.value];
    return `swap-values ${where(a)} and ${where(b)}`;
  },
  'wrong-type': ({ doc, rng }, places) => {
    const place = anyOf(rng, places);
    if (place === undefined) return undefined;
    const current = isScalar(place.node) ? place.node.value : isSeq(place.node) ? [] : {};
    replaceAt(place, doc.createNode(wrongTypeValue(rng, [jsonTypeOf(current)])));
    return `wrong-type ${where(place)}`;
  },
  'huge-string': ({ rng }, places) => {
    const place = anyOf(rng, places, (p) => isScalar(p.node));
    if (place === undefined) return undefined;
    const length = rng.size(2_000_000) + 1;
    replaceAt(place, new Scalar(hostileString(rng, length)));
    return `huge-string ${where(place)} (${length} characters)`;
  },
  'bad-time': ({ rng }, places) => {
    const place = anyOf(rng, places, (p) => TIME_KEYS.has(keyOf(p) ?? ''));
    if (place === undefined) return undefined;
    const time = badTime(rng);
    replaceAt(place, new Scalar(time));
    return `bad-time ${where(place)} = ${time.slice(0, 40)}`;
  },
  'unknown-id': ({ rng }, places) => {
    const place = anyOf(rng, places, (p) => REFERENCE_KEYS.has(keyOf(p) ?? '') && isScalar(p.node));
    if (place === undefined) return undefined;
    const id = unknownId(rng, String(scalarValue(place)));
    replaceAt(place, new Scalar(id));
    return `unknown-id ${where(place)} = ${id.slice(0, 40)}`;
  },
  'unknown-channel-key': ({ rng }, places) => {
    const place = anyOf(
      rng,
      places,
      (p) => CHANNEL_MAPS.has(String(p.path[p.path.length - 2])) && p.pair !== undefined,
    );
    if (place?.pair === undefined) return undefined;
    const id = unknownId(rng, String((place.pair.key as Scalar).value));
    if (rng.chance(0.5)) place.pair.key = new Scalar(id);
    else place.parent.items.push(new Pair(new Scalar(id), cloneOf(place.node)));
    return `unknown-channel-key ${where(place)} -> ${id.slice(0, 40)}`;
  },
  'proto-key': ({ rng }, places) => {
    const place = anyOf(rng, places, (p) => isMap(p.node));
    if (place === undefined || !isMap(place.node)) return undefined;
    const key = rng.pick(PROTO_KEYS);
    const sibling = place.node.items[0]?.value;
    const value = rng.chance(0.5) && sibling !== undefined ? cloneOf(sibling) : new Scalar(rng.pick(['x', 1, null]));
    place.node.items.splice(rng.int(place.node.items.length + 1), 0, new Pair(new Scalar(key), value) as never);
    return `proto-key ${where(place)}.${key}`;
  },
  'complex-key': ({ doc, rng }, places) => {
    const place = anyOf(rng, places, (p) => isMap(p.node));
    if (place === undefined || !isMap(place.node)) return undefined;
    const key = doc.createNode(rng.pick<unknown>([['a', 'b'], { a: 1 }, [[]], null]));
    place.node.items.push(new Pair(key, new Scalar('x')));
    return `complex-key ${where(place)}`;
  },
  'anchor-alias': ({ doc, rng }, places) => {
    const source = anyOf(rng, places, (p) => p.node !== null && !(p.node instanceof Alias));
    const target = anyOf(rng, places, (p) => p !== source);
    if (source?.node === null || source === undefined || target === undefined) return undefined;
    const alias = doc.createAlias(source.node as Scalar);
    replaceAt(target, alias);
    return `anchor-alias ${where(target)} = *${where(source)}`;
  },
  'alias-bomb': ({ rng, slots }, places) => {
    const place = anyOf(rng, places);
    if (place === undefined) return undefined;
    replaceAt(place, slots.add(rng.chance(0.7) ? aliasBomb(rng) : aliasFan(rng)));
    return `alias-bomb ${where(place)}`;
  },
  'deep-nesting': ({ rng, slots, suffix }, places) => {
    const depth = rng.size(100_000) + 1;
    if (rng.chance(0.3)) {
      suffix.push(deepBlock(Math.min(depth, 3_000)));
      return `deep-nesting block ${Math.min(depth, 3_000)}`;
    }
    const place = anyOf(rng, places);
    if (place === undefined) return undefined;
    replaceAt(place, slots.add(deepFlow(rng, depth)));
    return `deep-nesting ${where(place)} (${depth})`;
  },
  tag: ({ rng, slots }, places) => {
    const place = anyOf(rng, places, (p) => isScalar(p.node));
    if (place === undefined) return undefined;
    const tagged = taggedScalar(rng);
    replaceAt(place, slots.add(tagged));
    return `tag ${where(place)} = ${tagged}`;
  },
  prelude: ({ rng, prefix }) => {
    const prelude = documentPrelude(rng);
    prefix.push(prelude);
    return `prelude ${JSON.stringify(prelude)}`;
  },
};

/**
 * `text` with `count` structure-aware mutations, and what they did; undefined when the text
 * does not parse into a document these mutations can work on.
 */
export function mutateStructure(text: string, rng: Rng, count: number): { text: string; did: string[] } | undefined {
  const doc = parseDocument(text, { uniqueKeys: false, logLevel: 'silent' });
  if (doc.errors.length > 0 || !isMap(doc.contents)) return undefined;
  const scope: Scope = { doc, rng, slots: new Slots(), prefix: [], suffix: [] };
  const names = Object.keys(STRUCTURE_MUTATIONS);
  const did: string[] = [];
  for (let attempt = 0; did.length < count && attempt < count * 5; attempt++) {
    const name = rng.pick(names);
    const done = STRUCTURE_MUTATIONS[name]!(scope, placesOf(doc));
    if (done !== undefined) did.push(done);
  }
  let body: string;
  try {
    body = scope.slots.render(doc);
  } catch {
    // The model refused to write itself out (an alias to a node it no longer holds): no input.
    return undefined;
  }
  return { text: `${scope.prefix.join('')}${body}${scope.suffix.map((s) => `\n${s}\n`).join('')}`, did };
}

function cloneOf<T>(node: T): T {
  return node !== null && typeof node === 'object' && 'clone' in node ? (node as { clone: () => T }).clone() : node;
}
