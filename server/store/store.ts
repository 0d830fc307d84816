/** Everything statusdrill keeps in its database, by kind. */
import type { Database } from 'better-sqlite3';
import { ItemStore } from './item-store.js';
import { RunStore } from './run-store.js';
import { ScheduleStore } from './schedule-store.js';
import { takeCharge, type Charge } from './fence.js';

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

  /** Takes charge of the database for this process (see `fence.ts`): other processes' writes are refused from now on. */
  takeCharge(holder: string, nowMs: number): Charge {
    return takeCharge(this.db, holder, nowMs);
  }

  close(): void {
    this.db.close();
  }
}
