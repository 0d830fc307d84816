/**
 * Availability strips: for each channel, the worst published status in each story hour (or day,
 * for stories longer than five days) from the start of the story up to now.
 */
import { STATUS_RANK, type Status } from '../scenario/vocabulary.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Cells of a strip: a status per elapsed period, `null` for periods still to come. */
export interface Strip {
  unit: 'hour' | 'day';
  /** Length of a cell in ms. */
  cellMs: number;
  cells: Array<Status | null>;
}

/** The cell length for a story of `durationMs`: hours up to five days, days beyond. */
export function cellLength(durationMs: number): { unit: Strip['unit']; cellMs: number } {
  return durationMs <= 5 * DAY ? { unit: 'hour', cellMs: HOUR } : { unit: 'day', cellMs: DAY };
}

/** The strip of one channel from its published history, as of `nowMs`. */
export function strip(
  history: ReadonlyArray<{ offsetMs: number; status: Status }>,
  durationMs: number,
  nowMs: number,
): Strip {
  const { unit, cellMs } = cellLength(durationMs);
  const count = Math.max(1, Math.ceil(durationMs / cellMs));
  const cells: Array<Status | null> = [];
  for (let i = 0; i < count; i += 1) {
    const start = i * cellMs;
    if (start > nowMs) {
      cells.push(null);
      continue;
    }
    const end = Math.min((i + 1) * cellMs, nowMs + 1);
    cells.push(worstBetween(history, start, end));
  }
  return { unit, cellMs, cells };
}

/** The worst status in force at any time in [start, end). */
function worstBetween(
  history: ReadonlyArray<{ offsetMs: number; status: Status }>,
  start: number,
  end: number,
): Status {
  let worst: Status | undefined;
  for (let i = 0; i < history.length; i += 1) {
    const change = history[i]!;
    const until = history[i + 1]?.offsetMs ?? Infinity;
    if (change.offsetMs >= end || until <= start) continue;
    if (worst === undefined || STATUS_RANK[change.status] > STATUS_RANK[worst]) worst = change.status;
  }
  return worst ?? 'operational';
}

/** A run of consecutive cells of one status (`null`: still to come). */
export interface CellRun {
  status: Status | null;
  /** Index of its first cell. */
  from: number;
  count: number;
}

/** The cells of a strip as runs of equal cells, in order: one element and one tooltip per run. */
export function cellRuns(cells: ReadonlyArray<Status | null>): CellRun[] {
  const runs: CellRun[] = [];
  cells.forEach((status, index) => {
    const last = runs.at(-1);
    if (last !== undefined && last.status === status) last.count += 1;
    else runs.push({ status, from: index, count: 1 });
  });
  return runs;
}
