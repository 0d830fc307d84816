/** The figures of a fuzz run as a person reads them: counts, outcomes, the slowest input. */
import type { LoaderFigures } from './loader-fuzz.js';
import type { Tally } from './tally.js';

const n = (value: number): string => value.toLocaleString('en');

/** Lines of `counts`, largest first, names padded to a column. */
function table(counts: Record<string, number>, indent = '    '): string[] {
  const rows = Object.entries(counts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const width = Math.min(60, Math.max(0, ...rows.map(([name]) => name.length)));
  return rows.map(([name, count]) => `${indent}${name.padEnd(width)}  ${n(count)}`);
}

/** One line of counts, `a 3, b 2`. */
function inline(counts: Record<string, number>): string {
  return Object.entries(counts)
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([name, count]) => `${name} ${n(count)}`)
    .join(', ');
}

/** The loader's figures. */
export function loaderLines(f: LoaderFigures, boundMs: number, seconds: number): string[] {
  const mean = f.tried === 0 ? 0 : f.totalMs / f.tried;
  return [
    `scenario loader: ${n(f.tried)} inputs in ${seconds.toFixed(0)} s`,
    `  valid ${n(f.valid)}, located problems ${n(f.located)}, failures ${n(f.failures.length)}`,
    `  slowest ${f.slowest.ms.toFixed(0)} ms (input ${f.slowest.index}: ${f.slowest.did.join(' | ').slice(0, 120)})`,
    `  mean ${mean.toFixed(1)} ms, bound ${n(boundMs)} ms, workers restarted after a hang or crash ${f.restarts}`,
    '  inputs per mutation:',
    ...table(f.mutations),
  ];
}

/** How a surface's figures are told: `requests`, `per route`, `status codes`. */
export interface TallyWords {
  title: string;
  unit: string;
  per: string;
  outcomes: string;
}

/** A surface's figures. */
export function tallyLines(words: TallyWords, t: Tally, seconds: number): string[] {
  return [
    `${words.title}: ${n(t.sent)} ${words.unit} in ${seconds.toFixed(0)} s, failures ${n(t.failures.length)}`,
    `  ${words.outcomes}: ${inline(t.outcomes)}`,
    `  ${words.unit} ${words.per}:`,
    ...table(t.bySurface),
  ];
}
