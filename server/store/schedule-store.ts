/**
 * Schedules in the database, so cron and one-off starts are armed again after a restart. A
 * one-off schedule that has fired, or was removed, is done and never comes back.
 */
import type { Database } from 'better-sqlite3';
import type { RestoredSchedule, ScheduleInput, ScheduleView } from '../runs/schedules.js';

/** A schedule kept from before a restart. */
export interface StoredSchedule extends RestoredSchedule {
  input: ScheduleInput;
  requireApproval: boolean;
}

/** The schedules of the database. */
export class ScheduleStore {
  constructor(private readonly db: Database) {}

  added(schedule: ScheduleView, input: ScheduleInput): void {
    this.db
      .prepare(`INSERT INTO schedules (id, input, created_ms) VALUES (?, ?, ?)`)
      .run(schedule.id, JSON.stringify(input), Date.parse(schedule.createdAt));
  }

  /** Records a firing: the runs started so far; a one-off schedule is done. */
  fired(schedule: ScheduleView): void {
    this.db
      .prepare(`UPDATE schedules SET runs = ?, last_run_ms = ?, done = ? WHERE id = ?`)
      .run(
        JSON.stringify(schedule.runs),
        schedule.lastRunAt === undefined ? null : Date.parse(schedule.lastRunAt),
        schedule.kind === 'once' ? 1 : 0,
        schedule.id,
      );
  }

  removed(id: string): void {
    this.done(id);
  }

  /** Marks a schedule done: it will not be armed again. */
  done(id: string): void {
    this.db.prepare(`UPDATE schedules SET done = 1 WHERE id = ?`).run(id);
  }

  requireApproval(id: string): void {
    this.db.prepare(`UPDATE schedules SET require_approval = 1 WHERE id = ?`).run(id);
  }

  /** The schedules still to arm, oldest first. */
  live(): StoredSchedule[] {
    const rows = this.db
      .prepare(
        `SELECT id, input, created_ms, runs, last_run_ms, require_approval FROM schedules WHERE done = 0 ORDER BY created_ms, rowid`,
      )
      .all() as Array<{
      id: string;
      input: string;
      created_ms: number;
      runs: string;
      last_run_ms: number | null;
      require_approval: number;
    }>;
    return rows.map((row) => ({
      id: row.id,
      input: JSON.parse(row.input) as ScheduleInput,
      createdAtMs: row.created_ms,
      runs: JSON.parse(row.runs) as string[],
      ...(row.last_run_ms === null ? {} : { lastRunAtMs: row.last_run_ms }),
      requireApproval: row.require_approval === 1,
    }));
  }
}
