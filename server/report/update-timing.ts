/**
 * When the page spoke: time to first update, scoping latency, the gaps between updates while an
 * incident was open, and whether the next update came when promised. Works on the public updates
 * of a run's state at its end, in publication order.
 */
import type { CommsPolicy } from '../scenario/compile.js';
import { CLOSED_STAGES, type Stage } from '../scenario/vocabulary.js';
import type { PublishedUpdate, ScenarioState } from '../replay/state.js';
import { share } from './status-accuracy.js';

/** Time to the first public update, measured from the first impact. */
export interface FirstUpdateTiming {
  firstUpdateMs?: number;
  /** First update minus first impact; negative if the page spoke first. */
  timeToFirstUpdateMs?: number;
  /** An update came before any impact, or with no impact at all. */
  updateBeforeImpact: boolean;
  /**
   * Within `firstUpdateWithin`; false too when nothing was said and the end lies past the
   * deadline; undefined when there was no impact, or the deadline had not passed unmet.
   */
  firstUpdateWithinPolicy?: boolean;
}

/** Time from the first update to the first that names affected channels. */
export interface ScopingTiming {
  firstScopingUpdateMs?: number;
  scopingLatencyMs?: number;
  /** Against `scopingWithin`, in the same way as the first update; undefined without that policy. */
  scopingWithinPolicy?: boolean;
}

/** The silence between two public updates while an incident was open. */
export interface UpdateGap {
  fromMs: number;
  toMs: number;
  gapMs: number;
  /** At most `maxGap`. */
  withinPolicy: boolean;
}

/** Cadence of the updates. Updates at the same instant count as one publication. */
export interface UpdateGaps {
  gaps: UpdateGap[];
  /** Share of `gaps` within policy; null when there is none. */
  withinPolicyShare: number | null;
  /** The silence since the last update, when an incident is still open at the end. */
  openGap?: UpdateGap;
}

/** An update that stated when the next would come, and what came of it. */
export interface NextUpdatePromise {
  updateId: string;
  incident: string;
  madeAtMs: number;
  promisedAtMs: number;
  /** Offset of the incident's next update, if any by the end. */
  nextUpdateMs?: number;
  /** Kept: the next update came by the promised time; pending: neither came by the end. */
  outcome: 'kept' | 'broken' | 'pending';
}

/** Promises of a next update. */
export interface NextUpdatePromises {
  /** Share of updates that stated a next update time; null without updates. */
  promisedShare: number | null;
  /** Share of settled promises (kept or broken) that were kept; null when none is settled. */
  keptShare: number | null;
  promises: NextUpdatePromise[];
}

/** Every public update of a state in publication order (story order, then fold order). */
export function publicUpdates(state: ScenarioState): PublishedUpdate[] {
  return state.incidents
    .flatMap((incident) => [...incident.updates].reverse())
    .map((update, order) => ({ update, order }))
    .sort((a, b) => a.update.offsetMs - b.update.offsetMs || a.order - b.order)
    .map(({ update }) => update);
}

/** TTFU and how it compares with the policy. */
export function firstUpdateTiming(
  updates: readonly PublishedUpdate[],
  firstImpactMs: number | undefined,
  policy: CommsPolicy,
  endMs: number,
): FirstUpdateTiming {
  const firstUpdateMs = updates[0]?.offsetMs;
  const updateBeforeImpact =
    firstUpdateMs !== undefined && (firstImpactMs === undefined || firstUpdateMs < firstImpactMs);
  if (firstImpactMs === undefined)
    return { ...(firstUpdateMs === undefined ? {} : { firstUpdateMs }), updateBeforeImpact };
  const withinPolicy = againstDeadline(firstUpdateMs, firstImpactMs, policy.firstUpdateWithinMs, endMs);
  return {
    ...(firstUpdateMs === undefined ? {} : { firstUpdateMs, timeToFirstUpdateMs: firstUpdateMs - firstImpactMs }),
    updateBeforeImpact,
    ...(withinPolicy === undefined ? {} : { firstUpdateWithinPolicy: withinPolicy }),
  };
}

/** Scoping latency and how it compares with the policy. */
export function scopingTiming(updates: readonly PublishedUpdate[], policy: CommsPolicy, endMs: number): ScopingTiming {
  const first = updates[0];
  if (first === undefined) return {};
  const scoping = updates.find((u) => u.affected.length > 0)?.offsetMs;
  const withinPolicy =
    policy.scopingWithinMs === undefined
      ? undefined
      : againstDeadline(scoping, first.offsetMs, policy.scopingWithinMs, endMs);
  return {
    ...(scoping === undefined ? {} : { firstScopingUpdateMs: scoping, scopingLatencyMs: scoping - first.offsetMs }),
    ...(withinPolicy === undefined ? {} : { scopingWithinPolicy: withinPolicy }),
  };
}

/** The gaps between publications while some incident was open after the earlier one. */
export function updateGaps(updates: readonly PublishedUpdate[], policy: CommsPolicy, endMs: number): UpdateGaps {
  const stages = new Map<string, Stage>();
  const gap = (fromMs: number, toMs: number): UpdateGap => ({
    fromMs,
    toMs,
    gapMs: toMs - fromMs,
    withinPolicy: toMs - fromMs <= policy.maxGapMs,
  });
  const gaps: UpdateGap[] = [];
  let openSince: number | undefined;
  updates.forEach((update, i) => {
    stages.set(update.incident, update.stage);
    if (updates[i + 1]?.offsetMs === update.offsetMs) return;
    if (openSince !== undefined) gaps.push(gap(openSince, update.offsetMs));
    const open = [...stages.values()].some((stage) => !CLOSED_STAGES.has(stage));
    openSince = open ? update.offsetMs : undefined;
  });
  const openGap = openSince === undefined || endMs < openSince ? undefined : gap(openSince, endMs);
  return {
    gaps,
    withinPolicyShare: share(gaps.filter((g) => g.withinPolicy).length, gaps.length),
    ...(openGap === undefined ? {} : { openGap }),
  };
}

/** Each promised next update, checked against the incident's next update. */
export function nextUpdatePromises(updates: readonly PublishedUpdate[], endMs: number): NextUpdatePromises {
  const promises = updates.flatMap((update, i): NextUpdatePromise[] => {
    const promisedAtMs = update.nextUpdateAtMs;
    if (promisedAtMs === undefined) return [];
    const next = updates.slice(i + 1).find((u) => u.incident === update.incident)?.offsetMs;
    const outcome =
      next !== undefined && next <= promisedAtMs
        ? 'kept'
        : next !== undefined || endMs > promisedAtMs
          ? 'broken'
          : 'pending';
    return [
      {
        updateId: update.id,
        incident: update.incident,
        madeAtMs: update.offsetMs,
        promisedAtMs,
        ...(next === undefined ? {} : { nextUpdateMs: next }),
        outcome,
      },
    ];
  });
  const settled = promises.filter((p) => p.outcome !== 'pending');
  return {
    promisedShare: share(promises.length, updates.length),
    keptShare: share(settled.filter((p) => p.outcome === 'kept').length, settled.length),
    promises,
  };
}

/** Whether `atMs` came within `withinMs` of `sinceMs`; undefined while the deadline is still ahead. */
function againstDeadline(
  atMs: number | undefined,
  sinceMs: number,
  withinMs: number,
  endMs: number,
): boolean | undefined {
  if (atMs !== undefined) return atMs - sinceMs <= withinMs;
  return endMs - sinceMs > withinMs ? false : undefined;
}
