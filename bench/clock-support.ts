/** Helpers of the scheduler benchmarks: a dense synthetic scenario, statistics and a busy event loop. */
import { loadConfig } from '../server/config.js';
import type { Author } from '../server/replay/actions.js';
import { systemTime } from '../server/replay/time-source.js';
import type { Scenario, TimelineEntry } from '../server/scenario/compile.js';
import type { Status } from '../server/scenario/vocabulary.js';

/**
 * The clock of the benchmarks' servers and probes: the system's, its schedulers waking as early
 * as the server's own `WAKE_LEAD_MS` says (so `WAKE_LEAD_MS=0 npm run bench` measures without).
 */
export const benchTime = systemTime(loadConfig(process.env).wakeLeadMs);

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

/** A scenario of `count` actual entries spaced `spacingMs` of story time, toggling four channels. */
export function syntheticScenario(count: number, spacingMs: number): Scenario {
  const channels = ['a', 'b', 'c', 'd'];
  const statuses: Status[] = ['major_outage', 'operational', 'degraded_performance', 'partial_outage'];
  const entries: TimelineEntry[] = Array.from({ length: count }, (_, i) => ({
    index: i,
    offsetMs: (i + 1) * spacingMs,
    sources: [],
    kind: 'actual',
    statuses: { [channels[i % 4]!]: statuses[Math.floor(i / 4) % 4]! },
  }));
  const durationMs = (count + 1) * spacingMs;
  const text = { en: 'bench' };
  return {
    id: 'bench',
    file: {
      schema: 'statusdrill/v1',
      id: 'bench',
      title: text,
      summary: text,
      timeZone: 'UTC',
      startsAt: '2026-01-01T00:00:00Z',
      endsAt: new Date(Date.parse('2026-01-01T00:00:00Z') + durationMs).toISOString(),
      languages: ['en'],
      groups: [{ id: 'g', organisation: 'Bench', name: text }],
      channels: channels.map((id) => ({ id, group: 'g', name: text })),
      timeline: [],
    },
    timeZone: 'UTC',
    startsAtMs: Date.parse('2026-01-01T00:00:00Z'),
    endsAtMs: Date.parse('2026-01-01T00:00:00Z') + durationMs,
    durationMs,
    languages: ['en'],
    initialStatuses: Object.fromEntries(channels.map((id) => [id, 'operational' as const])),
    commsPolicy: { firstUpdateWithinMs: 900_000, maxGapMs: 1_800_000, requireNextUpdate: false },
    entries,
  };
}
