/**
 * Whether responders did what the scenario expects of them. Checked after every step of the
 * fold against the public state, so the answer at any story time is part of the state at that
 * time; whether an unmet expectation is pending or missed depends only on the current offset.
 */
import { CLOSED_STAGES, STATUS_RANK } from '../scenario/vocabulary.js';
import type { ActiveExpectation, PublishedUpdate, ScenarioState } from './state.js';

/** How an expectation stands at an offset. */
export const EXPECTATION_STATUSES = ['pending', 'met', 'late', 'missed'] as const;
export type ExpectationStatus = (typeof EXPECTATION_STATUSES)[number];

/** Records `metAtMs` on every active expectation the state now satisfies. */
export function evaluateExpectations(state: ScenarioState): ScenarioState {
  if (state.expectations.every((e) => e.metAtMs !== undefined)) return state;
  const updates = state.incidents.flatMap((incident) => incident.updates);
  let changed = false;
  const expectations = state.expectations.map((expectation) => {
    if (expectation.metAtMs !== undefined || !isSatisfied(expectation, state, updates)) return expectation;
    changed = true;
    return { ...expectation, metAtMs: state.offsetMs };
  });
  return changed ? { ...state, expectations } : state;
}

/** Pending until the deadline, then missed; met or late once satisfied. */
export function expectationStatus(expectation: ActiveExpectation, offsetMs: number): ExpectationStatus {
  if (expectation.metAtMs !== undefined) return expectation.metAtMs <= expectation.deadlineMs ? 'met' : 'late';
  return offsetMs > expectation.deadlineMs ? 'missed' : 'pending';
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
      return updates.some((u) => u.workaround !== undefined);
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
  }
}
