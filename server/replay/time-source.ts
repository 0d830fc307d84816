/**
 * Where the replay engine gets the time and its timers from. Injected, so tests drive runs with
 * fake time and the benchmark with real time.
 */

/** A handle returned by `setTimeout`, opaque to the engine. */
export type TimerHandle = object | number;

/** Wall time and timers. */
export interface TimeSource {
  /** Milliseconds, monotonic, on the epoch scale (so they can be logged as dates). */
  now(): number;
  setTimeout(callback: () => void, delayMs: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/** The process's own clock: monotonic (`performance`), immune to wall-clock adjustments. */
export const systemTimeSource: TimeSource = {
  now: () => performance.timeOrigin + performance.now(),
  setTimeout: (callback, delayMs) => setTimeout(callback, delayMs),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
