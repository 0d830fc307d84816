/**
 * MSEL rows back into timeline entries. Each cell is checked on its own first, so a mistake is
 * reported by row and column; the entries built are then validated with the whole scenario.
 */
import { didYouMean } from '../scenario/problems.js';
import { LANGUAGES, STATUSES } from '../scenario/vocabulary.js';
import { COLUMNS, FIELDS, LIST_SEPARATOR, REQUIRED_COLUMNS, ROW_KINDS, columnsOf, type Field } from './columns.js';
import type { Sheet } from './csv.js';

/** A mistake in a sheet, at a row (header = 1) and a column when one is to blame. */
export interface SheetProblem {
  row: number;
  column?: string;
  message: string;
}

/** The timeline read from a sheet, with the row each entry came from. */
export interface ImportedTimeline {
  /** Entries as a scenario file holds them; rows with an unreadable kind are left out. */
  timeline: Record<string, unknown>[];
  /** Row of each entry of `timeline`. */
  rows: number[];
  /** Row of the `on-missed` contingency of an entry, by entry index. */
  onMissedRows: Map<number, number>;
  problems: SheetProblem[];
}

/** `row 7, column "time": message`. */
export function formatSheetProblem(problem: SheetProblem): string {
  const column = problem.column === undefined ? '' : `, column "${problem.column}"`;
  return `row ${problem.row}${column}: ${problem.message}`;
}

