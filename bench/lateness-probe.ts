/**
 * A probe of the scheduler under load: a run of dense entries (5 ms apart in wall time) played
 * beside the server's own runs, on the same event loop, round and round, recording how late each
 * entry applies against its due wall time. A fresh run each pass, since a run's log keeps every
 * entry it applied and a looping run would grow for ever.
 */
import { Run } from '../server/replay/run.js';
import { benchTime, FACILITATOR_BENCH, syntheticScenario } from './clock-support.js';
import type { LateEntry } from './lateness-causes.js';

/** Wall time between two entries of the probe. */
export const PROBE_SPACING_MS = 5;
/** Lateness over which an entry is kept as a `LateEntry`, to tell what held it: the target's bound. */
export const LATE_MS = 5;

/** A scheduler probe; `skip(due)` leaves out entries due when the caller itself held the loop. */
export class LatenessProbe {
  private readonly samples: number[] = [];
  private readonly late: LateEntry[] = [];
  private run: Run | undefined;
  private running = false;
  private readonly scenario;

  constructor(
    private readonly speed: number,
    private readonly skip: (dueWallMs: number) => boolean = () => false,
  ) {
    this.scenario = syntheticScenario(1_000, PROBE_SPACING_MS * speed);
  }

  /** Starts playing; samples add up until `stop`. */
  start(): void {
    this.late.length = 0;
    this.running = true;
    this.next();
  }

  /** The entries over `LATE_MS` late since `start`, on `performance.now()`'s timeline; call before `stop`. */
  takeLate(): LateEntry[] {
    return this.late.splice(0);
  }

  /** Stops and returns the lateness of every entry applied since `start` (ms). */
  stop(): number[] {
    this.late.length = 0;
    this.running = false;
    this.run?.close();
    this.run = undefined;
    return this.samples.splice(0);
  }

  private next(): void {
    const run = new Run({
      id: 'probe',
      scenario: this.scenario,
      mode: 'replay',
      time: benchTime,
      speed: this.speed,
    });
    run.on('applied', (a) => {
      if (this.skip(a.dueWallMs)) return;
      const lateness = a.wallMs - a.dueWallMs;
      this.samples.push(lateness);
      if (lateness > LATE_MS) {
        const atMs = performance.now();
        this.late.push({ dueMs: atMs - lateness, atMs });
      }
    });
    run.on('ended', () =>
      setImmediate(() => {
        run.close();
        if (this.running && this.run === run) this.next();
      }),
    );
    this.run = run;
    run.play(FACILITATOR_BENCH);
  }
}

/**
 * The machine's floor: a bare `setTimeout` aimed at absolute due times `PROBE_SPACING_MS` apart,
 * with nothing else in its process. Run beside a loaded server, it tells the lateness the machine
 * itself causes (other processes holding the cores) from the lateness the server's work causes.
 */
export class BareTimerProbe {
  private readonly samples: number[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  /** Starts; samples add up until `stop`. */
  start(): void {
    const started = performance.now();
    const next = (i: number): void => {
      const due = started + i * PROBE_SPACING_MS;
      this.timer = setTimeout(
        () => {
          this.samples.push(performance.now() - due);
          next(Math.max(i + 1, Math.ceil((performance.now() - started) / PROBE_SPACING_MS)));
        },
        Math.max(0, due - performance.now()),
      );
    };
    next(1);
  }

  /** Stops and returns the lateness of every wake-up since `start` (ms). */
  stop(): number[] {
    clearTimeout(this.timer);
    return this.samples.splice(0);
  }
}
