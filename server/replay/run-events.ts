/** What a run tells its listeners: the events and their payloads. */
import type { TimelineEntry } from '../scenario/compile.js';

/** An entry the running clock reached, with when it was due and when it applied (wall times). */
export interface AppliedEntry {
  entry: TimelineEntry;
  dueWallMs: number;
  wallMs: number;
}

/** What a run tells its listeners. */
export interface RunEvents {
  /** The public state changed; `version` is the new version. */
  changed: [{ version: number }];
  /** Anything changed, public or private (for the facilitator's console). */
  updated: [];
  /** The running clock reached an entry and it applied (for measuring lateness); not sent for jumps. */
  applied: [AppliedEntry];
  /** The story reached its end and the run paused. */
  ended: [];
}
