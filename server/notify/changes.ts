/**
 * What changed between two public states of a run, as a subscriber would be told: components
 * whose published status changed, and incident updates newly published. Pure: no clock, no run.
 */
import type { PublicState } from '../replay/run-views.js';
import type { Stage, Status } from '../scenario/vocabulary.js';

/** A channel whose published status changed. */
export interface ComponentChange {
  kind: 'component';
  channel: string;
  old: Status;
  new: Status;
  /** Story offset since which the new status holds. */
  atMs: number;
}

/** An incident update that was not published before. */
export interface IncidentChange {
  kind: 'incident';
  incident: string;
  /** The update's stable id. */
  update: string;
  stage: Stage;
  /** Story offset of the update. */
  atMs: number;
}

/** One thing a subscriber would be told about. */
export type PublicChange = ComponentChange | IncidentChange;

/**
 * The changes from `before` to `after`, in story order; at the same instant, component changes
 * come first (in page order), then incident updates (oldest first, incidents in opening order).
 * An update counts as new when its id was not in `before`, so an update published again after a
 * rewind is new again; updates undone by a rewind are not changes (their components' statuses are).
 */
export function publicChanges(before: PublicState, after: PublicState): PublicChange[] {
  const previous = new Map(before.channels.map((c) => [c.id, c.status]));
  const components: PublicChange[] = after.channels.flatMap((channel) => {
    const old = previous.get(channel.id);
    if (old === undefined || old === channel.status) return [];
    return [{ kind: 'component', channel: channel.id, old, new: channel.status, atMs: channel.sinceMs }];
  });
  const known = new Set(before.incidents.flatMap((i) => i.updates.map((u) => u.id)));
  const updates: PublicChange[] = after.incidents.flatMap((incident) =>
    // Updates are kept newest first; subscribers hear them oldest first.
    [...incident.updates]
      .reverse()
      .filter((u) => !known.has(u.id))
      .map((u) => ({ kind: 'incident', incident: incident.id, update: u.id, stage: u.stage, atMs: u.offsetMs })),
  );
  // A stable sort: ties keep components before updates, each in the order built above.
  return [...components, ...updates].sort((a, b) => a.atMs - b.atMs);
}
