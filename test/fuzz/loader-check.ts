/**
 * What the loader must do with any text: give a valid scenario, or problems that each name the
 * file, a line and column inside the text, a path and a short message; never throw, never take
 * longer than the bound. A scenario it calls valid must also be one: its times resolved and inside
 * the story, nothing the file wrote silently dropped, and playable to its end in both modes with
 * the console's, the report's and the page's views built at its start and its end.
 */
import { parseDocument } from 'yaml';
import { idFromFileName, parseScenario, type LoadResult } from '../../server/scenario/load.js';
import type { Scenario } from '../../server/scenario/compile.js';
import { Run } from '../../server/replay/run.js';
import { systemTimeSource } from '../../server/replay/time-source.js';
import { MODES, type Mode } from '../../server/scenario/vocabulary.js';
import { consoleView } from '../../server/control/views.js';
import { reportView } from '../../server/report/report-view.js';
import { statusModel } from '../../server/status/status-model.js';

const FACILITATOR = { role: 'facilitator', name: 'Fuzz' } as const;

/** How one input went. `ms` is the loader's own time. */
export type LoaderVerdict =
  | { kind: 'valid'; ms: number }
  | { kind: 'problems'; ms: number; count: number }
  | { kind: 'failure'; ms: number; reason: string; /** Too slow or hung, rather than wrong. */ timing?: true };

/**
 * The most one input may take: the loader on a file, the server on a request, an event or a
 * probe. The largest shipped scenario (90 KB) loads in about 50 ms, and the loader runs at
 * start-up and in `statusdrill validate`, where a person waits; a request is answered in a few.
 * Two seconds is forty times that, room enough for a busy shared machine, while anything worse
 * than linear in an input of the size limit (an alias fan, a quadratic suggestion or walk) goes
 * far beyond it.
 */
export const TIME_BOUND_MS = 2_000;

/** The longest a problem's message, path, expected or found may be: a person must be able to read it. */
export const MAX_PROBLEM_TEXT = 1_000;

/** Loads `text` as `file` and judges what the loader gave. */
export function judgeLoader(text: string, file: string, boundMs: number): LoaderVerdict {
  const start = performance.now();
  let result: LoadResult;
  try {
    result = parseScenario(text, file);
  } catch (error) {
    const ms = performance.now() - start;
    return { kind: 'failure', ms, reason: `the loader threw: ${error instanceof Error ? error.stack : String(error)}` };
  }
  const ms = performance.now() - start;
  let fault: string | undefined;
  try {
    fault = result.ok ? validFault(result.scenario, text, file) : problemsFault(result.problems, text, file);
  } catch (error) {
    fault = `checking the result threw: ${error instanceof Error ? error.stack : String(error)}`;
  }
  if (fault !== undefined) return { kind: 'failure', ms, reason: fault };
  if (ms > boundMs)
    return {
      kind: 'failure',
      ms,
      reason: `the loader took ${ms.toFixed(0)} ms, over the ${boundMs} ms bound`,
      timing: true,
    };
  return result.ok ? { kind: 'valid', ms } : { kind: 'problems', ms, count: result.problems.length };
}

/** What is wrong with a list of problems, if anything. */
export function problemsFault(problems: unknown, text: string, file: string): string | undefined {
  if (!Array.isArray(problems) || problems.length === 0) return 'refused the file without a problem to show';
  const lines = text.split('\n');
  for (const [i, problem] of (problems as unknown[]).entries()) {
    const p = problem as Record<string, unknown>;
    const what = `problem ${i} ${JSON.stringify(problem)?.slice(0, 300)}`;
    if (p.file !== file) return `${what}: names file ${String(p.file)}, not ${file}`;
    if (!Number.isInteger(p.line) || (p.line as number) < 1 || (p.line as number) > lines.length)
      return `${what}: line ${String(p.line)} is not a line of the ${lines.length}-line text`;
    const lineLength = lines[(p.line as number) - 1]!.length;
    if (!Number.isInteger(p.column) || (p.column as number) < 1 || (p.column as number) > lineLength + 1)
      return `${what}: column ${String(p.column)} is not inside line ${String(p.line)} (${lineLength} characters)`;
    if (typeof p.path !== 'string') return `${what}: the path is not a string`;
    if (typeof p.message !== 'string' || p.message.trim() === '') return `${what}: no message`;
    for (const field of ['path', 'message', 'expected', 'found'] as const) {
      const value = p[field];
      if (value !== undefined && typeof value !== 'string') return `${what}: ${field} is not a string`;
      if (typeof value === 'string' && value.length > MAX_PROBLEM_TEXT)
        return `problem ${i} at ${String(p.line)}:${String(p.column)}: its ${field} is ${value.length} characters long, over ${MAX_PROBLEM_TEXT}`;
    }
    if (typeof p.expected === 'string' && /(^\s*$)|(one of\s*$)/.test(p.expected))
      return `${what}: "expected" says nothing`;
  }
  return undefined;
}

