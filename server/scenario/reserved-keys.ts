/**
 * `__proto__` keys of parsed data (a scenario file, a request's JSON). zod drops a record's
 * `__proto__` key without a word (so that it cannot set the result's prototype): a scenario with
 * `actual: { __proto__: major_outage }`, or an update with `channels: { "__proto__": … }`, passed
 * as if the key were not written, while a strict object reported it as unknown. Found here, every
 * one is reported, the same way, wherever it is.
 */
import type { DocPath } from './problems.js';

/** The paths of every own `__proto__` key in `data`, in document order. */
export function protoKeyPaths(data: unknown): DocPath[] {
  return protoKeys(data).map(({ path }) => path);
}

/** The paths of every own `__proto__` key in `data`, which loses them. */
export function takeProtoKeys(data: unknown): DocPath[] {
  const found = protoKeys(data);
  // Deleted from the object that owns each one, never through a path that could reach a prototype.
  for (const { owner } of found) Reflect.deleteProperty(owner, '__proto__');
  return found.map(({ path }) => path);
}

function protoKeys(data: unknown): Array<{ path: DocPath; owner: object }> {
  const found: Array<{ path: DocPath; owner: object }> = [];
  // An alias makes one object appear at several paths, or inside itself.
  const seen = new Set<object>();
  // A stack rather than recursion: a request may nest arrays thirty thousand deep.
  const stack: Array<{ value: unknown; path: DocPath }> = [{ value: data, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (typeof value !== 'object' || value === null || seen.has(value)) continue;
    seen.add(value);
    const children: Array<{ value: unknown; path: DocPath }> = Array.isArray(value)
      ? value.map((item: unknown, index) => ({ value: item, path: [...path, index] }))
      : Object.entries(value as Record<string, unknown>).map(([key, item]) => ({ value: item, path: [...path, key] }));
    if (!Array.isArray(value) && Object.hasOwn(value, '__proto__'))
      found.push({ path: [...path, '__proto__'], owner: value });
    stack.push(...children.reverse());
  }
  return found;
}
