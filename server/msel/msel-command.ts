/**
 * `statusdrill msel export FILE` and `statusdrill msel import SHEET --into FILE [--write]`: a
 * scenario timeline to an MSEL spreadsheet (CSV) and back.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseDocument } from 'yaml';
import { parseScenario } from '../scenario/load.js';
import { formatProblem } from '../scenario/problems.js';
import type { ScenarioFile } from '../scenario/schema.js';
import { EXIT, UsageError, paint, type CliIo } from '../cli/io.js';
import { readSheet, type Delimiter } from './csv.js';
import { exportMsel } from './export.js';
import { formatSheetProblem, importTimeline, type SheetProblem } from './import.js';
import { mergeTimeline } from './merge.js';

const DELIMITER_NAMES: Record<string, Delimiter> = { ',': ',', comma: ',', ';': ';', semicolon: ';', tab: '\t' };

/** Runs `msel export|import …`. */
export async function mselCommand(args: readonly string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'export') return exportCommand(rest, io);
  if (sub === 'import') return importCommand(rest, io);
  throw new UsageError(sub === undefined ? 'msel needs export or import' : `unknown msel command "${sub}"`);
}

async function readText(io: CliIo, file: string): Promise<string | undefined> {
  try {
    return await readFile(resolve(io.cwd, file), 'utf8');
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String(error.code) : String(error);
    io.stderr.write(`statusdrill: cannot read ${file} (${reason})\n`);
    return undefined;
  }
}

async function exportCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: { delimiter: { type: 'string', default: ',' }, bom: { type: 'boolean', default: false } },
  });
  if (positionals.length !== 1) throw new UsageError('msel export takes one scenario FILE');
  const delimiter = DELIMITER_NAMES[values.delimiter];
  if (delimiter === undefined) throw new UsageError(`--delimiter is ",", ";" or "tab" (got "${values.delimiter}")`);
  const file = positionals[0]!;
  const text = await readText(io, file);
  if (text === undefined) return EXIT.problems;
  const loaded = parseScenario(text, file);
  if (!loaded.ok) {
    for (const problem of loaded.problems) io.stderr.write(`${formatProblem(problem)}\n`);
    io.stderr.write(`statusdrill: ${file} has problems; fix them before exporting\n`);
    return EXIT.problems;
  }
  // The file as written, not the compiled form: texts keep their exact spelling.
  const data = parseDocument(text).toJS() as ScenarioFile;
  io.stdout.write(exportMsel(data.timeline, { delimiter, bom: values.bom }));
  return EXIT.ok;
}

async function importCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: { into: { type: 'string' }, write: { type: 'boolean', default: false } },
  });
  if (positionals.length !== 1) throw new UsageError('msel import takes one CSV file');
  if (values.into === undefined) throw new UsageError('msel import needs --into FILE, the scenario to merge into');
  const sheetFile = positionals[0]!;
  const into = values.into;
  const [sheetText, original] = [await readText(io, sheetFile), await readText(io, into)];
  if (sheetText === undefined || original === undefined) return EXIT.problems;

  let sheet;
  try {
    sheet = readSheet(sheetText);
  } catch (error) {
    const line = error instanceof Error && 'lines' in error ? ` line ${String(error.lines)}:` : '';
    io.stderr.write(
      `${sheetFile}:${line} not readable as CSV: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return EXIT.problems;
  }
  const imported = importTimeline(sheet);
  const merged = mergeTimeline(original, relative(io.cwd, resolve(io.cwd, into)) || into, imported);
  const reported = new Set(imported.problems.map((p) => `${p.row}:${p.column ?? ''}`));
  const sheetProblems: SheetProblem[] = [
    ...imported.problems,
    // A cell already reported leaves its value out, which the scenario check then finds missing.
    ...merged.sheetProblems.filter((p) => !reported.has(`${p.row}:${p.column ?? ''}`)),
  ].sort((a, b) => a.row - b.row);
  const count = sheetProblems.length + merged.fileProblems.length;
  if (count > 0) {
    for (const problem of sheetProblems) io.stderr.write(`${sheetFile}: ${formatSheetProblem(problem)}\n`);
    for (const line of merged.fileProblems) io.stderr.write(`${line}\n`);
    io.stderr.write(`${paint(io, 'red', `${count} problem${count === 1 ? '' : 's'}`)}; nothing written\n`);
    return EXIT.problems;
  }
  if (values.write) {
    await writeFile(resolve(io.cwd, into), merged.text);
    io.stderr.write(`${paint(io, 'green', '✓')} ${into}: timeline replaced (${imported.timeline.length} entries)\n`);
  } else io.stdout.write(merged.text);
  return EXIT.ok;
}
