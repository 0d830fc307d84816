/** Everything statusdrill keeps in its database, by kind. */
import type { Database } from 'better-sqlite3';
import { ItemStore } from './item-store.js';
import { RunStore } from './run-store.js';
import { ScheduleStore } from './schedule-store.js';

/** The database's stores. */
export class Store {
  readonly runs: RunStore;
  readonly schedules: ScheduleStore;
  /** What belongs to runs besides their logs: notes, share links, drafts, notifications. */
  readonly items: ItemStore;

  constructor(readonly db: Database) {
    this.runs = new RunStore(db);
    this.schedules = new ScheduleStore(db);
    this.items = new ItemStore(db);
  }

  close(): void {
    this.db.close();
  }
}
