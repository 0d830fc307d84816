/** `statusdrill validate [FILE...]`: every problem of every file, exit 1 if any. */
import { parseArgs } from 'node:util';
import { relative, resolve } from 'node:path';
import { listScenarioFiles, loadScenarios } from '../scenario/library.js';
import { formatProblem } from '../scenario/problems.js';
import { EXIT, paint, type CliIo } from './io.js';

/** Validates the given files, or every scenario in `scenarios/` under the working directory. */
export async function validateCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: { json: { type: 'boolean', default: false } },
  });
  const files =
    positionals.length > 0
      ? positionals.map((file) => resolve(io.cwd, file))
      : await listScenarioFiles(resolve(io.cwd, 'scenarios'));
  const shown = (file: string): string => relative(io.cwd, file) || file;
  const entries = await loadScenarios(files);
  const problems = entries.flatMap((entry) =>
    entry.result.ok ? [] : entry.result.problems.map((p) => ({ ...p, file: shown(p.file) })),
  );

  if (values.json) {
    const report = entries.map((entry) => ({
      file: shown(entry.file),
      id: entry.id,
      valid: entry.result.ok,
      problems: problems.filter((p) => p.file === shown(entry.file)),
    }));
    io.stdout.write(`${JSON.stringify({ files: report, problems: problems.length }, null, 2)}\n`);
    return problems.length > 0 ? EXIT.problems : EXIT.ok;
  }
  for (const entry of entries) {
    if (entry.result.ok) {
      const s = entry.result.scenario;
      io.stdout.write(
        `${paint(io, 'green', '✓')} ${shown(entry.file)} ${paint(io, 'dim', `(${s.file.channels.length} channels, ${s.entries.length} entries)`)}\n`,
      );
    } else {
      io.stdout.write(`${paint(io, 'red', '✗')} ${shown(entry.file)}\n`);
      for (const problem of entry.result.problems)
        io.stdout.write(`  ${formatProblem({ ...problem, file: shown(problem.file) })}\n`);
    }
  }
  const invalid = entries.filter((entry) => !entry.result.ok).length;
  const summary = `${entries.length} file${entries.length === 1 ? '' : 's'} checked, ${invalid} with problems, ${problems.length} problem${problems.length === 1 ? '' : 's'}`;
  io.stdout.write(`${problems.length > 0 ? paint(io, 'red', summary) : summary}\n`);
  if (entries.length === 0) {
    io.stderr.write('statusdrill: no scenario files found\n');
    return EXIT.problems;
  }
  return problems.length > 0 ? EXIT.problems : EXIT.ok;
}
