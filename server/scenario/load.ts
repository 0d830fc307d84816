/**
 * Reads scenario files (YAML or JSON; JSON goes through the same parser so it gets positions
 * too) and reports every problem with file, line, column, path, expectation and found value.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { isAlias, isNode, LineCounter, parseDocument, visit, type Alias, type Document } from 'yaml';
import { EntrySchema, ScenarioSchema, type ScenarioFile } from './schema.js';
import { checkSemantics, type IndexedEntry } from './semantic.js';
import { compileScenario, type Scenario } from './compile.js';
import { problemsFromIssues } from './zod-issues.js';
import { formatPath, readable, type DocPath, type Problem, type UnlocatedProblem } from './problems.js';
import { locate } from './locate.js';
import { keysAt } from './schema-walk.js';
import { MAX_NESTING, overNested } from './nesting.js';
import { takeProtoKeys } from './reserved-keys.js';

/** The outcome of loading one file: a scenario, or every problem found in it. */
export type LoadResult = { ok: true; scenario: Scenario; problems: [] } | { ok: false; problems: Problem[] };

/** Extensions a scenario file may have. */
export const SCENARIO_EXTENSIONS = ['.yaml', '.yml', '.json'] as const;

/**
 * The largest scenario file, in bytes. The largest shipped one, five days of crisis, is 90 KB.
 * Every file is read at start-up, and the parser's time grows with the text: the limit keeps
 * loading any file, however hostile, well under a second.
 */
export const MAX_SCENARIO_BYTES = 256 * 1024;

/** The id a file name implies: its base name without the extension. */
export function idFromFileName(file: string): string {
  return basename(file, extname(file));
}

/** Loads and checks a scenario from its text; `file` names it in problems and gives its id. */
export function parseScenario(text: string, file: string): LoadResult {
  const result = parseText(text, file);
  return result.ok ? result : { ok: false, problems: result.problems.map(readable) };
}

function parseText(text: string, file: string): LoadResult {
  const size = Buffer.byteLength(text, 'utf8');
  if (size > MAX_SCENARIO_BYTES) return { ok: false, problems: [tooLarge(file, size)] };
  const lines = lineStarts(text);
  const deep = overNested(text);
  if (deep !== undefined) {
    const { line, col } = lines.linePos(deep);
    return {
      ok: false,
      problems: [
        {
          file,
          line,
          column: col,
          path: '',
          message: `YAML: nested more than ${MAX_NESTING} levels deep`,
          expected: `at most ${MAX_NESTING} levels of [ ] and { } inside each other`,
        },
      ],
    };
  }
  // `logLevel: 'error'`: the parser would print a process warning for a list or mapping used as a
  // key, outside the server's log; such a key is reported as a problem of the file instead.
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, logLevel: 'error' });
  const syntax = [...doc.errors, ...doc.warnings.filter((w) => w.code !== 'TAG_RESOLVE_FAILED')];
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: syntax.map((error) => {
        const { line, col } = lines.linePos(error.pos[0]);
        return {
          file,
          line,
          column: col,
          path: '',
          message: `YAML syntax: ${error.message.split('\n')[0] ?? error.code}`,
        };
      }),
    };
  }
  let data: unknown;
  try {
    // The default alias budget refuses "billion laughs" documents instead of expanding them.
    data = doc.toJS();
  } catch (error) {
    const alias = culpritAlias(doc);
    const { line, col } = lines.linePos(alias?.range?.[0] ?? 0);
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, problems: [{ file, line, column: col, path: '', message: `YAML: ${reason}` }] };
  }
  const place = (problem: UnlocatedProblem): Problem => {
    const { line, column } = locate(doc, lines, problem.path, problem.atKey);
    const { atKey: _atKey, ...rest } = problem;
    return { ...rest, file, line, column, path: formatPath(problem.path) };
  };

  const known = (path: DocPath): readonly string[] => keysAt(ScenarioSchema, path, data);
  const reserved = takeProtoKeys(data).map((path): UnlocatedProblem => {
    const keys = known(path.slice(0, -1));
    return {
      path,
      atKey: true,
      message: 'unknown key "__proto__"',
      ...(keys.length === 0 ? {} : { expected: `one of ${keys.join(', ')}` }),
    };
  });
  const parsed = ScenarioSchema.safeParse(data, { reportInput: true });
  if (parsed.success) {
    const problems = [
      ...reserved,
      ...checkSemantics({
        fileId: idFromFileName(file),
        scenario: parsed.data,
        entries: parsed.data.timeline.map((entry, index) => ({ index, entry })),
      }),
    ];
    if (problems.length > 0) return { ok: false, problems: sortProblems(problems.map(place)) };
    return { ok: true, scenario: compileScenario(parsed.data), problems: [] };
  }
  const shapeProblems = problemsFromIssues(parsed.error.issues, known);
  return {
    ok: false,
    problems: sortProblems([...reserved, ...shapeProblems, ...salvagedSemantics(data, file)].map(place)),
  };
}

