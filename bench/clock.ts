/**
 * Scheduler benchmark: how late each entry applies, against the wall time it was due, at 1x,
 * 60x and 1,000x, on an idle event loop and on a busy one. Prints a table and writes
 * bench/results/clock.json. Run with `npm run bench:clock`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Run, type AppliedEntry } from '../server/replay/run.js';
import { benchTime, FACILITATOR_BENCH, busyLoop, summarize, syntheticScenario, type Summary } from './clock-support.js';

const ENTRIES = 1_000;
/** Wall time between two entries, whatever the speed. */
const WALL_SPACING_MS = 5;
const SPEEDS = [1, 60, 1_000] as const;

/** Plays one scenario to its end and returns the lateness of every entry applied by the timer. */
function play(speed: number, busy: boolean): Promise<{ lateness: number[]; wallMs: number }> {
  const scenario = syntheticScenario(ENTRIES, WALL_SPACING_MS * speed);
  const run = new Run({ id: `bench-${speed}`, scenario, mode: 'replay', time: benchTime, speed });
  const applied: AppliedEntry[] = [];
  run.on('applied', (a) => applied.push(a));
  const stopBusy = busy ? busyLoop() : () => undefined;
  const started = performance.now();
  return new Promise((done) => {
    run.on('ended', () => {
      stopBusy();
      run.close();
      done({ lateness: applied.map((a) => a.wallMs - a.dueWallMs), wallMs: performance.now() - started });
    });
    run.play(FACILITATOR_BENCH);
  });
}

/**
 * The machine's own floor: bare `setTimeout`s aimed at the same absolute due times, with no
 * statusdrill code in the way.
 */
function baseline(busy: boolean): Promise<{ lateness: number[]; wallMs: number }> {
  const stopBusy = busy ? busyLoop() : () => undefined;
  const started = performance.now();
  const lateness: number[] = [];
  return new Promise((done) => {
    const next = (i: number): void => {
      if (i > ENTRIES) {
        stopBusy();
        done({ lateness, wallMs: performance.now() - started });
        return;
      }
      const due = started + i * WALL_SPACING_MS;
      setTimeout(
        () => {
          lateness.push(performance.now() - due);
          next(i + 1);
        },
        Math.max(1, Math.ceil(due - performance.now())),
      );
    };
    next(1);
  });
}

type Row = { speed: string; loop: 'idle' | 'busy'; entries: number; wallSeconds: number } & Summary;
const row = (speed: string, loop: Row['loop'], { lateness, wallMs }: { lateness: number[]; wallMs: number }): Row => ({
  speed,
  loop,
  entries: lateness.length,
  wallSeconds: Math.round(wallMs) / 1000,
  ...summarize(lateness),
});
const rows: Row[] = [];
for (const busy of [false, true]) {
  const loop = busy ? 'busy' : 'idle';
  rows.push(row('bare timer', loop, await baseline(busy)));
  for (const speed of SPEEDS) rows.push(row(`${speed}x`, loop, await play(speed, busy)));
}

const header = ['speed', 'loop', 'entries', 'p50 ms', 'p99 ms', 'max ms', 'first 10% ms', 'last 10% ms', 'wall s'];
const table = rows.map((r) => [
  r.speed,
  r.loop,
  String(r.entries),
  r.p50.toFixed(2),
  r.p99.toFixed(2),
  r.max.toFixed(2),
  r.meanFirstTenth.toFixed(2),
  r.meanLastTenth.toFixed(2),
  r.wallSeconds.toFixed(1),
]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
const line = (cells: string[]): string => cells.map((c, i) => c.padStart(widths[i]!)).join('  ');
process.stdout.write(
  `Scheduler lateness (applied minus due wall time), ${ENTRIES} entries ${WALL_SPACING_MS} ms apart in wall time\n`,
);
process.stdout.write(`${line(header)}\n${table.map(line).join('\n')}\n`);

const out = resolve(import.meta.dirname, 'results/clock.json');
await mkdir(resolve(import.meta.dirname, 'results'), { recursive: true });
await writeFile(
  out,
  `${JSON.stringify({ node: process.version, date: new Date().toISOString(), entries: ENTRIES, wallSpacingMs: WALL_SPACING_MS, results: rows }, null, 2)}\n`,
);
process.stdout.write(`written to ${out}\n`);
