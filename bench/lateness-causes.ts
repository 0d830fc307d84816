/**
 * What held the scheduler: for each probe entry that applied late, what statusdrill's process was
 * doing between the entry's due time and its application. Recorded in the server's process while a
 * phase's probe runs: V8's collections (a `PerformanceObserver`), the broadcast slices (the
 * `SLICE_CHANNEL` diagnostics channel, with the CPU each used: a slice that took over twice its
 * CPU time was preempted by the machine), and the changes the bench applies. An entry late while
 * none of these ran was held elsewhere: by other I/O, or by the machine waking an idle process
 * late, as it wakes the bare timer.
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import { SLICE_CHANNEL, type SliceTiming } from '../server/web/broadcast-queue.js';

/** What held a late entry, by the first that applies in this order. */
export const CAUSES = ['collection', 'change', 'preempted slice', 'slice', 'elsewhere'] as const;
export type Cause = (typeof CAUSES)[number];

/** A stretch of the process's time (`performance.now()`, ms) spent on one thing. */
export interface Stretch {
  cause: Exclude<Cause, 'elsewhere'>;
  startMs: number;
  endMs: number;
}

/** An entry applied late: its due time and when it applied (`performance.now()`, ms). */
export interface LateEntry {
  dueMs: number;
  atMs: number;
}

/** Late entries counted by what held each: the first cause in `CAUSES` among the stretches overlapping it. */
export function attribute(late: readonly LateEntry[], stretches: readonly Stretch[]): Record<Cause, number> {
  const counts = Object.fromEntries(CAUSES.map((c) => [c, 0])) as Record<Cause, number>;
  for (const entry of late) {
    const overlapping = new Set(
      stretches.filter((s) => s.endMs > entry.dueMs && s.startMs < entry.atMs).map((s) => s.cause),
    );
    const cause = CAUSES.find((c) => c !== 'elsewhere' && overlapping.has(c)) ?? 'elsewhere';
    counts[cause] += 1;
  }
  return counts;
}

/** The stretches of one process, recorded between `start` and `stop`. */
export class StretchRecorder {
  private stretches: Stretch[] = [];
  private readonly collections = new PerformanceObserver((list) => this.collected(list.getEntries()));
  private readonly onSlice = (message: unknown): void => {
    const { startMs, endMs, cpuMs } = message as SliceTiming;
    this.stretches.push({ cause: cpuMs * 2 < endMs - startMs ? 'preempted slice' : 'slice', startMs, endMs });
  };

  private collected(entries: readonly PerformanceEntry[]): void {
    for (const e of entries)
      this.stretches.push({ cause: 'collection', startMs: e.startTime, endMs: e.startTime + e.duration });
  }

  start(): void {
    this.stretches = [];
    this.collections.observe({ entryTypes: ['gc'] });
    subscribe(SLICE_CHANNEL, this.onSlice);
  }

  /** Records a stretch the caller timed itself. */
  mark(cause: Stretch['cause'], startMs: number, endMs: number): void {
    this.stretches.push({ cause, startMs, endMs });
  }

  /** Stops and returns what was recorded. */
  stop(): Stretch[] {
    this.collected(this.collections.takeRecords());
    this.collections.disconnect();
    unsubscribe(SLICE_CHANNEL, this.onSlice);
    return this.stretches.splice(0);
  }
}
