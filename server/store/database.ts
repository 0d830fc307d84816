/**
 * The embedded database: one SQLite file in the data folder, in WAL mode with full synchronous
 * commits, so a record is on disk when its write returns. Versioned migrations run at start-up,
 * each in a transaction; the file's `user_version` says which have run.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../errors.js';
import { MIGRATIONS } from './migrations.js';

export type { Database } from 'better-sqlite3';

/** Name of the database file in the data folder. */
export const DATABASE_FILE = 'statusdrill.db';

/**
 * Opens (creating if needed) the database of `dataDir`, or an in-memory one for `':memory:'`. A
 * write that finds the database locked by another process waits `busyTimeoutMs`, then fails.
 */
export function openDatabase(dataDir: string, options: { busyTimeoutMs?: number } = {}): Database.Database {
  let db: Database.Database;
  try {
    if (dataDir === ':memory:') db = new Database(':memory:');
    else {
      mkdirSync(dataDir, { recursive: true });
      db = new Database(join(dataDir, DATABASE_FILE), { timeout: options.busyTimeoutMs ?? 5_000 });
    }
  } catch (error) {
    throw new ConfigError(`cannot open the database in ${dataDir}: ${(error as Error).message}`);
  }
  db.pragma('journal_mode = WAL');
  // FULL: a commit is durable when it returns, even if the machine loses power.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  migrate(db);
  return db;
}

/**
 * Applies the migrations the database has not had yet, in order, all in one transaction that
 * holds the write lock from the start: processes opening the same file at once apply each
 * migration once.
 */
export function migrate(db: Database.Database): number {
  db.transaction(() => {
    const current = db.pragma('user_version', { simple: true }) as number;
    if (current > MIGRATIONS.length)
      throw new ConfigError(
        `the database is at version ${current}, newer than this statusdrill (${MIGRATIONS.length}): upgrade statusdrill`,
      );
    for (const [index, sql] of MIGRATIONS.entries()) {
      const version = index + 1;
      if (version <= current) continue;
      db.exec(sql);
      db.pragma(`user_version = ${version}`);
    }
  }).immediate();
  return MIGRATIONS.length;
}
