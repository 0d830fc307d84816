/** A scenario timeline as MSEL rows: one row per entry, plus one per `expect.onMissed` contingency. */
import type { EntryFile } from '../scenario/schema.js';
import { ENTRY_KINDS, LANGUAGES, type EntryKind } from '../scenario/vocabulary.js';
import { COLUMNS, FIELDS, LIST_SEPARATOR, type Field } from './columns.js';
import { writeSheet, type Delimiter } from './csv.js';

/** The kind of a timeline entry: the one kind key it carries. */
export function entryKind(entry: EntryFile): EntryKind {
  const kind = ENTRY_KINDS.find((k) => k in entry);
  if (kind === undefined) throw new TypeError('a timeline entry without a kind key');
  return kind;
}

/** The value at `path` inside an object, or `undefined`. */
export function valueAt(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** The cells of one field, by column name; absent values give no cells. */
export function encodeField(field: Field, value: unknown): Record<string, string> {
  if (value === undefined) return {};
  const perLanguage = (text: Record<string, string>): Record<string, string> =>
    Object.fromEntries(
      LANGUAGES.filter((lang) => text[lang] !== undefined).map((lang) => [`${field.column}_${lang}`, text[lang]!]),
    );
  switch (field.codec) {
    case 'string':
      return { [field.column]: value as string };
    case 'text':
      return perLanguage(value as Record<string, string>);
    case 'label':
      return typeof value === 'string' ? { [field.column]: value } : perLanguage(value as Record<string, string>);
    case 'statuses':
      return {
        [field.column]: Object.entries(value as Record<string, string>)
          .map(([channel, status]) => `${channel}=${status}`)
          .join(`${LIST_SEPARATOR} `),
      };
    case 'sources': {
      if (typeof value === 'string') return { [field.column]: value };
      const list = value as string[];
      return { [field.column]: list.join(`${LIST_SEPARATOR} `) + (list.length === 1 ? LIST_SEPARATOR : '') };
    }
  }
}

function toRow(cells: Record<string, string>): string[] {
  return COLUMNS.map((column) => cells[column] ?? '');
}

function cellsOf(fields: readonly Field[], entry: unknown): Record<string, string> {
  return Object.assign({}, ...fields.map((field) => encodeField(field, valueAt(entry, field.path)))) as Record<
    string,
    string
  >;
}

/** The MSEL rows of a timeline, header excluded, cells in `COLUMNS` order. */
export function timelineRows(timeline: readonly EntryFile[]): string[][] {
  return timeline.flatMap((entry, index) => {
    const kind = entryKind(entry);
    const eventNo = String(index + 1);
    const rows = [toRow({ event_no: eventNo, kind, ...cellsOf(FIELDS[kind], entry) })];
    const onMissed = 'expect' in entry ? entry.expect.onMissed : undefined;
    if (onMissed !== undefined)
      rows.push(toRow({ event_no: `${eventNo}.1`, kind: 'on-missed', ...cellsOf(FIELDS['on-missed'], onMissed) }));
    return rows;
  });
}

/** A timeline as MSEL CSV text, header first. */
export function exportMsel(
  timeline: readonly EntryFile[],
  options: { delimiter?: Delimiter; bom?: boolean } = {},
): string {
  return writeSheet(COLUMNS, timelineRows(timeline), options);
}
