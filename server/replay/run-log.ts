/**
 * The log of a run: every entry applied, every control and every action, in the order they
 * happened, each with its story offset, wall time and author. Nothing is ever removed from it:
 * a rewind is itself a record, and actions it undid stay for the after-action report.
 */
import type { EntryKind } from '../scenario/vocabulary.js';
import type { Author, RecordedAction } from './actions.js';
import type { InjectSpec } from '../scenario/schema.js';
import type { TimelineEntry } from '../scenario/compile.js';
import type { Delivered } from './state.js';

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

/** What a control's record says beyond its name. */
export interface ControlDetails {
  speed?: number;
  fromMs?: number;
  toMs?: number;
  /** Actions a rewind undid, by their `seq`. */
  undone?: number[];
}

/** One record of the log. */
export type LogRecord =
  | (RecordBase & { kind: 'entry'; entry: number; entryKind: EntryKind; dueWallMs?: number })
  | (RecordBase & { kind: 'action'; action: RecordedAction['action'] })
  | (RecordBase & ControlDetails & { kind: 'control'; control: Control })
  /** The inject an expectation sends when it is missed (`onMissed`), gone out at its deadline. */
  | (RecordBase & { kind: 'contingency'; expectation: string; inject: InjectSpec });

/** A record before the log gives it its place. */
export type NewRecord = LogRecord extends infer R ? (R extends LogRecord ? Omit<R, 'seq'> : never) : never;

/** An append-only log that numbers its records. */
export class RunLog {
  private readonly list: LogRecord[];

  /**
   * A log holding `records` already (a restored run's), which tells `onAdd` of each new record
   * before adding it: if `onAdd` throws, the record is not added.
   */
  constructor(
    records: readonly LogRecord[] = [],
    private readonly onAdd?: (record: LogRecord) => void,
  ) {
    this.list = [...records];
  }

  /** The `seq` the next record will get. */
  get nextSeq(): number {
    return this.list.length;
  }

  /** Every record, in order. */
  get records(): readonly LogRecord[] {
    return this.list;
  }

  /** Appends a record and returns it numbered. */
  add(record: NewRecord): LogRecord {
    const numbered = { ...record, seq: this.list.length };
    this.onAdd?.(numbered);
    this.list.push(numbered);
    return numbered;
  }
}

/** Logs a scenario entry applied; `dueWallMs` when the running clock reached it by the passing of time. */
export function logEntry(log: RunLog, entry: TimelineEntry, wallMs: number, dueWallMs?: number): void {
  const due = dueWallMs === undefined ? {} : { dueWallMs };
  log.add({
    offsetMs: entry.offsetMs,
    wallMs,
    author: SYSTEM,
    kind: 'entry',
    entry: entry.index,
    entryKind: entry.kind,
    ...due,
  });
}

/**
 * Logs the contingency injects among `injects` (those newly delivered by the fold): their ref is
 * `x` followed by the ref of the expectation missed.
 */
export function logContingencies(log: RunLog, injects: ReadonlyArray<Delivered<InjectSpec>>, wallMs: number): void {
  for (const { ref, offsetMs, item } of injects) {
    if (ref.startsWith('x'))
      log.add({ offsetMs, wallMs, author: SYSTEM, kind: 'contingency', expectation: ref.slice(1), inject: item });
  }
}

/** The engine, as the author of what it does by itself. */
export const SYSTEM: Author = { role: 'system', name: 'statusdrill' };
