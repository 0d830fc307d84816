/**
 * The runs of a process. Each run has its own clock and its one timer; closing the registry
 * closes every run, leaving no timer behind.
 */
import { randomBytes } from 'node:crypto';
import { NotFoundError } from '../errors.js';
import type { Scenario } from '../scenario/compile.js';
import type { Mode } from '../scenario/vocabulary.js';
import type { Author } from '../replay/actions.js';
import { SYSTEM } from '../replay/run-log.js';
import { Run, type RunOptions, type SavedRun, type Visibility } from '../replay/run.js';
import type { ClockState } from '../replay/clock.js';
import type { LogRecord } from '../replay/run-log.js';
import type { TimeSource } from '../replay/time-source.js';

/** How to start a run. */
export interface CreateRunOptions {
  scenario: Scenario;
  /** @default "replay" */
  mode?: Mode;
  /** @default 1 */
  speed?: number;
  /** @default "public" */
  visibility?: Visibility;
  /** Start at this story offset instead of the beginning. */
  startAtMs?: number;
  /** Start playing at once, as `author`. */
  playAs?: Author;
  /** A chosen id (lowercase letters, digits, dashes); a random one otherwise. */
  id?: string;
  /** Brings the run back from what it left behind (after a restart) instead of starting it afresh. */
  restore?: SavedRun;
}

/** Where runs are kept, so they survive the process: told of each run, each record and each end. */
export interface RunPersistence {
  /** A run is about to start (before its first record). */
  created(run: {
    id: string;
    scenario: string;
    mode: Mode;
    visibility: Visibility;
    speed: number;
    restored: boolean;
  }): void;
  /** A record is about to enter a run's log; throwing stops the action or control that made it. */
  recorded(run: string, record: LogRecord, clock: ClockState): void;
  /** A run ended, its clock stopped as `clock` says. */
  ended(run: string, clock: ClockState): void;
}

/** An ended run, as lists show it. */
export interface EndedRunInfo {
  id: string;
  scenario: string;
  mode: Mode;
  /** Wall times, ms. */
  createdMs: number;
  endedMs: number;
}

/** Where ended runs are found again, for their after-action report, after the process that ran them. */
export interface RunArchive {
  /** The most recently ended runs first, at most `limit`. */
  list(limit: number): EndedRunInfo[];
  /** The ended run `id`, rebuilt as it stopped (closed), if there is one. */
  load(id: string): { run: Run; info: EndedRunInfo } | undefined;
}

/** Ended runs this process keeps at hand; older ones are loaded again from the archive. */
const ENDED_KEPT = 20;

/** Every run of the process, by id. */
export class RunRegistry {
  private readonly runs = new Map<string, Run>();
  /** Ended runs at hand, by id, with when they were created and ended; the most recently ended last. */
  private readonly endedRuns = new Map<string, { run: Run; info: EndedRunInfo }>();
  private readonly createdAt = new Map<string, number>();
  private readonly createListeners: Array<(run: Run) => void> = [];
  private readonly endListeners: Array<(id: string) => void> = [];

  constructor(
    private readonly deps: {
      time: TimeSource;
      onError?: RunOptions['onError'];
      /** Makes run ids; 8 random lowercase characters by default. */
      newId?: () => string;
      /** Keeps runs beyond the process; in memory only when absent. */
      persistence?: RunPersistence;
      /** Finds ended runs of earlier processes; only this process's when absent. */
      archive?: RunArchive;
    },
  ) {}

  /** Starts a run. */
  create(options: CreateRunOptions): Run {
    const id = options.id ?? this.freshId();
    if (this.runs.has(id)) throw new Error(`run id "${id}" is taken`);
    const mode = options.mode ?? 'replay';
    const visibility = options.visibility ?? 'public';
    const persistence = this.deps.persistence;
    const speed = options.speed ?? 1;
    persistence?.created({
      id,
      scenario: options.scenario.id,
      mode,
      visibility,
      speed,
      restored: options.restore !== undefined,
    });
    const run = new Run({
      id,
      scenario: options.scenario,
      mode,
      time: this.deps.time,
      speed: options.speed ?? 1,
      visibility,
      ...(this.deps.onError === undefined ? {} : { onError: this.deps.onError }),
      ...(persistence === undefined ? {} : { onRecord: (record, clock) => persistence.recorded(id, record, clock) }),
      ...(options.restore === undefined ? {} : { restore: options.restore }),
    });
    this.runs.set(id, run);
    this.endedRuns.delete(id);
    this.createdAt.set(id, this.deps.time.now());
    for (const listener of this.createListeners) listener(run);
    if (options.startAtMs !== undefined && options.startAtMs > 0) run.seek(options.startAtMs, SYSTEM);
    if (options.playAs !== undefined) run.play(options.playAs);
    return run;
  }

