/**
 * Puts an imported timeline into a scenario file in place of its own, keeping the header (and
 * its comments) as written, and runs the scenario's validation on the result. Problems in the
 * timeline are told by the sheet row and column they come from.
 */
import { extname } from 'node:path';
import { isScalar, parseDocument, visit } from 'yaml';
import { parseScenario } from '../scenario/load.js';
import { formatProblem, type Problem } from '../scenario/problems.js';
import { LANGUAGES, type EntryKind } from '../scenario/vocabulary.js';
import { FIELDS, columnsOf } from './columns.js';
import type { ImportedTimeline, SheetProblem } from './import.js';

/** The merged file's text, and every problem: of the sheet, then of the scenario. */
export interface MergeResult {
  text: string;
  /** Problems located in the sheet. */
  sheetProblems: SheetProblem[];
  /** Problems outside the timeline (the scenario header), as `validate` prints them. */
  fileProblems: string[];
}

/** Short maps of plain values (statuses, `{ fr, en }` labels) are written on one line. */
const FLOW_WIDTH = 100;

/** The scenario text `original` (YAML or JSON, named `file`) with `imported`'s timeline. */
export function mergeTimeline(original: string, file: string, imported: ImportedTimeline): MergeResult {
  let text: string;
  if (extname(file) === '.json') {
    const data = JSON.parse(original) as Record<string, unknown>;
    text = `${JSON.stringify({ ...data, timeline: imported.timeline }, null, 2)}\n`;
  } else {
    const doc = parseDocument(original);
    const node = doc.createNode(imported.timeline);
    visit(node, {
      Map(_key, map) {
        const plain = map.items.every((pair) => isScalar(pair.value) && !String(pair.value.value).includes('\n'));
        if (plain && JSON.stringify(map.toJSON()).length <= FLOW_WIDTH) map.flow = true;
      },
    });
    doc.set('timeline', node);
    text = doc.toString({ lineWidth: 0, flowCollectionPadding: false });
  }
  const result = parseScenario(text, file);
  const sheetProblems: SheetProblem[] = [];
  const fileProblems: string[] = [];
  for (const problem of result.problems) {
    const located = locateInSheet(problem, imported);
    if (located === undefined) fileProblems.push(formatProblem(problem));
    else sheetProblems.push(located);
  }
  return { text, sheetProblems, fileProblems };
}

/** The sheet row and column of a problem at `timeline[i]…`, or `undefined` for the header. */
function locateInSheet(problem: Problem, imported: ImportedTimeline): SheetProblem | undefined {
  const match = /^timeline\[(\d+)\]\.?(.*)$/.exec(problem.path);
  if (match === null) return undefined;
  const index = Number(match[1]);
  const path = (match[2] ?? '')
    .replace(/\[\d+\]/g, '')
    .split('.')
    .filter((part) => part !== '');
  const details = [
    problem.expected === undefined ? undefined : `expected ${problem.expected}`,
    problem.found === undefined ? undefined : `found ${problem.found}`,
  ].filter((part) => part !== undefined);
  const message = details.length > 0 ? `${problem.message} (${details.join('; ')})` : problem.message;
  const entry = imported.timeline[index] ?? {};
  const onMissed = path[0] === 'expect' && path[1] === 'onMissed';
  const row = (onMissed ? imported.onMissedRows.get(index) : undefined) ?? imported.rows[index] ?? 0;
  const kind = (onMissed ? 'on-missed' : Object.keys(entry).find((k) => k in FIELDS)) as
    EntryKind | 'on-missed' | undefined;
  const inner = onMissed ? path.slice(2) : path;
  return { row, column: kind === undefined ? undefined : columnFor(kind, inner), message };
}

/** The column holding the value at `path` inside an entry of `kind`, if one does. */
function columnFor(kind: EntryKind | 'on-missed', path: readonly string[]): string | undefined {
  for (const field of FIELDS[kind]) {
    const { length } = field.path;
    if (path.length < length || field.path.some((key, i) => key !== path[i])) continue;
    const rest = path[length];
    if ((field.codec === 'text' || field.codec === 'label') && (LANGUAGES as readonly string[]).includes(rest ?? ''))
      return `${field.column}_${rest}`;
    return field.codec === 'text' ? columnsOf(field).join('" / "') : field.column;
  }
  return undefined;
}
