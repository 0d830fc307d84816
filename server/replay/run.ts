/**
 * A run: one play of a scenario, with its clock, its state, its log and its one timer. The run
 * applies entries and contingencies as story time reaches them, records what people do, and
 * tells listeners when its state changes. Its state always equals `foldRun` over the scenario
 * and the actions still in effect, at the clock's offset.
 */
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { storyOffset, type Scenario } from '../scenario/compile.js';
import type { Mode } from '../scenario/vocabulary.js';
import type { Action, Author, RecordedAction } from './actions.js';
import { checkAction } from './action-rules.js';
import { StoryClock } from './clock.js';
import { IncrementalFold } from './incremental-fold.js';
import type { ScenarioState } from './state.js';
import { logContingencies, logEntry, RunLog, SYSTEM } from './run-log.js';
import type { Control, ControlDetails, LogRecord } from './run-log.js';
import { Scheduler } from './scheduler.js';
import type { TimeSource } from './time-source.js';
import type { RunOptions, SavedRun, Visibility } from './run-options.js';
import { effectiveActions } from './run-restore.js';
import type { RunEvents } from './run-events.js';
import { publicSignature } from './run-views.js';

export type { AppliedEntry, RunEvents } from './run-events.js';
export type { RunOptions, SavedRun, Visibility } from './run-options.js';

/** One play of a scenario. */
export class Run {
  readonly id: string;
  /** Made anew with each run object, so a run brought back or recreated under its id is told apart. */
  readonly instance = randomBytes(6).toString('base64url');
  readonly visibility: Visibility;
  readonly scenario: Scenario;
  readonly mode: Mode;
  readonly clock: StoryClock;
  private readonly time: TimeSource;
  private readonly scheduler: Scheduler;
  private readonly events = new EventEmitter<RunEvents>();
  private readonly onError: NonNullable<RunOptions['onError']>;
  private readonly fold: IncrementalFold;
  private readonly log: RunLog;
  private versionNo = 0;
  private signature: string;
  private closed = false;

  constructor(options: RunOptions) {
    this.id = options.id;
    this.visibility = options.visibility ?? 'public';
    this.scenario = options.scenario;
    this.mode = options.mode;
    this.time = options.time;
    this.onError = options.onError ?? (() => undefined);
    this.clock = new StoryClock(options.time, options.scenario.durationMs, { speed: options.speed ?? 1 });
    this.scheduler = new Scheduler(options.time, () => this.wake());
    this.fold = new IncrementalFold(this.scenario, this.mode);
    const onRecord = options.onRecord;
    this.log = new RunLog(
      options.restore?.log ?? [],
      onRecord && ((record) => onRecord(record, this.clock.snapshot())),
    );
    if (options.restore !== undefined) this.restore(options.restore);
    this.catchUp();
    this.signature = publicSignature(this);
  }

  /** Increments on every change to what viewers see. */
  get version(): number {
    return this.versionNo;
  }

  /** The state now: every entry due by the clock's offset has applied. */
  currentState(): ScenarioState {
    this.catchUp();
    return { ...this.fold.state, offsetMs: this.clock.offset() };
  }

  /** The state as of the last entry or action applied, without catching up with the clock. */
  appliedState(): ScenarioState {
    return this.fold.state;
  }

  /** Actions in effect, in the order they were recorded. */
  effectiveActions(): readonly RecordedAction[] {
    return this.fold.actions;
  }

  /** Everything that happened in the run, in order. */
  logRecords(): readonly LogRecord[] {
    return this.log.records;
  }

  /** Whether the scenario entry at file position `index` is out of its place (fired or skipped). */
  isDisplaced(index: number): boolean {
    return this.fold.displacedEntries.has(index);
  }

  on<E extends keyof RunEvents>(event: E, listener: (...args: RunEvents[E]) => void): () => void {
    this.events.on(event, listener as never);
    return () => this.events.off(event, listener as never);
  }

  play(author: Author): void {
    this.control(author, 'play', () => {
      if (this.clock.playing || this.clock.atEnd) return false;
      this.clock.play();
      return true;
    });
  }

  pause(author: Author): void {
    this.control(author, 'pause', () => {
      if (!this.clock.playing) return false;
      this.clock.pause();
      return true;
    });
  }

  /** Changes the speed from now on (0.1x to 10,000x). */
  setSpeed(speed: number, author: Author): void {
    this.control(author, 'speed', () => {
      if (speed === this.clock.speed) return false;
      this.clock.setSpeed(speed);
      return { speed };
    });
  }

  /** Moves the story to `offsetMs`. Going back undoes the actions recorded after that point. */
  seek(offsetMs: number, author: Author): void {
    this.control(author, 'seek', () => this.moveTo(offsetMs));
  }

  /** Moves the story to a time written as in scenario files (`2025-12-23T12:30+01:00`, `+1d6h30m`). */
  seekToTime(time: string, author: Author): void {
    this.seek(storyOffset(this.scenario, time), author);
  }

  /** Goes to the next instant at which an entry is due, applying it. */
  stepNext(author: Author): void {
    this.control(author, 'step-next', () =>
      this.moveTo(this.fold.instantAfter(this.clock.offset()) ?? this.scenario.durationMs),
    );
  }

  /** Goes back to the previous instant at which an entry was due, undoing the latest. */
  stepBack(author: Author): void {
    this.control(author, 'step-back', () => this.moveTo(this.fold.instantBefore(this.clock.offset()) ?? 0));
  }

