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
import { Run, type RunOptions, type Visibility } from '../replay/run.js';
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
}

/** Every run of the process, by id. */
export class RunRegistry {
  private readonly runs = new Map<string, Run>();
  private readonly createListeners: Array<(run: Run) => void> = [];

  constructor(
    private readonly deps: {
      time: TimeSource;
      onError?: RunOptions['onError'];
      /** Makes run ids; 8 random lowercase characters by default. */
      newId?: () => string;
    },
  ) {}

  /** Starts a run. */
  create(options: CreateRunOptions): Run {
    const id = options.id ?? this.freshId();
    if (this.runs.has(id)) throw new Error(`run id "${id}" is taken`);
    const run = new Run({
      id,
      scenario: options.scenario,
      mode: options.mode ?? 'replay',
      time: this.deps.time,
      speed: options.speed ?? 1,
      visibility: options.visibility ?? 'public',
      ...(this.deps.onError === undefined ? {} : { onError: this.deps.onError }),
    });
    this.runs.set(id, run);
    for (const listener of this.createListeners) listener(run);
    if (options.startAtMs !== undefined && options.startAtMs > 0) run.seek(options.startAtMs, SYSTEM);
    if (options.playAs !== undefined) run.play(options.playAs);
    return run;
  }

  /** Calls `listener` with every run created from now on. */
  onCreate(listener: (run: Run) => void): void {
    this.createListeners.push(listener);
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

  /** Ends a run: closes it and forgets it. */
  end(id: string): void {
    this.require(id).close();
    this.runs.delete(id);
  }

  /** Closes every run. */
  close(): void {
    for (const run of this.runs.values()) run.close();
    this.runs.clear();
  }

  private freshId(): string {
    const make = this.deps.newId ?? (() => randomBytes(5).readUIntBE(0, 5).toString(36).padStart(8, '0').slice(-8));
    for (;;) {
      const id = make();
      if (!this.runs.has(id)) return id;
    }
  }
}
