/** What a run's log says is still in effect: the actions no rewind has undone, as the fold takes them. */
import type { RecordedAction } from './actions.js';
import type { LogRecord } from './run-log.js';

/** The actions of a log that are still in effect, in the order they were recorded. */
export function effectiveActions(log: readonly LogRecord[]): RecordedAction[] {
  const undone = new Set<number>();
  for (const record of log) if (record.kind === 'control') for (const seq of record.undone ?? []) undone.add(seq);
  return log.flatMap((record) =>
    record.kind === 'action' && !undone.has(record.seq)
      ? [
          {
            seq: record.seq,
            offsetMs: record.offsetMs,
            wallMs: record.wallMs,
            author: record.author,
            action: record.action,
          },
        ]
      : [],
  );
}
