/** How a run is made: its identity, its scenario and mode, its time source and its hooks. */
import type { Scenario } from '../scenario/compile.js';
import type { Mode } from '../scenario/vocabulary.js';
import type { ClockState } from './clock.js';
import type { LogRecord } from './run-log.js';
import type { TimeSource } from './time-source.js';

/** Who can find a run: public runs are listed on `/`, unlisted ones only by their link. */
export type Visibility = 'public' | 'unlisted';

/** What a run left behind, to bring it back after a restart. */
export interface SavedRun {
  /** Its whole log, in order. */
  log: readonly LogRecord[];
  /** Its clock at the last control. */
  clock: Omit<ClockState, 'durationMs'>;
  /** A run that was playing goes on playing (at the story time it would have reached), or comes back paused. */
  resume: 'playing' | 'paused';
}

/** How a run starts. */
export interface RunOptions {
  id: string;
  scenario: Scenario;
  mode: Mode;
  time: TimeSource;
  /** Initial speed. @default 1 */
  speed?: number;
  /** Whether the run is listed on `/`; an unlisted run is reachable by its link only. @default "public" */
  visibility?: Visibility;
  /** Called when applying an entry fails; the entry is skipped and the run goes on. */
  onError?: (error: unknown, context: { run: string; entry?: number }) => void;
  /**
   * Called with every record before the run adds it to its log (to make it durable). If it throws,
   * the record is not added and the action or control that made it does not happen.
   */
  onRecord?: (record: LogRecord, clock: ClockState) => void;
  /** Brings back a run from what it left behind, instead of starting it afresh. */
  restore?: SavedRun;
}
