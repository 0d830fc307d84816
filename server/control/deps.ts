/** What control operations work with: the runs, the library, access, drafts, schedules, notifications. */
import type { EventEmitter } from 'node:events';
import type { Principal } from '../access/principal.js';
import type { JoinCodes } from '../access/join-codes.js';
import type { Sessions } from '../access/sessions.js';
import type { LibraryEntry } from '../scenario/library.js';
import type { RunRegistry } from '../runs/registry.js';
import type { RunSchedules } from '../runs/schedules.js';
import type { Drafts } from './drafts.js';
import type { Notes } from '../report/notes.js';
import type { ReportShares } from '../report/shares.js';

/** The notifications of runs, as control operations use them. */
export interface NotificationsPort {
  view(run: string): unknown;
  addWebhook(run: string, url: string): unknown;
  removeWebhook(run: string, id: string): void;
  /** Closes a run's notifications when it ends. */
  forget(run: string): void;
}

/** What the control layer tells the transports. */
export interface ControlHubEvents {
  /** Something outside a run's own events changed (a draft, a setting, the list of runs); `run` when it is one run's. */
  changed: [run: string | undefined];
  /** A run ended: whoever follows it must be told. */
  ended: [run: string];
  /** Sessions matching were closed: their live connections must go too. */
  disconnect: [matches: (principal: Principal) => boolean];
}

/** The parts control operations work with. */
export interface ControlDeps {
  runs: RunRegistry;
  library: readonly LibraryEntry[];
  codes: JoinCodes;
  sessions: Sessions;
  drafts: Drafts;
  schedules: Pick<RunSchedules, 'add' | 'list' | 'remove'>;
  notifications: NotificationsPort;
  /** The facilitator's notes on runs, live or ended. */
  notes: Notes;
  /** Read-only links to runs' reports. */
  shares: ReportShares;
  /** Public address for absolute links (join links); relative links when unset. */
  publicUrl: string | undefined;
  hub: EventEmitter<ControlHubEvents>;
  changed(run: string | undefined): void;
  disconnect(matches: (principal: Principal) => boolean): void;
}
