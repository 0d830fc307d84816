/** Helpers of the scheduler benchmark: statistics and a busy event loop. */
import type { Author } from '../server/replay/actions.js';

/** The benchmark, as the author of its controls. */
export const FACILITATOR_BENCH: Author = { role: 'facilitator', name: 'bench' };

/** Percentiles, maximum, and the means of the first and last tenth (to show any growth). */
export interface Summary {
  p50: number;
  p99: number;
  max: number;
  meanFirstTenth: number;
  meanLastTenth: number;
}

/** Summarises lateness samples, in the order they were taken. */
export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  const tenth = Math.max(1, Math.floor(samples.length / 10));
  const mean = (xs: readonly number[]): number => xs.reduce((sum, x) => sum + x, 0) / Math.max(1, xs.length);
  return {
    p50: at(0.5),
    p99: at(0.99),
    max: sorted.at(-1) ?? Number.NaN,
    meanFirstTenth: mean(samples.slice(0, tenth)),
    meanLastTenth: mean(samples.slice(-tenth)),
  };
}

/**
 * Keeps the event loop busy, as a loaded server would: back-to-back tasks of 0 to 4 ms of
 * synchronous work. Returns the function that stops it.
 */
export function busyLoop(): () => void {
  let running = true;
  let seed = 1;
  const spin = (): void => {
    if (!running) return;
    seed = (seed * 16807) % 2147483647;
    const until = performance.now() + (seed % 400) / 100;
    while (performance.now() < until) {
      // burn the CPU, as request handling would
    }
    setImmediate(spin);
  };
  setImmediate(spin);
  return () => {
    running = false;
  };
}
