/**
 * Hostile values, shared by the scenario mutations and the API payloads: the wrong JSON type for
 * a place, strings that are huge or full of control, bidirectional and markup characters, objects
 * keyed `__proto__` or `constructor`, and nesting deep enough to reach recursion limits.
 */
import type { Rng } from './rng.js';

/** The JSON types a value can have. */
export type JsonType = 'string' | 'number' | 'boolean' | 'null' | 'array' | 'object';

/** Keys that name Object.prototype's members, or the prototype itself. */
export const PROTO_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  '__defineGetter__',
  '__lookupSetter__',
] as const;

/** Characters that break naive handling: controls, bidi overrides, markup, quotes, astral and combining ones. */
const NASTY = [
  '\u0000',
  '\u0007',
  '\t',
  '\r\n',
  '\u2028',
  '\u202e',
  '\u200b',
  '\ufeff',
  '\ufffd',
  '<script>alert(1)</script>',
  '"',
  "'",
  '\\',
  '${x}',
  '%s',
  '😀',
  'e\u0301',
  '𝕏',
  '{{',
  ': ',
  '- ',
  '#',
  '&a',
  '*a',
  '!!str',
] as const;

/** A string of `length` characters at most, from one of several alphabets. */
export function hostileString(rng: Rng, length: number): string {
  switch (rng.int(4)) {
    case 0:
      return 'a'.repeat(length);
    case 1: {
      const unit = rng.pick(NASTY);
      return unit.repeat(Math.max(1, Math.floor(length / unit.length)));
    }
    case 2: {
      let out = '';
      while (out.length < length) out += rng.chance(0.5) ? rng.pick(NASTY) : String.fromCharCode(32 + rng.int(95));
      return out.slice(0, Math.max(length, 1));
    }
    default: {
      let out = '';
      for (let i = 0; i < length; i++) out += String.fromCharCode(rng.int(0x10000));
      return out;
    }
  }
}

/** A string from a few characters to `max` (spread over orders of magnitude). */
export function someHostileString(rng: Rng, max: number): string {
  return hostileString(rng, Math.max(1, rng.size(max)));
}

/** An object whose keys are prototype names, with plain or hostile values. */
export function protoObject(rng: Rng): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  const count = rng.between(1, 3);
  for (let i = 0; i < count; i++) {
    // Defined, not assigned: assigning `__proto__` would set the prototype instead of a key.
    Object.defineProperty(object, rng.pick(PROTO_KEYS), {
      value: rng.pick<unknown>([{ polluted: true }, 'polluted', 1, null, [], {}]),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return object;
}

/** Nested arrays or objects `depth` deep, built without recursion. */
export function deepValue(rng: Rng, depth: number): unknown {
  const asObject = rng.chance(0.5);
  let value: unknown = rng.pick([1, 'x', null, true]);
  for (let i = 0; i < depth; i++) value = asObject ? { a: value } : [value];
  return value;
}

/** JSON text nested `depth` deep, for depths that JSON.stringify itself cannot reach. */
export function deepJsonText(rng: Rng, depth: number): string {
  return rng.chance(0.5)
    ? `${'['.repeat(depth)}1${']'.repeat(depth)}`
    : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

/** A hostile value whose JSON type is not among `allowed`. */
export function wrongTypeValue(rng: Rng, allowed: readonly JsonType[]): unknown {
  const types = (['string', 'number', 'boolean', 'null', 'array', 'object'] as const).filter(
    (t) => !allowed.includes(t),
  );
  return valueOfType(rng, rng.pick(types));
}

/** A hostile value of one JSON type. */
export function valueOfType(rng: Rng, type: JsonType): unknown {
  switch (type) {
    case 'string':
      return rng.chance(0.3)
        ? rng.pick(['', ' ', 'null', 'true', '0', '1e999', 'NaN', '-1'])
        : someHostileString(rng, 70_000);
    case 'number':
      return rng.pick([0, -1, -0, 1.5, 1e308, -1e308, 2 ** 53 + 2, 4.9e-324, 0.1, 10_001, 99_999_999_999]);
    case 'boolean':
      return rng.chance(0.5);
    case 'null':
      return null;
    case 'array':
      return rng.pick<() => unknown>([
        () => [],
        () => [1, 'x'],
        () => [{}],
        () => [protoObject(rng)],
        () => deepValue(rng, rng.size(500)),
      ])();
    case 'object':
      return rng.pick<() => unknown>([
        () => ({}),
        () => ({ x: 1 }),
        () => protoObject(rng),
        () => ({ [someHostileString(rng, 300)]: someHostileString(rng, 300) }),
      ])();
  }
}

/** The JSON type of a value. */
export function jsonTypeOf(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const type = typeof value;
  if (type === 'string' || type === 'number' || type === 'boolean') return type;
  return 'object';
}

/** `text` percent-encoded as UTF-8, lone surrogates included (as U+FFFD), where encodeURIComponent throws. */
export function percentEncode(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const char = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.~]/.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}
