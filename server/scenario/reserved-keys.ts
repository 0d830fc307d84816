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
  // A stack rather than recursion, since a request may nest arrays thirty thousand deep; and a
  // link to the parent rather than a copy of the path at every level, which made that quadratic.
  type Step = { value: unknown; key: string | number; parent: Step | undefined };
  const pathOf = (step: Step | undefined): DocPath => {
    const path: Array<string | number> = [];
    for (let at = step; at?.parent !== undefined; at = at.parent) path.push(at.key);
    return path.reverse();
  };
  const stack: Step[] = [{ value: data, key: '', parent: undefined }];
  while (stack.length > 0) {
    const step = stack.pop()!;
    const { value } = step;
    if (typeof value !== 'object' || value === null || seen.has(value)) continue;
    seen.add(value);
    const children: Step[] = Array.isArray(value)
      ? value.map((item: unknown, key) => ({ value: item, key, parent: step }))
      : Object.entries(value as Record<string, unknown>).map(([key, item]) => ({ value: item, key, parent: step }));
    if (!Array.isArray(value) && Object.hasOwn(value, '__proto__'))
      found.push({ path: [...pathOf(step), '__proto__'], owner: value });
    stack.push(...children.reverse());
  }
  return found;
}
