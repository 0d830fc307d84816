/**
 * `__proto__` keys of a parsed scenario, taken out and reported. zod drops a record's
 * `__proto__` key without a word (so that it cannot set the result's prototype): a file with
 * `actual: { __proto__: major_outage }` or `title: { fr: …, en: …, __proto__: … }` passed as if
 * the key were not written, while a strict object reported it as unknown. Taken out before the
 * schema runs, every one is reported once, the same way, wherever it is.
 */
import type { DocPath } from './problems.js';

/** The paths of every own `__proto__` key in `data`, which loses them. */
export function takeProtoKeys(data: unknown): DocPath[] {
  const found: DocPath[] = [];
  // An alias makes one object appear at several paths, or inside itself.
  const seen = new Set<object>();
  const walk = (value: unknown, path: DocPath): void => {
    if (typeof value !== 'object' || value === null || seen.has(value)) return;
    seen.add(value);
    if (Array.isArray(value)) {
      value.forEach((item, index) => walk(item, [...path, index]));
      return;
    }
    if (Object.hasOwn(value, '__proto__')) {
      found.push([...path, '__proto__']);
      delete (value as Record<string, unknown>)['__proto__'];
    }
    for (const [key, item] of Object.entries(value)) walk(item, [...path, key]);
  };
  walk(data, []);
  return found;
}
