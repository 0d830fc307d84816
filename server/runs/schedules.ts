/**
 * Scheduled runs: a cron expression in a time zone that starts a run of a scenario at every
 * firing for as long as the process lives, or a single run at a given wall time. Each schedule
 * owns its node-cron task or its timer; `remove` and `close` destroy them, leaving no handle.
 */
import { randomBytes } from 'node:crypto';
import { createTask, type ScheduledTask } from 'node-cron';
import { NotFoundError } from '../errors.js';
import type { Run, Visibility } from '../replay/run.js';
import { checkScheduleInput } from './schedule-input.js';
import { SYSTEM } from '../replay/run-log.js';
import { Scheduler } from '../replay/scheduler.js';
import { systemTime, type TimeSource } from '../replay/time-source.js';
import type { Scenario } from '../scenario/compile.js';
import type { Mode } from '../scenario/vocabulary.js';
import type { RunRegistry } from './registry.js';

/** The kinds of schedule: repeating on a cron expression, or once at a wall time. */
export const SCHEDULE_KINDS = ['cron', 'once'] as const;
/** A kind of schedule. */
export type ScheduleKind = (typeof SCHEDULE_KINDS)[number];

/** What every firing of a schedule starts. */
export interface ScheduledRunSettings {
  /** Id of the scenario to run, looked up again at each firing. */
  scenario: string;
  mode: Mode;
  /** Speed of the run, 0.1 to 10,000. */
  speed: number;
  visibility: Visibility;
  /** A name for people, e.g. "Monday drill". */
  label?: string;
}

/** A run started at every match of a cron expression, read in an IANA time zone. */
export interface CronScheduleInput extends ScheduledRunSettings {
  kind: 'cron';
  /** Five fields (minute hour day-of-month month day-of-week) or six with seconds first. */
  cron: string;
  /** IANA time zone the expression is read in, e.g. "Europe/Paris". */
  timeZone: string;
}

/** One run started at a wall time. */
export interface OnceScheduleInput extends ScheduledRunSettings {
  kind: 'once';
  /** Wall time in epoch milliseconds; must be in the future. */
  at: number;
}

/** How to schedule runs. */
export type ScheduleInput = CronScheduleInput | OnceScheduleInput;

/** A schedule as callers see it; times are ISO 8601 in UTC. */
export interface ScheduleView {
  id: string;
  kind: ScheduleKind;
  cron?: string;
  timeZone?: string;
  at?: string;
  scenario: string;
  mode: Mode;
  speed: number;
  visibility: Visibility;
  label?: string;
  createdAt: string;
  /** When it fires next; null once a `once` schedule has fired. */
  nextRunAt: string | null;
  /** When it last started a run. */
  lastRunAt?: string;
  /** Ids of the runs it started, oldest first. */
  runs: string[];
}

/** What the schedules need. */
export interface RunSchedulesDeps {
  runs: RunRegistry;
  /** The valid scenario with this id, if any. */
  scenario: (id: string) => Scenario | undefined;
  /** Wall time in epoch milliseconds; it must agree with the global timers and `Date`. @default Date.now */
  now?: () => number;
  /**
   * Called when a firing fails or is missed (also when onStarted throws). A cron schedule fires again
   * at its next match; a once schedule is done. @default nothing
   */
  onError?: (error: unknown, context: { schedule: string }) => void;
  /** Called after a firing started a run. */
  onStarted?: (schedule: ScheduleView, run: Run) => void;
  /** Told of each schedule added, fired and removed, to keep them beyond the process. */
  persist?: {
    added(schedule: ScheduleView, input: ScheduleInput): void;
    fired(schedule: ScheduleView): void;
    removed(id: string): void;
  };
}

/** What a schedule kept from before a restart brings back besides its input. */
export interface RestoredSchedule {
  id: string;
  createdAtMs: number;
  runs: string[];
  lastRunAtMs?: number;
}

interface Entry {
  id: string;
  input: ScheduleInput;
  createdAtMs: number;
  runs: string[];
  lastRunAtMs?: number;
  /** The node-cron task of a cron schedule. */
  task?: ScheduledTask;
  /** The timer of a pending once schedule; undefined once it has fired. */
  timer?: Scheduler;
}

/** Every schedule of the process, by id. */
export class RunSchedules {
  private readonly entries = new Map<string, Entry>();
  private readonly now: () => number;
  private readonly time: TimeSource;

  constructor(private readonly deps: RunSchedulesDeps) {
    this.now = deps.now ?? Date.now;
    // A run starts to the second, by its timer alone: no waking early (see `WAKE_LEAD_MS`).
    this.time = { ...systemTime(0), now: this.now };
  }

