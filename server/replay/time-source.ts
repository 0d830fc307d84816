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
  /**
   * Waking early: a `Scheduler` sets its timer `leadMs` before the due time and waits out the rest
   * awake, looking at the clock at each turn of the event loop (`setImmediate`). Absent, it wakes
   * by its timer alone, as it must under fake time, whose clock no turn of the loop moves.
   */
  readonly early?: {
    leadMs: number;
    setImmediate(callback: () => void): TimerHandle;
    clearImmediate(handle: TimerHandle): void;
  };
}

/**
 * How early the process's schedulers wake. A process asleep in the kernel is woken when a core is
 * free to run it: on this project's 2-core machine, with both cores busy (10,000 viewers' clients
 * and the server's own writes), that took up to a scheduler tick (4 ms at `CONFIG_HZ=250`) and more,
 * even for a bare timer with nothing else to do. A process that is awake, turning its loop, needs
 * no waking. The price is this long of a busy loop before each entry, which still serves every
 * request and socket meanwhile: a run's entries are seconds apart at 60x, and a replay fast enough
 * to bring them within milliseconds of each other is over in moments.
 */
export const WAKE_LEAD_MS = 4;

type Immediate = ReturnType<typeof setImmediate>;

/**
 * The process's own clock: monotonic (`performance`), immune to wall-clock adjustments; its
 * schedulers wake `leadMs` early (0: by their timers alone).
 */
export function systemTime(leadMs = WAKE_LEAD_MS): TimeSource {
  return {
    now: () => performance.timeOrigin + performance.now(),
    setTimeout: (callback, delayMs) => setTimeout(callback, delayMs),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    early:
      leadMs > 0
        ? {
            leadMs,
            setImmediate: (callback) => setImmediate(callback),
            clearImmediate: (handle) => clearImmediate(handle as Immediate),
          }
        : undefined,
  };
}

/** The process's own clock, its schedulers waking `WAKE_LEAD_MS` early. */
export const systemTimeSource: TimeSource = systemTime();
