/**
 * The MSEL (Master Scenario Events List) spreadsheet layout: one row per timeline entry, one
 * column per field, after the MSEL columns of HSEEP practice. Every field of every entry kind has
 * a column, so a timeline goes to a spreadsheet and back without loss. `scenarios/README.md`
 * documents the columns for planners.
 */
import {
  EXPECT_KINDS,
  IMPACTS,
  INJECT_CHANNELS,
  LANGUAGES,
  STAGES,
  STATUSES,
  WORDINGS,
} from '../scenario/vocabulary.js';
import { DURATION_PATTERN, TIME_REF_PATTERN } from '../scenario/time.js';

/**
 * What a row holds: one of the five entry kinds, or `on-missed`, the contingency inject of the
 * `expect` row just above it (`expect.onMissed`).
 */
export const ROW_KINDS = ['actual', 'update', 'inject', 'prompt', 'expect', 'on-missed'] as const;
export type RowKind = (typeof ROW_KINDS)[number];

/**
 * How a field is written in cells:
 * - `string`: the cell as is;
 * - `text`: a text per language, in `<column>_fr` and `<column>_en`;
 * - `label`: one string for all languages in `<column>`, or a text per language in `<column>_fr`, `<column>_en`;
 * - `statuses`: channel id to status, `lbp-web=major_outage; lbp-app=partial_outage`;
 * - `sources`: `S1` for one source, `S1; S2` for a list (`S1;` for a list of one).
 */
export type Codec = 'string' | 'text' | 'label' | 'statuses' | 'sources';

/** A check on a one-cell value, made before the scenario's own validation so errors name the cell. */
export type CellCheck =
  { kind: 'one-of'; values: readonly string[] } | { kind: 'pattern'; pattern: RegExp; expected: string };

/** One field of an entry and the column(s) that carry it. */
export interface Field {
  /** Base column name; `text` and `label` fields add `_fr`, `_en`. */
  column: string;
  /** Where the value sits in the entry object, e.g. `['update', 'status']`. */
  path: readonly string[];
  codec: Codec;
  check?: CellCheck;
}

const oneOf = (values: readonly string[]): CellCheck => ({ kind: 'one-of', values });
const TIME_CHECK: CellCheck = {
  kind: 'pattern',
  pattern: new RegExp(TIME_REF_PATTERN),
  expected: 'a date-time with offset such as 2025-12-22T07:00+01:00, or an offset such as +1h15m',
};
const DURATION_CHECK: CellCheck = {
  kind: 'pattern',
  pattern: new RegExp(DURATION_PATTERN),
  expected: 'a duration such as 15m, 1h30m or 2d',
};

const time: Field = { column: 'time', path: ['at'], codec: 'string', check: TIME_CHECK };
const provenance: Field[] = [
  { column: 'sources', path: ['source'], codec: 'sources' },
  { column: 'assumption', path: ['assumption'], codec: 'string' },
  { column: 'note', path: ['note'], codec: 'string' },
];

function injectFields(base: readonly string[]): Field[] {
  return [
    { column: 'id', path: [...base, 'id'], codec: 'string' },
    { column: 'delivery', path: [...base, 'channel'], codec: 'string', check: oneOf(INJECT_CHANNELS) },
    { column: 'from', path: [...base, 'from'], codec: 'label' },
    { column: 'subject', path: [...base, 'subject'], codec: 'text' },
    { column: 'body', path: [...base, 'body'], codec: 'text' },
  ];
}

/** The fields of each row kind, in the order their keys are written in a scenario file. */
export const FIELDS: Record<RowKind, readonly Field[]> = {
  actual: [time, { column: 'channels', path: ['actual'], codec: 'statuses' }, ...provenance],
  update: [
    time,
    { column: 'incident', path: ['update', 'incident'], codec: 'string' },
    { column: 'title', path: ['update', 'title'], codec: 'text' },
    { column: 'stage', path: ['update', 'status'], codec: 'string', check: oneOf(STAGES) },
    { column: 'impact', path: ['update', 'impact'], codec: 'string', check: oneOf(IMPACTS) },
    { column: 'channels', path: ['update', 'channels'], codec: 'statuses' },
    { column: 'body', path: ['update', 'body'], codec: 'text' },
    { column: 'workaround', path: ['update', 'workaround'], codec: 'text' },
    { column: 'next_update_at', path: ['update', 'nextUpdateAt'], codec: 'string', check: TIME_CHECK },
    { column: 'publisher', path: ['update', 'publisher'], codec: 'label' },
    { column: 'wording', path: ['update', 'wording'], codec: 'string', check: oneOf(WORDINGS) },
    { column: 'original_language', path: ['update', 'originalLanguage'], codec: 'string', check: oneOf(LANGUAGES) },
    ...provenance,
  ],
  inject: [time, ...injectFields(['inject']), ...provenance],
  prompt: [time, { column: 'body', path: ['prompt'], codec: 'text' }, ...provenance],
  expect: [
    time,
    { column: 'id', path: ['expect', 'id'], codec: 'string' },
    { column: 'expect_kind', path: ['expect', 'kind'], codec: 'string', check: oneOf(EXPECT_KINDS) },
    { column: 'within', path: ['expect', 'within'], codec: 'string', check: DURATION_CHECK },
    { column: 'channel', path: ['expect', 'channel'], codec: 'string' },
    { column: 'status', path: ['expect', 'status'], codec: 'string', check: oneOf(STATUSES) },
    { column: 'incident', path: ['expect', 'incident'], codec: 'string' },
    { column: 'body', path: ['expect', 'description'], codec: 'text' },
    ...provenance,
  ],
  'on-missed': injectFields([]),
};

/** The cell names a field occupies. */
export function columnsOf(field: Pick<Field, 'column' | 'codec'>): string[] {
  const perLanguage = LANGUAGES.map((lang) => `${field.column}_${lang}`);
  if (field.codec === 'text') return perLanguage;
  if (field.codec === 'label') return [field.column, ...perLanguage];
  return [field.column];
}

/** Every column of an MSEL sheet, in sheet order: `event_no`, `time` and `kind` first, then each field once. */
export const COLUMNS: readonly string[] = (() => {
  const order = [
    'incident',
    'stage',
    'impact',
    'channels',
    'id',
    'delivery',
    'from',
    'expect_kind',
    'within',
    'channel',
    'status',
    'title',
    'subject',
    'body',
    'workaround',
    'next_update_at',
    'publisher',
    'wording',
    'original_language',
    'sources',
    'assumption',
    'note',
  ];
  const codecOf = new Map(Object.values(FIELDS).flatMap((fields) => fields.map((f) => [f.column, f.codec] as const)));
  return [
    'event_no',
    'time',
    'kind',
    ...order.flatMap((column) => columnsOf({ column, codec: codecOf.get(column) ?? 'string' })),
  ];
})();

/** Columns an import requires; the others may be left out of the sheet. */
export const REQUIRED_COLUMNS = ['time', 'kind'] as const;

/** Separator of the `statuses` and `sources` cells. */
export const LIST_SEPARATOR = ';';
