/**
 * Problems found in a scenario file, and how they are told to a person: file, line, column, the
 * path inside the document, what was expected and what was found.
 */
import { closest, distance } from 'fastest-levenshtein';

/** A path inside a scenario document, as keys and array indexes. */
export type DocPath = ReadonlyArray<string | number>;

/** One thing wrong with a scenario file. */
export interface Problem {
  /** File the problem is in, as given to the loader. */
  file: string;
  /** 1-based line, 0 when the file has no position for it. */
  line: number;
  /** 1-based column. */
  column: number;
  /** Where in the document, e.g. `timeline[12].actual.lbp-wbe`; empty for the whole file. */
  path: string;
  /** What is wrong, in a sentence that can be acted on. */
  message: string;
  /** What would have been valid, when it can be said. */
  expected?: string;
  /** The value found, shortened. */
  found?: string;
}

/** A problem before it is given a position in a file. */
export type UnlocatedProblem = Omit<Problem, 'file' | 'line' | 'column' | 'path'> & {
  path: DocPath;
  /** Point at the key itself rather than its value (for unknown or duplicate keys). */
  atKey?: boolean;
};

/** The most characters a problem's message or expectation keeps, and its path or found value. */
export const PROBLEM_TEXT_LIMITS = { message: 500, expected: 500, path: 200, found: 200 } as const;

/**
 * `text` cut in its middle to at most `max` characters, so both ends stay: the start of a name
 * and a closing "did you mean" hint.
 */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const keep = max - 1;
  // Never split a surrogate pair: a lone half is not a character.
  const head = text.slice(0, Math.ceil(keep / 2)).replace(/[\uD800-\uDBFF]$/, '');
  const tail = text.slice(text.length - Math.floor(keep / 2)).replace(/^[\uDC00-\uDFFF]/, '');
  return `${head}…${tail}`;
}

/**
 * A problem a person can read: a message that quotes a 300,000-character key, or a YAML
 * parser's message that quotes a whole line, is cut in its middle.
 */
export function readable(problem: Problem): Problem {
  const out: Problem = { ...problem };
  for (const field of ['message', 'expected', 'path', 'found'] as const) {
    const value = out[field];
    if (value !== undefined) out[field] = shorten(value, PROBLEM_TEXT_LIMITS[field]);
  }
  return out;
}

/** `timeline[12].actual.lbp-wbe` from `['timeline', 12, 'actual', 'lbp-wbe']`. */
export function formatPath(path: DocPath): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? part : `.${part}`;
  }
  return out;
}

/** A short, quoted rendering of a found value for an error message. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === 'object') return 'an object';
  // Strings come quoted, numbers and booleans bare; nothing else reaches here from YAML.
  const text = JSON.stringify(value) ?? typeof value;
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/**
 * The candidate a mistyped word most likely meant, if one is close enough to be a typo
 * (at most a third of the word's letters differ), for a "did you mean" hint.
 */
export function suggest(word: string, candidates: Iterable<string>): string | undefined {
  const list = [...candidates];
  if (list.length === 0 || word === '') return undefined;
  const lower = word.toLowerCase();
  const prefixed = list.find((c) => c.startsWith(lower) || lower.startsWith(c));
  const limit = Math.max(2, Math.ceil(word.length / 3));
  // Lengths further apart than the limit are further apart than it in distance too. Measuring a
  // 300,000-character time zone against each of the 400 known ones took seconds.
  const near = list.filter((c) => Math.abs(c.length - lower.length) <= limit);
  const best = near.length === 0 ? undefined : closest(lower, near);
  if (best !== undefined && distance(lower, best) <= limit) return best;
  return prefixed;
}

/** ` did you mean "lbp-web"?` or nothing. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const hint = suggest(word, candidates);
  return hint === undefined ? '' : `; did you mean "${hint}"?`;
}

/** One line per problem: `file:line:col path: message (expected …; found …)`. */
export function formatProblem(problem: Problem): string {
  const where = problem.line > 0 ? `${problem.file}:${problem.line}:${problem.column}` : problem.file;
  const path = problem.path === '' ? '' : ` ${problem.path}:`;
  const details = [
    problem.expected === undefined ? undefined : `expected ${problem.expected}`,
    problem.found === undefined ? undefined : `found ${problem.found}`,
  ].filter((part) => part !== undefined);
  const tail = details.length > 0 ? ` (${details.join('; ')})` : '';
  return `${where}${path} ${problem.message}${tail}`;
}
