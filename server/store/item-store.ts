/**
 * What belongs to a run besides its log: facilitator notes, report share links, drafts, webhooks
 * and their deliveries, subscribers and the outbox. Each is a JSON document under its run, kind
 * and id, written synchronously: when a write returns, the document is on disk. Documents of a
 * kind come back in the order they were first written.
 */
import type { Database, Statement } from 'better-sqlite3';
import { StorageError } from './storage-error.js';

/** The kinds of documents a run has. */
export const ITEM_KINDS = ['note', 'share', 'draft', 'webhook', 'delivery', 'subscriber', 'outbox'] as const;
/** One of those. */
export type ItemKind = (typeof ITEM_KINDS)[number];

/** The documents of one kind, for the code that owns that kind. */
export interface ItemPort<T> {
  /** Writes (or rewrites, keeping its place) the document `id` of `run`. Throws a StorageError. */
  put(run: string, id: string, data: T): void;
  /** Deletes the document `id` of `run`, if there is one. Throws a StorageError. */
  remove(run: string, id: string): void;
  /** The documents of `run`, oldest first. */
  list(run: string): T[];
  /** The document `id`, whichever run it belongs to. */
  find(id: string): { run: string; data: T } | undefined;
  /** Keeps only the `keep` newest documents of `run`. */
  trim(run: string, keep: number): void;
}

/** The documents of one kind for one run. */
export interface RunItems<T> {
  put(id: string, data: T): void;
  remove(id: string): void;
  /** Oldest first. */
  list(): T[];
  /** Keeps only the `keep` newest. */
  trim(keep: number): void;
}

/** The documents of `port` that belong to `run`. */
export function runItems<T>(port: ItemPort<T>, run: string): RunItems<T> {
  return {
    put: (id, data) => port.put(run, id, data),
    remove: (id) => port.remove(run, id),
    list: () => port.list(run),
    trim: (keep) => port.trim(run, keep),
  };
}

/** The run_items table. */
export class ItemStore {
  private readonly putStmt: Statement;
  private readonly removeStmt: Statement;
  private readonly listStmt: Statement;
  private readonly findStmt: Statement;
  private readonly trimStmt: Statement;

  constructor(db: Database) {
    this.putStmt = db.prepare(
      `INSERT INTO run_items (run, kind, id, data) VALUES (?, ?, ?, ?)
       ON CONFLICT (run, kind, id) DO UPDATE SET data = excluded.data`,
    );
    this.removeStmt = db.prepare(`DELETE FROM run_items WHERE run = ? AND kind = ? AND id = ?`);
    this.listStmt = db.prepare(`SELECT data FROM run_items WHERE run = ? AND kind = ? ORDER BY seq`);
    this.findStmt = db.prepare(`SELECT run, data FROM run_items WHERE kind = ? AND id = ? ORDER BY seq DESC LIMIT 1`);
    this.trimStmt = db.prepare(
      `DELETE FROM run_items WHERE run = ? AND kind = ? AND seq <=
         (SELECT seq FROM run_items WHERE run = ? AND kind = ? ORDER BY seq DESC LIMIT 1 OFFSET ?)`,
    );
  }

  /** The documents of `kind`, typed as `T` by their owner. */
  of<T>(kind: ItemKind): ItemPort<T> {
    return {
      put: (run, id, data) => guard(() => this.putStmt.run(run, kind, id, JSON.stringify(data))),
      remove: (run, id) => guard(() => this.removeStmt.run(run, kind, id)),
      list: (run) => (this.listStmt.all(run, kind) as Array<{ data: string }>).map((row) => JSON.parse(row.data) as T),
      find: (id) => {
        const row = this.findStmt.get(kind, id) as { run: string; data: string } | undefined;
        return row === undefined ? undefined : { run: row.run, data: JSON.parse(row.data) as T };
      },
      trim: (run, keep) => guard(() => this.trimStmt.run(run, kind, run, kind, keep)),
    };
  }
}

/** Documents kept in memory, for the parts given no database (unit tests): the same behaviour, gone with the process. */
export function memoryItems<T>(): ItemPort<T> {
  const byRun = new Map<string, Map<string, T>>();
  const copy = (data: T): T => JSON.parse(JSON.stringify(data)) as T;
  return {
    put: (run, id, data) => {
      let items = byRun.get(run);
      if (items === undefined) byRun.set(run, (items = new Map<string, T>()));
      items.set(id, copy(data));
    },
    remove: (run, id) => void byRun.get(run)?.delete(id),
    list: (run) => [...(byRun.get(run)?.values() ?? [])].map(copy),
    find: (id) => {
      for (const [run, items] of byRun) {
        const data = items.get(id);
        if (data !== undefined) return { run, data: copy(data) };
      }
      return undefined;
    },
    trim: (run, keep) => {
      const items = byRun.get(run);
      if (items !== undefined)
        for (const id of [...items.keys()].slice(0, Math.max(0, items.size - keep))) items.delete(id);
    },
  };
}

function guard(write: () => unknown): void {
  try {
    write();
  } catch (error) {
    throw new StorageError(error);
  }
}