  /** Calls `listener` with every run created from now on. */
  onCreate(listener: (run: Run) => void): void {
    this.createListeners.push(listener);
  }

  /** Calls `listener` with the id of every run ended from now on. */
  onEnd(listener: (id: string) => void): void {
    this.endListeners.push(listener);
  }

  /** The run with this id, if any. */
  get(id: string): Run | undefined {
    return this.runs.get(id);
  }

  /** The run with this id; a NotFoundError otherwise. */
  require(id: string): Run {
    const run = this.runs.get(id);
    if (run === undefined) throw new NotFoundError(`no run "${id}"`);
    return run;
  }

  /** The runs listed on `/`, oldest first. */
  listed(): Run[] {
    return this.list().filter((run) => run.visibility === 'public');
  }

  /** Every run, oldest first. */
  list(): Run[] {
    return [...this.runs.values()];
  }

  /** Ends a run: stops it where it has got to and takes it off the live runs; its report stays. */
  end(id: string): void {
    const run = this.require(id);
    const now = this.deps.time.now();
    // Kept first: if the database refuses, the run goes on as it was.
    this.deps.persistence?.ended(id, {
      ...run.clock.snapshot(),
      playing: false,
      anchorOffsetMs: run.clock.offset(),
      anchorWallMs: now,
    });
    run.close();
    this.runs.delete(id);
    const info: EndedRunInfo = {
      id,
      scenario: run.scenario.id,
      mode: run.mode,
      createdMs: this.createdAt.get(id) ?? now,
      endedMs: now,
    };
    this.createdAt.delete(id);
    this.keepEnded(run, info);
    for (const listener of this.endListeners) listener(id);
  }

  /** The run with this id, live or ended (then closed: it reads as it stopped). */
  find(id: string): { run: Run; ended: boolean } | undefined {
    const live = this.runs.get(id);
    if (live !== undefined) return { run: live, ended: false };
    const kept = this.endedRuns.get(id)?.run;
    if (kept !== undefined) return { run: kept, ended: true };
    const loaded = this.deps.archive?.load(id);
    if (loaded === undefined) return undefined;
    this.keepEnded(loaded.run, loaded.info);
    return { run: loaded.run, ended: true };
  }

  /** Like `find`; a NotFoundError when there is no such run, live or ended. */
  requireAny(id: string): { run: Run; ended: boolean } {
    const found = this.find(id);
    if (found === undefined) throw new NotFoundError(`no run "${id}"`);
    return found;
  }

  /** The ended runs, the most recently ended first, at most `limit`. */
  ended(limit = 100): EndedRunInfo[] {
    if (this.deps.archive !== undefined) return this.deps.archive.list(limit);
    return [...this.endedRuns.values()]
      .map((e) => e.info)
      .reverse()
      .slice(0, limit);
  }

  /** Closes every run. */
  close(): void {
    for (const run of this.runs.values()) run.close();
    this.runs.clear();
  }

  private keepEnded(run: Run, info: EndedRunInfo): void {
    this.endedRuns.delete(info.id);
    this.endedRuns.set(info.id, { run, info });
    if (this.endedRuns.size > ENDED_KEPT) this.endedRuns.delete(this.endedRuns.keys().next().value as string);
  }

  private freshId(): string {
    const make = this.deps.newId ?? (() => randomBytes(5).readUIntBE(0, 5).toString(36).padStart(8, '0').slice(-8));
    for (;;) {
      const id = make();
      if (!this.runs.has(id)) return id;
    }
  }
}
