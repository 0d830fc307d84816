/**
 * The fold at the heart of statusdrill: the state at offset `t` is the initial state with every
 * scenario entry and every recorded action up to `t` applied in order. Entries due at the same
 * instant apply in file order, before the actions recorded at that instant (which were made
 * after those entries had applied); a fired or skipped entry leaves its place in the timeline.
 * Seeking is re-folding; a run's state always equals this fold, which the property test checks.
 * The contingency of an expectation missed is delivered as the fold passes its deadline: before
 * the first step after it, or at the end when the fold goes past it.
 */
import type { Scenario, TimelineEntry } from '../scenario/compile.js';
import type { Mode } from '../scenario/vocabulary.js';
import { applyAction, displacedEntries, type RecordedAction } from './actions.js';
import { deliverContingencies, evaluateExpectations } from './expectations.js';
import { applyEntry } from './reducer.js';
import { initialState, type ScenarioState } from './state.js';

/** One step of the fold. */
export type Step = { kind: 'entry'; entry: TimelineEntry } | { kind: 'action'; recorded: RecordedAction };

/**
 * The state after one step, with expectations brought up to date. The contingencies of the
 * deadlines passed on the way to the step are delivered first.
 */
export function applyStep(state: ScenarioState, scenario: Scenario, step: Step): ScenarioState {
  const before = deliverContingencies(state, stepOffset(step));
  const next = step.kind === 'entry' ? applyEntry(before, step.entry) : applyAction(before, scenario, step.recorded);
  return evaluateExpectations(next);
}

/** The steps of a run in the order they apply. */
export function runSteps(scenario: Scenario, actions: readonly RecordedAction[]): Step[] {
  const displaced = displacedEntries(actions);
  const entries = scenario.entries.filter((entry) => !displaced.has(entry.index));
  const recorded = [...actions].sort((a, b) => a.offsetMs - b.offsetMs || a.seq - b.seq);
  const steps: Step[] = [];
  let e = 0;
  let a = 0;
  while (e < entries.length || a < recorded.length) {
    const entry = entries[e];
    const action = recorded[a];
    if (entry !== undefined && (action === undefined || entry.offsetMs <= action.offsetMs)) {
      steps.push({ kind: 'entry', entry });
      e += 1;
    } else if (action !== undefined) {
      steps.push({ kind: 'action', recorded: action });
      a += 1;
    }
  }
  return steps;
}

/** The offset at which a step applies. */
export function stepOffset(step: Step): number {
  return step.kind === 'entry' ? step.entry.offsetMs : step.recorded.offsetMs;
}

/** The state of a run of `scenario` at `offsetMs`, given the actions recorded so far. */
export function foldRun(
  scenario: Scenario,
  mode: Mode,
  actions: readonly RecordedAction[],
  offsetMs: number,
): ScenarioState {
  let state = evaluateExpectations(initialState(scenario, mode));
  for (const step of runSteps(scenario, actions)) {
    if (stepOffset(step) > offsetMs) break;
    state = applyStep(state, scenario, step);
  }
  return { ...deliverContingencies(state, offsetMs), offsetMs };
}

/** The state of `scenario` at `offsetMs` with no action taken: what `statusdrill state` prints. */
export function stateAt(scenario: Scenario, offsetMs: number, mode: Mode = 'replay'): ScenarioState {
  return foldRun(scenario, mode, [], offsetMs);
}