/** What is wrong with a scenario the loader called valid, if anything. */
export function validFault(scenario: Scenario, text: string, file: string): string | undefined {
  if (scenario.id !== idFromFileName(file)) return `valid with id ${scenario.id} for file ${file}`;
  const numbers: Array<[string, number | undefined]> = [
    ['startsAtMs', scenario.startsAtMs],
    ['endsAtMs', scenario.endsAtMs],
    ['durationMs', scenario.durationMs],
    ['commsPolicy.firstUpdateWithinMs', scenario.commsPolicy.firstUpdateWithinMs],
    ['commsPolicy.maxGapMs', scenario.commsPolicy.maxGapMs],
    ['commsPolicy.scopingWithinMs', scenario.commsPolicy.scopingWithinMs],
  ];
  for (const entry of scenario.entries) {
    numbers.push([`entries[${entry.index}].offsetMs`, entry.offsetMs]);
    if (entry.kind === 'expect') numbers.push([`entries[${entry.index}].withinMs`, entry.expect.withinMs]);
    if (entry.kind === 'update') numbers.push([`entries[${entry.index}].nextUpdateAtMs`, entry.update.nextUpdateAtMs]);
    if (entry.offsetMs < 0 || entry.offsetMs > scenario.durationMs)
      return `valid with entry ${entry.index} at ${entry.offsetMs} ms, outside the story (0 to ${scenario.durationMs})`;
  }
  for (const [name, value] of numbers) {
    if (value !== undefined && !Number.isFinite(value)) return `valid with ${name} = ${value}`;
  }
  if (!(scenario.durationMs > 0)) return `valid with a duration of ${scenario.durationMs} ms`;
  const dropped = droppedKey(parseDocument(text).toJS() as unknown, scenario.file, '');
  if (dropped !== undefined) return `valid, but the file's key ${dropped} is not in the scenario`;
  for (const mode of MODES) showsToItsEnd(scenario, mode);
  return undefined;
}

/** Plays a run of the scenario to its end, building the console's, the report's and the page's views there. */
function showsToItsEnd(scenario: Scenario, mode: Mode): void {
  const run = new Run({ id: 'fuzz', scenario, mode, time: systemTimeSource, speed: 1 });
  try {
    for (const lang of scenario.languages) {
      consoleView(run, lang, [], false);
      run.seek(scenario.durationMs, FACILITATOR);
      consoleView(run, lang, [], false);
      reportView(run, lang, []);
      statusModel(run);
    }
  } finally {
    run.close();
  }
}

/** The first key `written` has that `kept` lost, as a path. */
function droppedKey(written: unknown, kept: unknown, path: string): string | undefined {
  if (Array.isArray(written)) {
    if (!Array.isArray(kept) || kept.length !== written.length) return `${path} (a list of ${written.length})`;
    for (const [i, item] of written.entries()) {
      const lost = droppedKey(item, kept[i], `${path}[${i}]`);
      if (lost !== undefined) return lost;
    }
    return undefined;
  }
  if (typeof written !== 'object' || written === null) return undefined;
  for (const key of Object.keys(written)) {
    if (typeof kept !== 'object' || kept === null || !Object.hasOwn(kept, key)) return `${path}.${key}`;
    const lost = droppedKey(
      (written as Record<string, unknown>)[key],
      (kept as Record<string, unknown>)[key],
      `${path}.${key}`,
    );
    if (lost !== undefined) return lost;
  }
  return undefined;
}
