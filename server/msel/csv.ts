/**
 * CSV in and out for MSEL sheets, as spreadsheets write them: quoted cells with newlines, a UTF-8
 * byte order mark (Excel), and `;` as the separator (Excel in French locales) detected from the
 * header line. Cells a spreadsheet would run as a formula (`=…`, `+…`, `-…`, `@…`) are written
 * behind an apostrophe, as OWASP advises against CSV injection, and read back without it.
 */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

/** Separators an MSEL sheet may use. */
export const DELIMITERS = [',', ';', '\t'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/** One data row, numbered as a spreadsheet shows it (the header is row 1). */
export interface SheetRow {
  row: number;
  cells: string[];
}

/** A parsed sheet: the header cells and the data rows. */
export interface Sheet {
  header: string[];
  rows: SheetRow[];
  delimiter: Delimiter;
}

/** The separator the header line uses most; `,` when it holds none. */
export function detectDelimiter(text: string): Delimiter {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const count = (d: string): number => firstLine.split(d).length - 1;
  return DELIMITERS.reduce((best, d) => (count(d) > count(best) ? d : best), ',');
}

/** Reads a CSV text; throws csv-parse's error (with its `lines`) on malformed CSV. */
export function readSheet(text: string): Sheet {
  const delimiter = detectDelimiter(text);
  const records: string[][] = parse(text, { bom: true, delimiter, relax_column_count: true });
  const [header = [], ...data] = records;
  return {
    header,
    rows: data.map((cells, index) => ({ row: index + 2, cells: cells.map(unescapeFormula) })),
    delimiter,
  };
}

/** Writes rows under a header as CSV, quoting only where needed, with CRLF line ends as RFC 4180 asks. */
export function writeSheet(
  header: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
  options: { delimiter?: Delimiter; bom?: boolean } = {},
): string {
  return stringify([header, ...rows], {
    delimiter: options.delimiter ?? ',',
    bom: options.bom ?? false,
    record_delimiter: 'windows',
    escape_formulas: true,
  });
}

/** What csv-stringify's `escape_formulas` puts an apostrophe before. */
const ESCAPED_FORMULA = /^'[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** A cell as it was before `escape_formulas`: its apostrophe dropped. */
export function unescapeFormula(cell: string): string {
  return ESCAPED_FORMULA.test(cell) ? cell.slice(1) : cell;
}
