/**
 * One timer, aimed at an absolute wall time. The run re-aims it after every wake and every
 * control at the wall time its next entry falls due, so timer error never accumulates: each
 * wake recomputes from the clock's anchor, whatever happened before.
 *
 * A timer only fires when the event loop comes round to it, and a loop serving a crowd reads a
 * hundred requests in one turn. `wakeOverdue` lets such work wake the schedulers whose time has
 * come without waiting for that turn: the server calls it as each request arrives, so a change
 * due now applies before the request is answered, not after the batch it came in.
 *
 * And a timer only fires once the process runs: asleep, it waits for the kernel to give it a core,
 * which on a busy machine can take a scheduler tick. So, on the system clock, the timer goes off a
 * little early and the scheduler waits out the rest awake (see `WAKE_LEAD_MS`).
 */
import type { TimeSource, TimerHandle } from './time-source.js';

/** The longest delay `setTimeout` honours; longer waits wake early and re-aim. */
const MAX_DELAY_MS = 2 ** 31 - 1;

/** Schedulers waiting for their time, for `wakeOverdue`. */
const armed = new Set<Scheduler>();

/**
 * Wakes, now, every armed scheduler whose wall time has come, each by its own time source. A
 * scheduler its wake re-aims at a time already past waits for its timer or the next call, so
 * this never loops. Costs a clock read per armed scheduler (one per playing run).
 */
export function wakeOverdue(): void {
  let due: Scheduler[] | undefined;
  for (const scheduler of armed) if (scheduler.overdue) (due ??= []).push(scheduler);
  if (due !== undefined) for (const scheduler of due) scheduler.wakeIfOverdue();
}

/** A single re-aimable timer. */
export class Scheduler {
  /** What waits now: the timer, or the next look at the clock (see `looking`). */
  private handle: TimerHandle | undefined;
  /** Whether `handle` is a look at the next turn of the loop rather than the timer. */
  private looking = false;
  private target: number | undefined;

  constructor(
    private readonly time: TimeSource,
    private readonly onWake: () => void,
  ) {}

  /**
   * Wakes at `wallMs` (or at once if it has passed), never before `aim` returns. Where the time
   * source wakes early, the timer goes off `leadMs` before and each turn of the loop then looks at
   * the clock until the time has come.
   */
  aim(wallMs: number): void {
    this.cancel();
    this.target = wallMs;
    armed.add(this);
    this.wait(wallMs);
  }

  /** Stops the timer; nothing wakes until the next `aim`. */
  cancel(): void {
    if (this.handle !== undefined) {
      if (this.looking) this.time.early?.clearImmediate(this.handle);
      else this.time.clearTimeout(this.handle);
    }
    this.handle = undefined;
    this.target = undefined;
    armed.delete(this);
  }

  /** Whether it is armed and its wall time has come. */
  get overdue(): boolean {
    return this.target !== undefined && this.time.now() >= this.target;
  }

  /** Wakes now, as the timer would have, if its wall time has come; else does nothing. */
  wakeIfOverdue(): void {
    if (!this.overdue) return;
    this.cancel();
    this.onWake();
  }

  /** The wall time aimed at, if armed. */
  get aimedAt(): number | undefined {
    return this.target;
  }

  /**
   * Sets the timer, or, within the lead, the next look at the clock. The timer's delay is at
   * least 1 ms, so a due time that rounding puts a hair early can never make it spin.
   */
  private wait(wallMs: number): void {
    const { early } = this.time;
    const leadMs = early?.leadMs ?? 0;
    const left = wallMs - this.time.now();
    this.looking = early !== undefined && left <= leadMs;
    if (early !== undefined && this.looking) {
      this.handle = early.setImmediate(this.look);
      return;
    }
    const delay = Math.min(Math.max(1, Math.ceil(left - leadMs)), MAX_DELAY_MS);
    this.handle = this.time.setTimeout(early === undefined ? this.wake : this.look, delay);
  }

  /** Wakes if the time has come, else waits on. Bound once: it runs at every turn of the lead. */
  private readonly look = (): void => {
    this.handle = undefined;
    if (this.target === undefined) return;
    if (this.time.now() >= this.target) this.wake();
    else this.wait(this.target);
  };

  private readonly wake = (): void => {
    this.handle = undefined;
    this.target = undefined;
    armed.delete(this);
    this.onWake();
  };
}
