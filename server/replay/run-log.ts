/**
 * The log of a run: every entry applied, every control and every action, in the order they
 * happened, each with its story offset, wall time and author. Nothing is ever removed from it:
 * a rewind is itself a record, and actions it undid stay for the after-action report.
 */
import type { EntryKind } from '../scenario/vocabulary.js';
import type { Author, RecordedAction } from './actions.js';

/** The controls of a run's clock. `end` is the engine pausing at the end of the story. */
export const CONTROLS = ['play', 'pause', 'speed', 'seek', 'step-next', 'step-back', 'restart', 'end'] as const;
export type Control = (typeof CONTROLS)[number];

/** Fields every record has. */
interface RecordBase {
  /** Position in the log. */
  seq: number;
  /** Story offset when it happened. */
  offsetMs: number;
  /** Wall time when it happened. */
  wallMs: number;
  author: Author;
}

/** One record of the log. */
export type LogRecord =
  | (RecordBase & { kind: 'entry'; entry: number; entryKind: EntryKind; dueWallMs?: number })
  | (RecordBase & { kind: 'action'; action: RecordedAction['action'] })
  | (RecordBase & {
      kind: 'control';
      control: Control;
      speed?: number;
      fromMs?: number;
      toMs?: number;
      /** Actions a rewind undid, by their `seq`. */
      undone?: number[];
    });

/** The engine, as the author of what it does by itself. */
export const SYSTEM: Author = { role: 'system', name: 'statusdrill' };
