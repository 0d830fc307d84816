/**
 * Turns zod's validation issues into problems a scenario author can act on: expected values are
 * listed, near misses get a "did you mean", and a timeline entry is checked against the one kind
 * it declares instead of against all five.
 */
import type { core } from 'zod';
import { ENTRY_KINDS } from './vocabulary.js';
import { describeValue, didYouMean, type DocPath, type UnlocatedProblem } from './problems.js';

type Issue = core.$ZodIssue;

/** Keys each object may carry, for "did you mean" on unknown keys; filled by the caller. */
export type KnownKeys = (path: DocPath) => readonly string[];

/** Problems for every zod issue, with paths relative to the document root. */
export function problemsFromIssues(
  issues: readonly Issue[],
  knownKeys: KnownKeys,
  base: DocPath = [],
): UnlocatedProblem[] {
  return issues.flatMap((issue) => problemsFromIssue(issue, knownKeys, base));
}

function problemsFromIssue(issue: Issue, knownKeys: KnownKeys, base: DocPath): UnlocatedProblem[] {
  const path = [...base, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
  const found = 'input' in issue ? issue.input : undefined;
  switch (issue.code) {
    case 'invalid_union':
      return unionProblems(issue, knownKeys, path);
    case 'unrecognized_keys': {
      const known = knownKeys(path);
      return issue.keys.map((key) => ({
        path: [...path, key],
        atKey: true,
        message: `unknown key "${key}"${didYouMean(key, known)}`,
        ...(known.length === 0 ? {} : { expected: `one of ${known.join(', ')}` }),
      }));
    }
    case 'invalid_value': {
      const allowed = issue.values.map(String);
      if (found === undefined) {
        return [
          {
            path,
            message: `missing required key "${String(path[path.length - 1])}"`,
            expected: `one of ${allowed.join(', ')}`,
          },
        ];
      }
      if (allowed.length === 1) {
        return [
          {
            path,
            message: `must be ${JSON.stringify(allowed[0])}`,
            expected: JSON.stringify(allowed[0]),
            found: describeValue(found),
          },
        ];
      }
      const hint = typeof found === 'string' ? didYouMean(found, allowed) : '';
      return [
        {
          path,
          message: `${describeValue(found)} is not allowed here${hint}`,
          expected: `one of ${allowed.join(', ')}`,
          found: describeValue(found),
        },
      ];
    }
    case 'invalid_type': {
      if (found === undefined) {
        const key = path[path.length - 1];
        return [{ path, message: `missing required key "${String(key)}"`, expected: expectedType(issue.expected) }];
      }
      return [{ path, message: `wrong type`, expected: expectedType(issue.expected), found: describeValue(found) }];
    }
    case 'invalid_format':
      return [{ path, message: 'not in the expected form', expected: issue.message, found: describeValue(found) }];
    case 'too_small':
      return [
        {
          path,
          message: 'must not be empty',
          expected: issue.origin === 'array' ? 'at least one item' : 'some text',
          found: describeValue(found),
        },
      ];
    default:
      return [{ path, message: issue.message, found: found === undefined ? undefined : describeValue(found) }];
  }
}

function expectedType(type: string): string {
  switch (type) {
    case 'record':
    case 'object':
      return 'a mapping of keys to values';
    case 'array':
      return 'a list';
    default:
      return `a ${type}`;
  }
}

/**
 * Zod reports a failed union with one issue list per branch. Only timeline entries are unions
 * here (the branches are the five entry kinds, in ENTRY_KINDS order) and source references
 * (one id or a list of ids).
 */
function unionProblems(issue: core.$ZodIssueInvalidUnion, knownKeys: KnownKeys, path: DocPath): UnlocatedProblem[] {
  const input = 'input' in issue ? issue.input : undefined;
  if (issue.errors.length === ENTRY_KINDS.length && isPlainObject(input)) {
    const kinds = ENTRY_KINDS.filter((kind) => kind in input);
    if (kinds.length === 1) {
      const branch = issue.errors[ENTRY_KINDS.indexOf(kinds[0]!)] ?? [];
      return problemsFromIssues(branch, knownKeys, path);
    }
    const present = kinds.length === 0 ? 'none of them' : kinds.join(' and ');
    return [
      {
        path,
        message: `a timeline entry needs exactly one of ${ENTRY_KINDS.join(', ')}`,
        expected: 'exactly one kind key',
        found: present,
      },
    ];
  }
  return [
    {
      path,
      message: 'invalid value',
      expected: 'a source id such as "S11", or a list of them',
      found: describeValue(input),
    },
  ];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