  /** Back to the beginning, paused; every action of the run is undone (and stays in the log). */
  restart(author: Author): void {
    this.control(author, 'restart', () => {
      const wasPlaying = this.clock.playing;
      this.clock.pause();
      return this.moveTo(0) || (wasPlaying ? { fromMs: 0, toMs: 0 } : false);
    });
  }

  /** Takes an action now; throws an AppError, recording nothing, if it is not allowed. */
  act(action: Action, author: Author): RecordedAction {
    this.assertOpen();
    this.catchUp();
    const offsetMs = this.clock.offset();
    checkAction(action, author, {
      scenario: this.scenario,
      state: this.fold.state,
      offsetMs,
      displaced: this.fold.displacedEntries,
    });
    const recorded: RecordedAction = { seq: this.log.nextSeq, offsetMs, wallMs: this.time.now(), author, action };
    // Logged (and made durable) first: if that fails, nothing has changed.
    this.log.add({ offsetMs, wallMs: recorded.wallMs, author, kind: 'action', action });
    this.fold.record(recorded);
    this.notify();
    this.reschedule();
    return recorded;
  }

  /** Stops the timer and the clock where the story has got to, and drops every listener; the run can no longer change. */
  close(): void {
    this.closed = true;
    this.scheduler.cancel();
    if (this.clock.playing) this.clock.pause();
    this.events.removeAllListeners();
  }

  /** Refolds what a run left behind, then sets its clock; one coming back paused pauses where it had got to. */
  private restore(saved: SavedRun): void {
    this.fold.replay(effectiveActions(saved.log), saved.log.at(-1)?.offsetMs ?? 0, (error, entry) =>
      this.onError(error, { run: this.id, entry: entry.index }),
    );
    this.clock.restore(saved.clock);
    if (saved.resume === 'paused') this.pause(SYSTEM);
  }

  /**
   * Moves the clock. Forward, the entries on the way apply as the control catches up. Backward,
   * the actions recorded after the target are undone and the state is re-folded.
   */
  private moveTo(offsetMs: number): false | ControlDetails {
    const from = this.clock.offset();
    this.clock.seek(offsetMs);
    const to = this.clock.offset();
    if (to === from) return false;
    if (to > from) return { fromMs: from, toMs: to };
    const undone = this.fold.rewindTo(to);
    return { fromMs: from, toMs: to, ...(undone.length > 0 ? { undone: undone.map((a) => a.seq) } : {}) };
  }

  /** Runs a control: catch up, change, catch up again, log it, tell listeners, re-aim the timer. */
  private control(author: Author, control: Control, change: () => boolean | ControlDetails): void {
    this.assertOpen();
    this.catchUp();
    const result = change();
    if (result === false) return;
    this.catchUp();
    this.logControl(author, control, result === true ? {} : result);
    this.notify();
    this.reschedule();
  }

  private logControl(author: Author, control: Control, details: ControlDetails = {}): void {
    this.log.add({
      offsetMs: this.clock.offset(),
      wallMs: this.time.now(),
      author,
      kind: 'control',
      control,
      ...details,
    });
  }

  /**
   * Applies every entry due by the clock's offset, in order, logging each, and delivers the
   * contingencies of the deadlines passed. An entry the running clock reached by the passing of
   * time (after its last anchor, not by a jump) carries its due wall time and is announced as
   * `applied`, whoever noticed it first: the timer or a control.
   */
  private catchUp(): void {
    const clock = this.clock.snapshot();
    const delivered = this.fold.state.injects.length;
    this.fold.advanceTo(
      this.clock.offset(),
      (entry) => {
        const wallMs = this.time.now();
        const reachedByTime = clock.playing && entry.offsetMs > clock.anchorOffsetMs;
        const dueWallMs = this.clock.wallTimeOf(entry.offsetMs);
        logEntry(this.log, entry, wallMs, reachedByTime ? dueWallMs : undefined);
        if (reachedByTime) this.events.emit('applied', { entry, dueWallMs, wallMs });
      },
      (error, entry) => this.onError(error, { run: this.id, entry: entry.index }),
    );
    logContingencies(this.log, this.fold.state.injects.slice(delivered), this.time.now());
  }

  private wake(): void {
    if (this.closed) return;
    try {
      this.catchUp();
      if (this.clock.playing && this.clock.atEnd) {
        this.clock.pause();
        this.logControl(SYSTEM, 'end');
        this.notify();
        this.events.emit('ended');
      } else {
        this.notify();
      }
    } catch (error) {
      this.onError(error, { run: this.id });
    } finally {
      this.reschedule();
    }
  }

  /** Aims the timer at the next entry or contingency, or at the end of the story, while playing. */
  private reschedule(): void {
    if (this.closed || !this.clock.playing) {
      this.scheduler.cancel();
      return;
    }
    const target = Math.min(this.fold.nextInstant() ?? this.scenario.durationMs, this.scenario.durationMs);
    this.scheduler.aim(this.clock.wallTimeOf(target));
  }

  /** Bumps the version if what viewers see changed, and tells listeners. */
  private notify(): void {
    const signature = publicSignature(this);
    if (signature !== this.signature) {
      this.signature = signature;
      this.versionNo += 1;
      this.events.emit('changed', { version: this.versionNo });
    }
    this.events.emit('updated');
  }

  private assertOpen(): void {
    if (this.closed) throw new Error(`run ${this.id} is closed`);
  }
}
