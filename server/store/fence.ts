/**
 * Which process may write the database. A process takes charge by raising the epoch of the
 * `leadership` row; from then on every write its connection makes checks, in the same statement,
 * that the epoch is still the one it took (temporary triggers on every table, so no write can
 * forget to ask). When another process takes charge, the first one's next write is refused, so two
 * processes never both act on a run: whatever a process acknowledged was written while it was in
 * charge, and the process that took over reads it.
 *
 * This is the fencing token of the cluster's leadership (see `server/cluster/`), and it also keeps
 * a second server started by mistake on the same data folder from mixing its writes with the first.
 */
import type { Database } from 'better-sqlite3';

/** The message of a write refused because another process took charge. */
export const FENCED_MESSAGE = 'another statusdrill process has taken charge of this database';

/** A process's charge of a database. */
export interface Charge {
  /** The epoch this process took. */
  epoch: number;
  /** Whether no other process has taken charge since. */
  held(): boolean;
}

/**
 * Takes charge of `db` as `holder`: raises the epoch and fences every write of this connection
 * with it. Taking charge again (a new epoch) replaces the fences.
 */
export function takeCharge(db: Database, holder: string, nowMs: number): Charge {
  const epoch = db
    .transaction(() => {
      db.prepare(`UPDATE leadership SET epoch = epoch + 1, holder = ?, since_ms = ? WHERE id = 1`).run(
        holder,
        Math.round(nowMs),
      );
      return currentEpoch(db);
    })
    .immediate();
  const tables = db
    .prepare(
      `SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'leadership'`,
    )
    .pluck()
    .all() as string[];
  const message = FENCED_MESSAGE.replaceAll("'", "''");
  for (const table of tables) {
    for (const operation of ['INSERT', 'UPDATE', 'DELETE'] as const) {
      const trigger = `"fence_${table}_${operation.toLowerCase()}"`;
      db.exec(`DROP TRIGGER IF EXISTS temp.${trigger}`);
      db.exec(
        `CREATE TEMP TRIGGER ${trigger} BEFORE ${operation} ON main."${table}" ` +
          `WHEN (SELECT epoch FROM main.leadership WHERE id = 1) <> ${epoch} ` +
          `BEGIN SELECT RAISE(ABORT, '${message}'); END`,
      );
    }
  }
  const read = db.prepare(`SELECT epoch FROM leadership WHERE id = 1`).pluck();
  return { epoch, held: () => read.get() === epoch };
}

/** The latest epoch taken. */
export function currentEpoch(db: Database): number {
  return db.prepare(`SELECT epoch FROM leadership WHERE id = 1`).pluck().get() as number;
}
