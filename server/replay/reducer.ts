/**
 * How one scenario entry changes the state. Pure functions over plain data, no clock and no I/O;
 * `fold.ts` sequences them with the actions of a run.
 */
import type { ScriptedUpdate, TimelineEntry } from '../scenario/compile.js';
import { CLOSED_STAGES, type Status } from '../scenario/vocabulary.js';
import { rollUp, type PageStatus } from '../status/rollup.js';
import {
  publish,
  type AffectedChannel,
  type ChannelState,
  type IncidentState,
  type Origin,
  type PublishedUpdate,
  type ScenarioState,
} from './state.js';

/** The state after one more entry; `state` is not modified. */
export function applyEntry(state: ScenarioState, entry: TimelineEntry): ScenarioState {
  const next: ScenarioState = {
    ...state,
    offsetMs: Math.max(state.offsetMs, entry.offsetMs),
    applied: state.applied + 1,
  };
  switch (entry.kind) {
    case 'actual':
      return applyActual(next, entry.statuses, entry.offsetMs);
    case 'update': {
      const update = toPublished(next, entry.update, entry.offsetMs, `u${entry.index}`, 'script');
      if (state.mode === 'exercise') return { ...next, modelAnswers: [...next.modelAnswers, update] };
      return publishUpdate(next, entry.update, update);
    }
    case 'inject':
      return {
        ...next,
        injects: [...next.injects, { offsetMs: entry.offsetMs, ref: `e${entry.index}`, item: entry.inject }],
      };
    case 'prompt':
      return {
        ...next,
        prompts: [...next.prompts, { offsetMs: entry.offsetMs, ref: `e${entry.index}`, item: entry.prompt }],
      };
    case 'expect':
      return {
        ...next,
        expectations: [
          ...next.expectations,
          {
            offsetMs: entry.offsetMs,
            ref: `e${entry.index}`,
            expect: entry.expect,
            deadlineMs: entry.offsetMs + entry.expect.withinMs,
          },
        ],
      };
  }
}

/** The page indicator of a state, from its published statuses. */
export function pageStatus(state: ScenarioState): PageStatus {
  return rollUp(Object.values(state.channels).map((channel) => channel.published));
}

/** Incidents still open (not resolved, no postmortem). */
export function openIncidents(state: ScenarioState): IncidentState[] {
  return state.incidents.filter((incident) => !CLOSED_STAGES.has(incident.stage));
}

/**
 * Actual statuses change the world. In replay mode the page follows them; in exercise mode only
 * responders move the page.
 */
export function applyActual(state: ScenarioState, statuses: Record<string, Status>, offsetMs: number): ScenarioState {
  const channels = { ...state.channels };
  for (const [id, status] of Object.entries(statuses)) {
    const current = channels[id];
    if (current === undefined) continue;
    const actual: ChannelState =
      current.actual === status ? current : { ...current, actual: status, actualSinceMs: offsetMs };
    channels[id] = state.mode === 'replay' ? publish(actual, status, offsetMs) : actual;
  }
  return { ...state, channels };
}

/** An update as it would appear on the page, with the statuses it changes. */
export function toPublished(
  state: ScenarioState,
  spec: ScriptedUpdate,
  offsetMs: number,
  id: string,
  origin: Origin,
): PublishedUpdate {
  const affected: AffectedChannel[] = Object.entries(spec.channels ?? {}).flatMap(([channel, status]) => {
    const current = state.channels[channel];
    return current === undefined ? [] : [{ channel, old: current.published, new: status }];
  });
  return {
    id,
    incident: spec.incident,
    offsetMs,
    stage: spec.status,
    body: spec.body,
    ...(spec.workaround === undefined ? {} : { workaround: spec.workaround }),
    affected,
    ...(spec.nextUpdateAtMs === undefined ? {} : { nextUpdateAtMs: spec.nextUpdateAtMs }),
    ...(spec.publisher === undefined ? {} : { publisher: spec.publisher }),
    ...(spec.wording === undefined ? {} : { wording: spec.wording }),
    ...(spec.originalLanguage === undefined ? {} : { originalLanguage: spec.originalLanguage }),
    origin,
  };
}

/** Publishes an update: opens or advances its incident and sets the statuses it names. */
export function publishUpdate(state: ScenarioState, spec: ScriptedUpdate, update: PublishedUpdate): ScenarioState {
  const offsetMs = update.offsetMs;
  const channels = { ...state.channels };
  for (const { channel, new: status } of update.affected) {
    const current = channels[channel];
    if (current !== undefined) channels[channel] = publish(current, status, offsetMs);
  }
  const existing = state.incidents.find((incident) => incident.id === spec.incident);
  const named = update.affected.map((a) => a.channel);
  const incident: IncidentState =
    existing === undefined
      ? {
          id: spec.incident,
          title: spec.title ?? {},
          impact: spec.impact ?? 'none',
          stage: spec.status,
          startedAtMs: offsetMs,
          updatedAtMs: offsetMs,
          channels: named,
          updates: [update],
        }
      : {
          ...existing,
          title: spec.title ?? existing.title,
          impact: spec.impact ?? existing.impact,
          stage: spec.status,
          updatedAtMs: offsetMs,
          channels: [...existing.channels, ...named.filter((c) => !existing.channels.includes(c))],
          updates: [update, ...existing.updates],
        };
  if (spec.status === 'monitoring' && incident.monitoringAtMs === undefined) incident.monitoringAtMs = offsetMs;
  if (CLOSED_STAGES.has(spec.status)) {
    incident.resolvedAtMs ??= offsetMs;
  } else {
    delete incident.resolvedAtMs;
  }
  const incidents =
    existing === undefined
      ? [...state.incidents, incident]
      : state.incidents.map((i) => (i.id === incident.id ? incident : i));
  return { ...state, channels, incidents };
}
