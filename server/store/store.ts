/** Everything statusdrill keeps in its database, by kind. */
import type { Database } from 'better-sqlite3';
import { RunStore } from './run-store.js';
import { ScheduleStore } from './schedule-store.js';

/** The database's stores. */
export class Store {
  readonly runs: RunStore;
  readonly schedules: ScheduleStore;

  constructor(readonly db: Database) {
    this.runs = new RunStore(db);
    this.schedules = new ScheduleStore(db);
  }

  close(): void {
    this.db.close();
  }
}