/** Header cell as a column name: trimmed, lowercase, spaces and dashes as `_` ("Event No" → `event_no`). */
function columnName(cell: string): string {
  return cell
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

function setAt(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let current = target;
  for (const key of path.slice(0, -1)) {
    current[key] ??= {};
    current = current[key] as Record<string, unknown>;
  }
  current[path[path.length - 1]!] = value;
}

/** Reads the cells of one field; problems are pushed, and a bad value is left out. */
function decodeField(
  field: Field,
  cell: (column: string) => string,
  problem: (column: string, message: string) => void,
) {
  const perLanguage = (): Record<string, string> | undefined => {
    const entries = LANGUAGES.map((lang) => [lang, cell(`${field.column}_${lang}`)] as const).filter(
      ([, v]) => v !== '',
    );
    return entries.length === 0 ? undefined : Object.fromEntries(entries);
  };
  const raw = cell(field.column);
  switch (field.codec) {
    case 'text':
      return perLanguage();
    case 'label': {
      const texts = perLanguage();
      if (raw !== '' && texts !== undefined) {
        problem(
          field.column,
          `give "${field.column}" for every language, or ${columnsOf(field).slice(1).join(' and ')}, not both`,
        );
        return undefined;
      }
      return raw !== '' ? raw : texts;
    }
    case 'string': {
      if (raw === '') return undefined;
      const value = field.check === undefined ? raw : raw.trim();
      if (field.check?.kind === 'one-of' && !field.check.values.includes(value)) {
        problem(
          field.column,
          `"${value}" is not one of ${field.check.values.join(', ')}${didYouMean(value, field.check.values)}`,
        );
        return undefined;
      }
      if (field.check?.kind === 'pattern' && !field.check.pattern.test(value)) {
        problem(field.column, `"${value}" is not ${field.check.expected}`);
        return undefined;
      }
      return value;
    }
    case 'statuses': {
      if (raw.trim() === '') return undefined;
      const pairs: Record<string, string> = {};
      for (const part of raw
        .split(LIST_SEPARATOR)
        .map((p) => p.trim())
        .filter((p) => p !== '')) {
        const [channel = '', status = '', ...extra] = part.split('=').map((s) => s.trim());
        if (channel === '' || extra.length > 0 || !part.includes('=')) {
          problem(field.column, `"${part}" is not channel=status, e.g. lbp-web=major_outage`);
          return undefined;
        }
        if (!(STATUSES as readonly string[]).includes(status)) {
          problem(
            field.column,
            `"${status}" (for ${channel}) is not one of ${STATUSES.join(', ')}${didYouMean(status, STATUSES)}`,
          );
          return undefined;
        }
        pairs[channel] = status;
      }
      return pairs;
    }
    case 'sources': {
      const parts = raw.split(LIST_SEPARATOR).map((p) => p.trim());
      if (parts.every((p) => p === '')) return undefined;
      if (parts.length === 1) return parts[0];
      const list = parts.filter((p) => p !== '');
      return list;
    }
  }
}

/** Reads the timeline of a sheet, checking its header and every cell. */
export function importTimeline(sheet: Sheet): ImportedTimeline {
  const problems: SheetProblem[] = [];
  const names = sheet.header.map(columnName);
  const known = new Set(COLUMNS);
  const seen = new Set<string>();
  names.forEach((name, index) => {
    if (name === '') return;
    if (seen.has(name)) problems.push({ row: 1, column: name, message: `column "${name}" appears twice` });
    seen.add(name);
    if (!known.has(name))
      problems.push({
        row: 1,
        column: name,
        message: `unknown column "${sheet.header[index]}"${didYouMean(name, COLUMNS)}; the columns are ${COLUMNS.join(', ')}`,
      });
  });
  for (const required of REQUIRED_COLUMNS)
    if (!seen.has(required)) problems.push({ row: 1, message: `the header has no "${required}" column` });
  const result: ImportedTimeline = { timeline: [], rows: [], onMissedRows: new Map(), problems };
  if (problems.length > 0) return result;

  for (const { row, cells } of sheet.rows) {
    if (cells.every((c) => c.trim() === '')) continue;
    const problem = (column: string | undefined, message: string): void => {
      problems.push({ row, column, message });
    };
    cells.forEach((value, index) => {
      if (index >= names.length || names[index] === '')
        if (value.trim() !== '') problem(undefined, `cell ${index + 1} ("${value}") is under no named column`);
    });
    const byName = new Map(names.map((name, index) => [name, cells[index] ?? '']));
    const cell = (column: string): string => byName.get(column) ?? '';

    const kind = cell('kind').trim();
    if (!(ROW_KINDS as readonly string[]).includes(kind)) {
      problem(
        'kind',
        kind === ''
          ? `no kind; expected one of ${ROW_KINDS.join(', ')}`
          : `"${kind}" is not one of ${ROW_KINDS.join(', ')}${didYouMean(kind, ROW_KINDS)}`,
      );
      continue;
    }
    const fields = FIELDS[kind as (typeof ROW_KINDS)[number]];
    const used = new Set(['event_no', 'kind', ...fields.flatMap(columnsOf)]);
    for (const name of names)
      if (name !== '' && !used.has(name) && cell(name).trim() !== '')
        problem(
          name,
          `${kind} rows leave "${name}" empty${name === 'time' ? ': the inject comes when the expectation above is missed' : ''}`,
        );

    const target: Record<string, unknown> = {};
    for (const field of fields) {
      const value = decodeField(field, cell, problem);
      if (value !== undefined) setAt(target, field.path, value);
    }
    if (kind !== 'on-missed') {
      // Absent kind content still names the kind, so the scenario check judges the right shape.
      if (!(kind in target)) target[kind] = {};
      result.timeline.push(target);
      result.rows.push(row);
      continue;
    }
    const owner = result.timeline.length - 1;
    const expectation = result.timeline[owner]?.expect as Record<string, unknown> | undefined;
    if (expectation === undefined || result.rows[owner] !== lastEntryRow(sheet, row)) {
      problem('kind', 'an on-missed row must come right after the expect row it belongs to');
    } else if (result.onMissedRows.has(owner)) {
      problem('kind', `the expect row ${result.rows[owner]} already has an on-missed row`);
    } else {
      expectation.onMissed = target;
      result.onMissedRows.set(owner, row);
    }
  }
  return result;
}

/** The row of the last non-empty row above `row`. */
function lastEntryRow(sheet: Sheet, row: number): number | undefined {
  const above = sheet.rows.filter((r) => r.row < row && r.cells.some((c) => c.trim() !== ''));
  return above[above.length - 1]?.row;
}
