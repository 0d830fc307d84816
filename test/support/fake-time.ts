/** Fake wall time for the replay engine: a private fake-timers clock, nothing global replaced. */
import { createClock, type Clock, type TimerId } from '@sinonjs/fake-timers';
import type { TimeSource } from '../../server/replay/time-source.js';

/** A fake clock and the time source that reads it. */
export interface FakeTime {
  clock: Clock;
  time: TimeSource;
  /** Advances fake time, firing due timers in order. */
  tick: (ms: number) => void;
  /** Timers still pending. */
  pendingTimers: () => number;
}

/** Fake time starting at a fixed instant. */
export function fakeTime(startMs = Date.parse('2026-01-05T09:00:00Z')): FakeTime {
  const clock = createClock(startMs, 100_000);
  return {
    clock,
    time: {
      now: () => clock.now,
      setTimeout: (callback, delayMs) => clock.setTimeout(callback, delayMs),
      clearTimeout: (handle) => clock.clearTimeout(handle as TimerId),
    },
    tick: (ms) => {
      clock.tick(ms);
    },
    pendingTimers: () => clock.countTimers(),
  };
}
