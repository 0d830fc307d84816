/**
 * The fold of a run, kept up to date step by step instead of recomputed: entries apply as the
 * story reaches them, actions as people take them, and going back re-folds from the start with
 * the actions that remain. Contingencies are delivered as the story passes their deadlines. It
 * knows nothing of clocks or timers; `Run` drives it and asks it when it next has work to do.
 */
import type { Scenario, TimelineEntry } from '../scenario/compile.js';
import type { Mode } from '../scenario/vocabulary.js';
import { displacedEntries, type RecordedAction } from './actions.js';
import { deliverContingencies, evaluateExpectations, nextContingencyAt } from './expectations.js';
import { applyStep, foldRun } from './fold.js';
import { initialState, type ScenarioState } from './state.js';

/** The state of a run and what produced it. */
export class IncrementalFold {
  private current: ScenarioState;
  /** Actions in effect: recorded and not undone by a rewind. */
  private effective: RecordedAction[] = [];
  private displaced = new Set<number>();
  /** Position in `scenario.entries` of the next entry not yet considered. */
  private cursor = 0;

  constructor(
    private readonly scenario: Scenario,
    private readonly mode: Mode,
  ) {
    this.current = evaluateExpectations(initialState(scenario, mode));
  }

  /** The state after the last step applied (its `offsetMs` is that of the last step). */
  get state(): ScenarioState {
    return this.current;
  }

  get actions(): readonly RecordedAction[] {
    return this.effective;
  }

  /** Entries taken out of their place by a fire or a skip in effect. */
  get displacedEntries(): ReadonlySet<number> {
    return this.displaced;
  }

  /**
   * Applies, in order, every entry in its place due by `offsetMs`, and delivers the contingencies
   * of the deadlines before `offsetMs`. A step that throws is reported through `onError` and
   * skipped; `onApplied` hears of each entry applied.
   */
  advanceTo(
    offsetMs: number,
    onApplied: (entry: TimelineEntry) => void,
    onError: (error: unknown, entry: TimelineEntry) => void,
  ): void {
    const entries = this.scenario.entries;
    for (
      let entry = entries[this.cursor];
      entry !== undefined && entry.offsetMs <= offsetMs;
      entry = entries[this.cursor]
    ) {
      this.cursor += 1;
      if (this.displaced.has(entry.index)) continue;
      try {
        this.current = applyStep(this.current, this.scenario, { kind: 'entry', entry });
      } catch (error) {
        onError(error, entry);
        continue;
      }
      onApplied(entry);
    }
    this.current = deliverContingencies(this.current, offsetMs);
  }

  /**
   * Refolds a restored run: each action at its offset, after the entries due by then, and the
   * entries up to `untilMs`, without telling anyone (they are in the run's log already).
   */
  replay(
    actions: readonly RecordedAction[],
    untilMs: number,
    onError: (error: unknown, entry: TimelineEntry) => void,
  ): void {
    for (const action of actions) {
      this.advanceTo(action.offsetMs, () => undefined, onError);
      this.record(action);
    }
    this.advanceTo(untilMs, () => undefined, onError);
  }

  /** Applies an action taken now; the entries due by its offset must have applied already. */
  record(recorded: RecordedAction): void {
    this.effective.push(recorded);
    const { action } = recorded;
    if (action.type === 'fire' || action.type === 'skip') this.displaced.add(action.entry);
    this.current = applyStep(this.current, this.scenario, { kind: 'action', recorded });
  }

  /** Goes back to `offsetMs`: the actions recorded after it are undone and returned. */
  rewindTo(offsetMs: number): RecordedAction[] {
    const undone = this.effective.filter((a) => a.offsetMs > offsetMs);
    this.effective = this.effective.filter((a) => a.offsetMs <= offsetMs);
    this.displaced = displacedEntries(this.effective);
    this.current = foldRun(this.scenario, this.mode, this.effective, offsetMs);
    const next = this.scenario.entries.findIndex((entry) => entry.offsetMs > offsetMs);
    this.cursor = next < 0 ? this.scenario.entries.length : next;
    return undone;
  }

  /** The next entry still in its place, not yet applied. */
  nextEntry(): TimelineEntry | undefined {
    for (let i = this.cursor; i < this.scenario.entries.length; i += 1) {
      const entry = this.scenario.entries[i];
      if (entry !== undefined && !this.displaced.has(entry.index)) return entry;
    }
    return undefined;
  }

  /**
   * The next offset at which the fold has work to do: an entry still in its place falls due, or
   * a pending contingency's deadline passes. A run that plays wakes then.
   */
  nextInstant(): number | undefined {
    const instants = [this.nextEntry()?.offsetMs, nextContingencyAt(this.current)].filter((t) => t !== undefined);
    return instants.length === 0 ? undefined : Math.min(...instants);
  }

  /** The first instant after `offsetMs` at which an entry still in its place is due. */
  instantAfter(offsetMs: number): number | undefined {
    return this.placed().find((entry) => entry.offsetMs > offsetMs)?.offsetMs;
  }

  /** The last instant before `offsetMs` at which an entry still in its place is due. */
  instantBefore(offsetMs: number): number | undefined {
    return this.placed().findLast((entry) => entry.offsetMs < offsetMs)?.offsetMs;
  }

  private placed(): TimelineEntry[] {
    return this.scenario.entries.filter((entry) => !this.displaced.has(entry.index));
  }
}
