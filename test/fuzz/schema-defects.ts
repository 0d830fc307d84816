/**
 * Defects an input schema forbids, made by walking the command's zod schema beside a valid input:
 * at some place in the input, a value of the wrong type, a string too long or too short or out of
 * its pattern, a number out of range, a word outside its list, an unknown key, a missing one.
 * The rest of the input stays valid.
 */
import { z } from 'zod';
import type { Rng } from './rng.js';
import { hostileString, jsonTypeOf, PROTO_KEYS, wrongTypeValue, type JsonType } from './hostile-values.js';

/** A defective value and what is wrong with it, for the failure report. */
export interface Defect {
  value: unknown;
  what: string;
}

/** `value`, valid for `schema`, with one defect somewhere inside it. */
export function schemaDefect(rng: Rng, schema: z.ZodType, value: unknown, path = ''): Defect {
  const s = unwrap(schema);
  if (s instanceof z.ZodObject && isObject(value)) return objectDefect(rng, s, value, path);
  if (s instanceof z.ZodRecord && isObject(value)) return recordDefect(rng, s, value, path);
  if (s instanceof z.ZodUnion) {
    const fits = (s.options as z.ZodType[]).find((option) => option.safeParse(value).success);
    if (fits !== undefined && rng.chance(0.8)) return schemaDefect(rng, fits, value, path);
  }
  return leafDefect(rng, s, value, path);
}

function objectDefect(rng: Rng, s: z.ZodObject, value: Record<string, unknown>, path: string): Defect {
  const shape = s.shape as Record<string, z.ZodType>;
  const present = Object.keys(value).filter((key) => key in shape);
  const required = Object.keys(shape).filter((key) => !shape[key]!.safeParse(undefined).success && key in value);
  const roll = rng.int(10);
  if (roll < 2) {
    const key = rng.pick<string>([...PROTO_KEYS, 'extra', hostileString(rng, rng.size(2_000) + 1), '']);
    const out = { ...value };
    // Defined, not assigned, so that `__proto__` becomes a key rather than the prototype.
    Object.defineProperty(out, key, {
      value: rng.pick<unknown>([1, 'x', {}, null]),
      enumerable: true,
      writable: true,
      configurable: true,
    });
    return { value: out, what: `unknown key ${JSON.stringify(key.slice(0, 40))} in ${path || '(input)'}` };
  }
  if (roll < 3 && required.length > 0) {
    const key = rng.pick(required);
    const { [key]: _dropped, ...rest } = value;
    return { value: rest, what: `missing ${path}${path ? '.' : ''}${key}` };
  }
  if (roll < 9 && present.length > 0) {
    const key = rng.pick(present);
    const inner = schemaDefect(rng, shape[key]!, value[key], `${path}${path ? '.' : ''}${key}`);
    return { value: { ...value, [key]: inner.value }, what: inner.what };
  }
  return { value: wrongTypeValue(rng, ['object']), what: `${path || '(input)'} not an object` };
}

function recordDefect(rng: Rng, s: z.ZodRecord, value: Record<string, unknown>, path: string): Defect {
  const keys = Object.keys(value);
  if (keys.length > 0 && rng.chance(0.5)) {
    const key = rng.pick(keys);
    const inner = schemaDefect(rng, s.valueType as z.ZodType, value[key], `${path}.${key}`);
    return { value: { ...value, [key]: inner.value }, what: inner.what };
  }
  const keyType = unwrap(s.keyType as z.ZodType);
  const key =
    keyType instanceof z.ZodEnum
      ? rng.pick(['de', 'FR', 'fr ', '', 'prototype'])
      : rng.pick(['', 'a'.repeat((maxLength(keyType) ?? 64) + 1)]);
  return {
    value: { ...value, [key]: Object.values(value)[0] ?? 'x' },
    what: `bad key ${JSON.stringify(key.slice(0, 40))} in ${path}`,
  };
}

function leafDefect(rng: Rng, s: z.ZodType, value: unknown, path: string): Defect {
  const where = path || '(input)';
  const wrongType = (): Defect => ({
    value: wrongTypeValue(rng, typesOf(s, value)),
    what: `${where} of the wrong type`,
  });
  if (rng.chance(0.3)) return wrongType();
  if (s instanceof z.ZodString) {
    const max = maxLength(s);
    const choices: Array<() => Defect> = [
      () => ({ value: '', what: `${where} empty` }),
      () => ({ value: '   ', what: `${where} blank` }),
      () => ({ value: `${String(value)} /%\u0000`, what: `${where} out of its pattern` }),
    ];
    if (max !== undefined) {
      choices.push(() => ({
        value: hostileString(rng, max + 1 + rng.size(70_000)),
        what: `${where} longer than ${max}`,
      }));
    }
    if (s instanceof z.ZodISODateTime)
      choices.push(() => ({ value: '2025-12-22T07:00', what: `${where} without offset` }));
    return rng.pick(choices)();
  }
  if (s instanceof z.ZodNumber) {
    const choices: Array<() => Defect> = [];
    if (s.minValue !== null && Number.isFinite(s.minValue)) {
      choices.push(() => ({ value: s.minValue! - rng.pick([1, 0.001, 1e9]), what: `${where} below ${s.minValue}` }));
    }
    if (s.maxValue !== null && s.maxValue < Number.MAX_SAFE_INTEGER) {
      choices.push(() => ({ value: s.maxValue! + rng.pick([1, 0.5, 1e12]), what: `${where} above ${s.maxValue}` }));
    }
    if (s.isInt) choices.push(() => ({ value: 1.5, what: `${where} not whole` }));
    return choices.length > 0 ? rng.pick(choices)() : wrongType();
  }
  if (s instanceof z.ZodEnum || s instanceof z.ZodLiteral) {
    const allowed = s instanceof z.ZodEnum ? s.options.map(String) : [...s.values].map(String);
    const word = rng.pick(allowed);
    const bad = rng.pick([`${word}x`, word.toUpperCase(), ` ${word}`, '', rng.pick(PROTO_KEYS)]);
    return allowed.includes(bad) ? wrongType() : { value: bad, what: `${where} ${JSON.stringify(bad)} not a choice` };
  }
  return wrongType();
}

/** The JSON types a schema accepts (the value's own type when the schema does not say). */
function typesOf(s: z.ZodType, value: unknown): JsonType[] {
  if (s instanceof z.ZodUnion) return (s.options as z.ZodType[]).flatMap((o) => typesOf(unwrap(o), value));
  if (s instanceof z.ZodString || s instanceof z.ZodEnum || s instanceof z.ZodLiteral) return ['string'];
  if (s instanceof z.ZodNumber) return ['number'];
  if (s instanceof z.ZodBoolean) return ['boolean'];
  if (s instanceof z.ZodObject || s instanceof z.ZodRecord) return ['object'];
  return [jsonTypeOf(value)];
}

function maxLength(s: z.ZodType): number | undefined {
  return s instanceof z.ZodString && s.maxLength !== null ? s.maxLength : undefined;
}

function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  while (s instanceof z.ZodOptional || s instanceof z.ZodDefault || s instanceof z.ZodNullable) {
    s = s.unwrap() as z.ZodType;
  }
  return s;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
