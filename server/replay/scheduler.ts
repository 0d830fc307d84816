/**
 * One timer, aimed at an absolute wall time. The run re-aims it after every wake and every
 * control at the wall time its next entry falls due, so timer error never accumulates: each
 * wake recomputes from the clock's anchor, whatever happened before.
 */
import type { TimeSource, TimerHandle } from './time-source.js';

/** The longest delay `setTimeout` honours; longer waits wake early and re-aim. */
const MAX_DELAY_MS = 2 ** 31 - 1;

/** A single re-aimable timer. */
export class Scheduler {
  private handle: TimerHandle | undefined;
  private target: number | undefined;

  constructor(
    private readonly time: TimeSource,
    private readonly onWake: () => void,
  ) {}

  /**
   * Wakes at `wallMs` (or at once if it has passed). The delay is at least 1 ms, so a due time
   * that rounding puts a hair early can never make the timer spin.
   */
  aim(wallMs: number): void {
    this.cancel();
    const delay = Math.min(Math.max(1, Math.ceil(wallMs - this.time.now())), MAX_DELAY_MS);
    this.target = wallMs;
    this.handle = this.time.setTimeout(() => {
      this.handle = undefined;
      this.target = undefined;
      this.onWake();
    }, delay);
  }

  /** Stops the timer; nothing wakes until the next `aim`. */
  cancel(): void {
    if (this.handle !== undefined) this.time.clearTimeout(this.handle);
    this.handle = undefined;
    this.target = undefined;
  }

  /** The wall time aimed at, if armed. */
  get aimedAt(): number | undefined {
    return this.target;
  }
}
