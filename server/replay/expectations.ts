/**
 * Whether responders did what the scenario expects of them. Checked after every step of the
 * fold against the public state, so the answer at any story time is part of the state at that
 * time; whether an unmet expectation is pending or missed depends only on the current offset.
 * An expectation with an `onMissed` contingency delivers its inject as the fold passes its
 * deadline unmet, so the contingency too is part of the state at every offset.
 */
import { CLOSED_STAGES, STATUS_RANK } from '../scenario/vocabulary.js';
import type { InjectSpec } from '../scenario/schema.js';
import type { ActiveExpectation, Delivered, PublishedUpdate, ScenarioState } from './state.js';

/** How an expectation stands at an offset. */
export const EXPECTATION_STATUSES = ['pending', 'met', 'late', 'missed'] as const;
export type ExpectationStatus = (typeof EXPECTATION_STATUSES)[number];

/**
 * Brings every unmet expectation up to date with the state: moves a cadence's deadline with the
 * updates published by it, and records `metAtMs` on those the state now satisfies.
 */
export function evaluateExpectations(state: ScenarioState): ScenarioState {
  if (state.expectations.every((e) => e.metAtMs !== undefined)) return state;
  const updates = state.incidents.flatMap((incident) => incident.updates);
  let changed = false;
  const expectations = state.expectations.map((expectation) => {
    if (expectation.metAtMs !== undefined) return expectation;
    const deadlineMs =
      expectation.expect.kind === 'cadence' ? cadenceDeadline(expectation, updates) : expectation.deadlineMs;
    const met = isSatisfied(expectation, state, updates);
    if (!met && deadlineMs === expectation.deadlineMs) return expectation;
    changed = true;
    return { ...expectation, deadlineMs, ...(met ? { metAtMs: state.offsetMs } : {}) };
  });
  return changed ? { ...state, expectations } : state;
}

/** Pending until the deadline, then missed; met or late once satisfied. */
export function expectationStatus(expectation: ActiveExpectation, offsetMs: number): ExpectationStatus {
  if (expectation.metAtMs !== undefined) return expectation.metAtMs <= expectation.deadlineMs ? 'met' : 'late';
  return offsetMs > expectation.deadlineMs ? 'missed' : 'pending';
}

/**
 * Delivers the `onMissed` inject of every expectation whose deadline lies before `offsetMs` and
 * was not met by then: once each, stamped with the deadline, referred to as `x<ref>` (`xe12`).
 * The fold calls it before every step and at the offset it folds to, so the inject arrives
 * before anything that happens after the deadline, whatever way the run got there.
 */
export function deliverContingencies(state: ScenarioState, offsetMs: number): ScenarioState {
  const due = state.expectations.filter((e) => awaitsContingency(e) && e.deadlineMs < offsetMs);
  if (due.length === 0) return state;
  const injects: Array<Delivered<InjectSpec>> = [...due]
    .sort((a, b) => a.deadlineMs - b.deadlineMs)
    .flatMap((e) =>
      e.expect.onMissed === undefined ? [] : [{ offsetMs: e.deadlineMs, ref: `x${e.ref}`, item: e.expect.onMissed }],
    );
  return {
    ...state,
    injects: [...state.injects, ...injects],
    expectations: state.expectations.map((e) => (due.includes(e) ? { ...e, contingencyDelivered: true } : e)),
  };
}

/**
 * The first offset at which a contingency not yet delivered falls due as things stand: one
 * millisecond past its deadline, offsets being whole milliseconds. An update may still move a
 * cadence's deadline, or meet the expectation, before then.
 */
export function nextContingencyAt(state: ScenarioState): number | undefined {
  const deadlines = state.expectations.filter(awaitsContingency).map((e) => e.deadlineMs + 1);
  return deadlines.length === 0 ? undefined : Math.min(...deadlines);
}

/** Has an undelivered contingency and was not met by its deadline. */
function awaitsContingency(e: ActiveExpectation): boolean {
  return (
    e.expect.onMissed !== undefined &&
    e.contingencyDelivered === undefined &&
    (e.metAtMs === undefined || e.metAtMs > e.deadlineMs)
  );
}

/**
 * A cadence's deadline: `within` after the entry's time, moved to `within` after each update
 * (on `incident` if named) published by the deadline then in force. The first gap that exceeds
 * `within` stops it for good.
 */
function cadenceDeadline(expectation: ActiveExpectation, updates: readonly PublishedUpdate[]): number {
  const { expect, offsetMs } = expectation;
  const times = updates
    .filter((u) => u.offsetMs >= offsetMs && (expect.incident === undefined || u.incident === expect.incident))
    .map((u) => u.offsetMs)
    .sort((a, b) => a - b);
  let deadlineMs = offsetMs + expect.withinMs;
  for (const time of times) {
    if (time > deadlineMs) break;
    deadlineMs = time + expect.withinMs;
  }
  return deadlineMs;
}

function isSatisfied(
  expectation: ActiveExpectation,
  state: ScenarioState,
  updates: readonly PublishedUpdate[],
): boolean {
  const { expect } = expectation;
  const since = (u: PublishedUpdate): boolean => u.offsetMs >= expectation.offsetMs;
  const onIncident = (u: PublishedUpdate): boolean => expect.incident === undefined || u.incident === expect.incident;
  switch (expect.kind) {
    case 'first-update':
      return updates.length > 0;
    case 'scoping':
      return updates.some((u) =>
        expect.channel === undefined ? u.affected.length > 0 : u.affected.some((a) => a.channel === expect.channel),
      );
    case 'workaround':
      // Naming a channel as operational tells customers what still works, as a workaround text does.
      return updates.some((u) => u.workaround !== undefined || u.affected.some((a) => a.new === 'operational'));
    case 'channel-status': {
      const channel = expect.channel === undefined ? undefined : state.channels[expect.channel];
      return (
        channel !== undefined &&
        expect.status !== undefined &&
        STATUS_RANK[channel.published] >= STATUS_RANK[expect.status]
      );
    }
    case 'update':
      return updates.some((u) => since(u) && onIncident(u));
    case 'resolve':
      return state.incidents.some(
        (incident) =>
          (expect.incident === undefined || incident.id === expect.incident) &&
          CLOSED_STAGES.has(incident.stage) &&
          (incident.resolvedAtMs ?? -1) >= expectation.offsetMs,
      );
    case 'cadence': {
      const concerned = state.incidents.filter((i) => expect.incident === undefined || i.id === expect.incident);
      return concerned.length > 0 && concerned.every((i) => CLOSED_STAGES.has(i.stage));
    }
  }
}
