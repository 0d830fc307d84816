/**
 * Finds the keys the schema allows at a path of a document, so an unknown key can be answered
 * with the list of valid ones and the closest match.
 */
import { z } from 'zod';
import type { DocPath } from './problems.js';

/** The keys allowed for the object at `path` of `data` under `schema`, or none. */
export function keysAt(schema: z.ZodType, path: DocPath, data: unknown): readonly string[] {
  let current: z.ZodType | undefined = schema;
  let value = data;
  for (const part of path) {
    current = current === undefined ? undefined : child(unwrap(current), part, value);
    value = isObject(value) || Array.isArray(value) ? (value as Record<string | number, unknown>)[part] : undefined;
  }
  if (current === undefined) return [];
  const here = unwrap(current);
  // A text per language is a record keyed by an enum: its keys are the enum's values.
  if (here instanceof z.ZodRecord && here.keyType instanceof z.ZodEnum) return here.keyType.options.map(String);
  const target = pickObject(here, value);
  return target === undefined ? [] : Object.keys(target.shape);
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  while (current instanceof z.ZodOptional || current instanceof z.ZodDefault || current instanceof z.ZodNullable) {
    current = current.unwrap() as z.ZodType;
  }
  return current;
}

function child(schema: z.ZodType, part: string | number, value: unknown): z.ZodType | undefined {
  if (schema instanceof z.ZodArray) return schema.element as z.ZodType;
  if (schema instanceof z.ZodRecord) return schema.valueType as z.ZodType;
  const object = pickObject(schema, value);
  return object?.shape[String(part)] as z.ZodType | undefined;
}

/** The object schema that applies: the object itself, or the union branch whose keys fit best. */
function pickObject(schema: z.ZodType, value: unknown): z.ZodObject | undefined {
  if (schema instanceof z.ZodObject) return schema;
  if (!(schema instanceof z.ZodUnion)) return undefined;
  const objects = (schema.options as z.ZodType[]).filter((o): o is z.ZodObject => o instanceof z.ZodObject);
  const keys = isObject(value) ? Object.keys(value) : [];
  // Keys every branch shares (such as `at`) say nothing about which branch was meant.
  const distinctive = keys.filter((key) => !objects.every((o) => key in o.shape));
  let best = objects[0];
  let bestScore = 0;
  for (const option of objects) {
    const score = distinctive.filter((key) => key in option.shape).length;
    if (score > bestScore) {
      best = option;
      bestScore = score;
    }
  }
  return best;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