/**
 * Where each line of the text starts. Counted on the text itself rather than through the parser's
 * `lineCounter`, which misses the line breaks inside what it skips after some syntax errors and
 * then puts every later problem lines too early.
 */
function lineStarts(text: string): LineCounter {
  const lines = new LineCounter();
  lines.addNewLine(0);
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines.addNewLine(i + 1);
  return lines;
}

/**
 * The alias that makes a document unreadable: the first whose anchor is not set before it, else
 * the first one. One walk in document order, keeping the anchors seen so far: resolving each alias
 * on its own walks the document once per alias, and a file of 20,000 aliases took minutes.
 */
function culpritAlias(doc: Document): Alias | undefined {
  const anchors = new Set<string>();
  let first: Alias | undefined;
  let unresolved: Alias | undefined;
  visit(doc, (_key, node) => {
    if (isAlias(node)) {
      first ??= node;
      if (!anchors.has(node.source)) {
        unresolved = node;
        return visit.BREAK;
      }
    } else if (isNode(node) && node.anchor !== undefined) anchors.add(node.anchor);
    return undefined;
  });
  return unresolved ?? first;
}

/** Loads and checks a scenario file from disk; an unreadable file is a problem, not a throw. */
export async function loadScenarioFile(file: string): Promise<LoadResult> {
  let text: string;
  try {
    // Measured first, so a huge file is never read into memory.
    const { size } = await stat(file);
    if (size > MAX_SCENARIO_BYTES) return { ok: false, problems: [tooLarge(file, size)] };
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String(error.code) : String(error);
    return {
      ok: false,
      problems: [{ file, line: 0, column: 0, path: '', message: `cannot read the file (${reason})` }],
    };
  }
  return parseScenario(text, file);
}

/** The problem of a file over the size limit, told at its start. */
function tooLarge(file: string, bytes: number): Problem {
  return {
    file,
    line: 1,
    column: 1,
    path: '',
    message: `the file is too large for a scenario`,
    expected: `at most ${MAX_SCENARIO_BYTES / 1024} KB`,
    found: `${Math.ceil(bytes / 1024)} KB`,
  };
}

/**
 * When the shape is wrong somewhere, the semantic checks still run on what is valid: the
 * metadata, groups and channels must be sound, and each timeline entry whose own shape is valid
 * is checked. One broken entry therefore never hides a bad reference in another.
 */
function salvagedSemantics(data: unknown, file: string): UnlocatedProblem[] {
  if (typeof data !== 'object' || data === null) return [];
  const { timeline: rawTimeline, ...rest } = data as { timeline?: unknown };
  const head = ScenarioSchema.omit({ timeline: true }).safeParse(rest);
  if (!head.success || !Array.isArray(rawTimeline)) return [];
  const entries: IndexedEntry[] = [];
  const unjudgedIncidents = new Set<string>();
  rawTimeline.forEach((raw: unknown, index) => {
    const entry = EntrySchema.safeParse(raw);
    if (entry.success) entries.push({ index, entry: entry.data });
    else {
      const incident = (raw as { update?: { incident?: unknown } } | null)?.update?.incident;
      if (typeof incident === 'string') unjudgedIncidents.add(incident);
    }
  });
  const scenario: Omit<ScenarioFile, 'timeline'> = head.data;
  return checkSemantics({ fileId: idFromFileName(file), scenario, entries, unjudgedIncidents });
}

function sortProblems(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems
    .filter((p) => {
      const key = `${p.line}:${p.column}:${p.path}:${p.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => a.line - b.line || a.column - b.column);
}
