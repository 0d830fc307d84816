/**
 * The communication metrics of a run, after the exercise-practice definitions: time to first
 * update, scoping latency, cadence, staleness, status accuracy, what-still-works coverage,
 * premature resolutions, promises of a next update and expectations. Pure: the run is folded
 * once, sampled at each instant where something can change, and nothing else is read.
 */
import type { Scenario } from '../scenario/compile.js';
import type { ExpectKind, Mode } from '../scenario/vocabulary.js';
import type { RecordedAction } from '../replay/actions.js';
import { EXPECTATION_STATUSES, expectationStatus, type ExpectationStatus } from '../replay/expectations.js';
import type { ScenarioState } from '../replay/state.js';
import { isImpaired, sampleRun, type RunSample } from './run-samples.js';
import { channelStaleness, statusAccuracy, type ChannelStaleness, type StatusAccuracy } from './status-accuracy.js';
import {
  prematureResolutions,
  whatWorksMention,
  type PrematureResolution,
  type WhatWorksMention,
} from './update-content.js';
import {
  firstUpdateTiming,
  nextUpdatePromises,
  publicUpdates,
  scopingTiming,
  updateGaps,
  type FirstUpdateTiming,
  type NextUpdatePromises,
  type ScopingTiming,
  type UpdateGaps,
} from './update-timing.js';

/** What the metrics are computed from: a run up to `endMs`. */
export interface MetricsInput {
  scenario: Scenario;
  mode: Mode;
  actions: readonly RecordedAction[];
  /** Story offset the run is measured up to; later entries and actions are ignored. */
  endMs: number;
}

/** An expectation as it stood at the end. */
export interface ExpectationOutcome {
  id: string;
  /** `e<index>` of the entry that set it. */
  ref: string;
  kind: ExpectKind;
  offsetMs: number;
  deadlineMs: number;
  metAtMs?: number;
  status: ExpectationStatus;
}

/** Every expectation due by the end, with how many stand in each status. */
export interface ExpectationSummary {
  outcomes: ExpectationOutcome[];
  counts: Record<ExpectationStatus, number>;
}

/** Everything measured about a run's communication. Durations in ms; shares in [0, 1] or null. */
export interface CommunicationMetrics extends FirstUpdateTiming, ScopingTiming {
  endMs: number;
  /** First offset at which some channel was not operational in actual status. */
  firstImpactMs?: number;
  /** How many public updates were published by the end. */
  updateCount: number;
  gaps: UpdateGaps;
  /** Per channel, over the whole run. */
  staleness: Record<string, ChannelStaleness>;
  /** From the first impact (or zero) to the end. */
  accuracy: StatusAccuracy;
  mentionsWhatWorks: WhatWorksMention;
  prematureResolution: PrematureResolution[];
  nextUpdatePromises: NextUpdatePromises;
  expectations: ExpectationSummary;
}

/** Measures the communication of a run of `scenario` in `mode` with `actions`, up to `endMs`. */
export function communicationMetrics(input: MetricsInput): CommunicationMetrics {
  const { scenario, mode, actions, endMs } = input;
  const { samples, final } = sampleRun(scenario, mode, actions, endMs);
  const channelIds = Object.keys(scenario.initialStatuses);
  const policy = scenario.commsPolicy;
  const updates = publicUpdates(final);
  const firstImpactMs = firstImpact(samples);
  return {
    endMs,
    ...(firstImpactMs === undefined ? {} : { firstImpactMs }),
    ...firstUpdateTiming(updates, firstImpactMs, policy, endMs),
    ...scopingTiming(updates, policy, endMs),
    updateCount: updates.length,
    gaps: updateGaps(updates, policy, endMs),
    staleness: channelStaleness(channelIds, samples, endMs),
    accuracy: statusAccuracy(channelIds, samples, firstImpactMs ?? 0, endMs),
    mentionsWhatWorks: whatWorksMention(updates, samples),
    prematureResolution: prematureResolutions(updates, samples),
    nextUpdatePromises: nextUpdatePromises(updates, endMs),
    expectations: expectationSummary(final),
  };
}

function firstImpact(samples: readonly RunSample[]): number | undefined {
  return samples.find((s) => Object.values(s.channels).some((c) => isImpaired(c.actual)))?.offsetMs;
}

function expectationSummary(state: ScenarioState): ExpectationSummary {
  const counts = Object.fromEntries(EXPECTATION_STATUSES.map((s) => [s, 0])) as Record<ExpectationStatus, number>;
  const outcomes = state.expectations.map((e): ExpectationOutcome => {
    const status = expectationStatus(e, state.offsetMs);
    counts[status] += 1;
    return {
      id: e.expect.id,
      ref: e.ref,
      kind: e.expect.kind,
      offsetMs: e.offsetMs,
      deadlineMs: e.deadlineMs,
      ...(e.metAtMs === undefined ? {} : { metAtMs: e.metAtMs }),
      status,
    };
  });
  return { outcomes, counts };
}
