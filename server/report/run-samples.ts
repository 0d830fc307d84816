/**
 * A run seen as a sequence of constant stretches: the fold is taken once at each instant where
 * something can change (offset zero, each step's offset up to the end, the end itself), so the
 * state between two samples is the state of the first. Metrics integrate over these stretches
 * instead of sampling story time millisecond by millisecond.
 */
import type { Scenario } from '../scenario/compile.js';
import type { Mode, Status } from '../scenario/vocabulary.js';
import type { RecordedAction } from '../replay/actions.js';
import { deliverContingencies, evaluateExpectations } from '../replay/expectations.js';
import { applyStep, runSteps, stepOffset } from '../replay/fold.js';
import { initialState, type ChannelState, type ScenarioState } from '../replay/state.js';

/** The state after every step due at `offsetMs`, holding until the next sample. */
export interface RunSample {
  offsetMs: number;
  channels: Readonly<Record<string, ChannelState>>;
}

/** The samples of a run up to `endMs`, and the state at `endMs` (the fold's `foldRun` answer). */
export interface RunSamples {
  /** In increasing offset order, the first at zero; the last starts before `endMs` or at it. */
  samples: RunSample[];
  final: ScenarioState;
}

/** Folds the run once, keeping the channels after the last step of each instant. */
export function sampleRun(
  scenario: Scenario,
  mode: Mode,
  actions: readonly RecordedAction[],
  endMs: number,
): RunSamples {
  let state = evaluateExpectations(initialState(scenario, mode));
  const samples: RunSample[] = [];
  const keep = (offsetMs: number): void => {
    const last = samples.at(-1);
    if (last !== undefined && last.offsetMs === offsetMs) last.channels = state.channels;
    else samples.push({ offsetMs, channels: state.channels });
  };
  keep(0);
  for (const step of runSteps(scenario, actions)) {
    const offsetMs = stepOffset(step);
    if (offsetMs > endMs) break;
    state = applyStep(state, scenario, step);
    keep(offsetMs);
  }
  return { samples, final: { ...deliverContingencies(state, endMs), offsetMs: endMs } };
}

/** The sample in force at `offsetMs`: the last one taken at or before it. */
export function sampleAt(samples: readonly RunSample[], offsetMs: number): RunSample | undefined {
  let lo = 0;
  let hi = samples.length - 1;
  let found: RunSample | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const sample = samples[mid];
    if (sample === undefined) break;
    if (sample.offsetMs <= offsetMs) {
      found = sample;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

/**
 * Each stretch of story time in `[fromMs, endMs)` with the sample in force over it. Stretches of
 * zero length are left out.
 */
export function stretches(
  samples: readonly RunSample[],
  fromMs: number,
  endMs: number,
): Array<{ fromMs: number; toMs: number; sample: RunSample }> {
  const out: Array<{ fromMs: number; toMs: number; sample: RunSample }> = [];
  samples.forEach((sample, i) => {
    const from = Math.max(sample.offsetMs, fromMs);
    const to = Math.min(samples[i + 1]?.offsetMs ?? endMs, endMs);
    if (to > from) out.push({ fromMs: from, toMs: to, sample });
  });
  return out;
}

/** Whether a status means the channel does not fully work: anything but `operational`. */
export function isImpaired(status: Status): boolean {
  return status !== 'operational';
}
