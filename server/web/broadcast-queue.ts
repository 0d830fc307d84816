/**
 * Broadcasts to thousands of sockets, a slice per turn of the event loop. Writing one message to
 * 10,000 WebSockets takes a hundred milliseconds and more of unbroken work (on loopback, each
 * write of a 7.6 KB change costs about 70 µs, most of it the kernel's), during which no timer fires
 * and the story clock falls behind; slices of `SLICE` sockets keep each turn to a millisecond or two.
 * Slices run in the order they were queued, so every socket still receives the changes in order;
 * a socket that joins meanwhile has its snapshot, and one that leaves is skipped.
 */
import { channel } from 'node:diagnostics_channel';

/** Sockets written to per turn of the event loop. */
export const SLICE = 25;

/**
 * The diagnostics channel on which each slice sent is told, as a `SliceTiming`, while anyone
 * subscribes (`npm run bench` does, to tell what made the scheduler late); otherwise nothing is
 * measured.
 */
export const SLICE_CHANNEL = 'statusdrill:broadcast-slice';

/** A slice's wall time (`performance.now()`, ms) and the CPU time the process spent meanwhile. */
export interface SliceTiming {
  startMs: number;
  endMs: number;
  cpuMs: number;
}

const slices = channel(SLICE_CHANNEL);

/** A FIFO of broadcast slices, drained one per `setImmediate`. */
export class BroadcastQueue {
  private readonly tasks: Array<() => void> = [];
  private draining = false;

  constructor(
    /** Told of a slice that threw; the slices after it are still sent. */
    private readonly onError: (error: unknown) => void,
    private readonly slice = SLICE,
  ) {}

  /**
   * Sends to `members` (socket ids) with `emit`, at once when they fit in one slice and nothing is
   * queued before them, else a slice at a time after what is queued.
   */
  send(members: ReadonlySet<string>, emit: (sockets: string[]) => void): void {
    const ids = [...members];
    if (ids.length <= this.slice && this.tasks.length === 0) {
      emit(ids);
      return;
    }
    for (let i = 0; i < ids.length; i += this.slice) {
      const part = ids.slice(i, i + this.slice);
      this.tasks.push(() => emit(part));
    }
    if (!this.draining) {
      this.draining = true;
      setImmediate(this.drain);
    }
  }

  /** Slices still to send. */
  get pending(): number {
    return this.tasks.length;
  }

  private readonly drain = (): void => {
    if (slices.hasSubscribers) this.timed();
    else this.sendNext();
    if (this.tasks.length > 0) setImmediate(this.drain);
    else this.draining = false;
  };

  private sendNext(): void {
    try {
      this.tasks.shift()?.();
    } catch (error) {
      this.onError(error);
    }
  }

  private timed(): void {
    const startMs = performance.now();
    const cpu = process.cpuUsage();
    this.sendNext();
    const spent = process.cpuUsage(cpu);
    slices.publish({
      startMs,
      endMs: performance.now(),
      cpuMs: (spent.user + spent.system) / 1000,
    } satisfies SliceTiming);
  }
}