  /**
   * Checks the input (a ValidationError names the field at fault) and arms the schedule; `restored`
   * brings back one kept from before a restart, under its id.
   */
  add(input: ScheduleInput, restored?: RestoredSchedule): ScheduleView {
    const entry: Entry = {
      id: restored?.id ?? this.freshId(),
      input: checkScheduleInput(input, { scenario: this.deps.scenario, now: this.now() }),
      createdAtMs: restored?.createdAtMs ?? this.now(),
      runs: [...(restored?.runs ?? [])],
      ...(restored?.lastRunAtMs === undefined ? {} : { lastRunAtMs: restored.lastRunAtMs }),
    };
    if (entry.input.kind === 'cron') {
      const task = createTask(entry.input.cron, () => this.fire(entry), {
        timezone: entry.input.timeZone,
        name: `statusdrill-schedule-${entry.id}`,
      });
      task.on('execution:missed', (context) =>
        this.report(new Error(`missed the firing of ${context.date.toISOString()}: the process was busy`), entry.id),
      );
      void task.start();
      entry.task = task;
    } else {
      const at = entry.input.at;
      entry.timer = new Scheduler(this.time, () => this.wake(entry, at));
      entry.timer.aim(at);
    }
    this.entries.set(entry.id, entry);
    if (restored === undefined) this.deps.persist?.added(this.view(entry), entry.input);
    return this.view(entry);
  }

  /** Every schedule, oldest first. */
  list(): ScheduleView[] {
    return [...this.entries.values()].map((entry) => this.view(entry));
  }

  /** The schedule with this id, if any. */
  get(id: string): ScheduleView | undefined {
    const entry = this.entries.get(id);
    return entry === undefined ? undefined : this.view(entry);
  }

  /** Stops a schedule and forgets it; the runs it started go on. A NotFoundError if unknown. */
  remove(id: string): void {
    const entry = this.entries.get(id);
    if (entry === undefined) throw new NotFoundError(`no schedule "${id}"`);
    this.deps.persist?.removed(id);
    this.disarm(entry);
    this.entries.delete(id);
  }

  /** Destroys every task and timer. The runs started belong to the registry, which closes them. */
  close(): void {
    for (const entry of this.entries.values()) this.disarm(entry);
    this.entries.clear();
  }

  private disarm(entry: Entry): void {
    if (entry.task !== undefined) {
      void entry.task.stop();
      void entry.task.destroy();
    }
    entry.timer?.cancel();
    entry.timer = undefined;
  }

  /** A once timer woke: early when the delay exceeded what setTimeout honours, so re-aim. */
  private wake(entry: Entry, at: number): void {
    if (this.now() < at) {
      entry.timer?.aim(at);
      return;
    }
    entry.timer = undefined;
    this.fire(entry);
  }

  /** Starts a run. A failure goes to onError; a cron schedule still fires at its next match. */
  private fire(entry: Entry): void {
    try {
      const { scenario: scenarioId, mode, speed, visibility } = entry.input;
      const scenario = this.deps.scenario(scenarioId);
      if (scenario === undefined) throw new NotFoundError(`scenario "${scenarioId}" is no longer available`);
      const run = this.deps.runs.create({ scenario, mode, speed, visibility, playAs: SYSTEM });
      entry.runs.push(run.id);
      entry.lastRunAtMs = this.now();
      this.deps.persist?.fired(this.view(entry));
      this.deps.onStarted?.(this.view(entry), run);
    } catch (error) {
      this.report(error, entry.id);
    }
  }

  private report(error: unknown, schedule: string): void {
    this.deps.onError?.(error, { schedule });
  }

  private view(entry: Entry): ScheduleView {
    const { input } = entry;
    const iso = (ms: number): string => new Date(ms).toISOString();
    let nextRunAt: string | null = null;
    if (entry.task !== undefined) nextRunAt = entry.task.getNextRun()?.toISOString() ?? null;
    else if (entry.timer !== undefined && input.kind === 'once') nextRunAt = iso(input.at);
    return {
      id: entry.id,
      kind: input.kind,
      ...(input.kind === 'cron' ? { cron: input.cron, timeZone: input.timeZone } : { at: iso(input.at) }),
      scenario: input.scenario,
      mode: input.mode,
      speed: input.speed,
      visibility: input.visibility,
      ...(input.label === undefined ? {} : { label: input.label }),
      createdAt: iso(entry.createdAtMs),
      nextRunAt,
      ...(entry.lastRunAtMs === undefined ? {} : { lastRunAt: iso(entry.lastRunAtMs) }),
      runs: [...entry.runs],
    };
  }

  private freshId(): string {
    for (;;) {
      const id = randomBytes(5).readUIntBE(0, 5).toString(36).padStart(8, '0').slice(-8);
      if (!this.entries.has(id)) return id;
    }
  }
}
