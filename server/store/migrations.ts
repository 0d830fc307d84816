/**
 * The database's schema, as the list of migrations that build it. A migration is never edited
 * once released: a change of schema is a new migration at the end.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: runs, their logs and clocks, join codes.
  `
  CREATE TABLE runs (
    id TEXT PRIMARY KEY,
    scenario TEXT NOT NULL,
    mode TEXT NOT NULL,
    visibility TEXT NOT NULL,
    require_approval INTEGER NOT NULL DEFAULT 0,
    created_ms INTEGER NOT NULL,
    ended_ms INTEGER,
    clock TEXT NOT NULL
  );
  CREATE TABLE run_log (
    run TEXT NOT NULL REFERENCES runs(id) ON UPDATE CASCADE,
    seq INTEGER NOT NULL,
    record TEXT NOT NULL,
    PRIMARY KEY (run, seq)
  ) WITHOUT ROWID;
  CREATE TABLE join_codes (
    id TEXT PRIMARY KEY,
    run TEXT NOT NULL REFERENCES runs(id) ON UPDATE CASCADE,
    label TEXT NOT NULL,
    code TEXT NOT NULL,
    created_at TEXT NOT NULL,
    revoked INTEGER NOT NULL DEFAULT 0
  );
  `,
  // 2: schedules, and whether the runs they start require approval.
  `
  CREATE TABLE schedules (
    id TEXT PRIMARY KEY,
    input TEXT NOT NULL,
    created_ms INTEGER NOT NULL,
    runs TEXT NOT NULL DEFAULT '[]',
    last_run_ms INTEGER,
    require_approval INTEGER NOT NULL DEFAULT 0,
    done INTEGER NOT NULL DEFAULT 0
  );
  `,
  // 3: what belongs to a run besides its log, each kept as a JSON document by kind: facilitator
  // notes, report share links, drafts, webhooks and their deliveries, subscribers and the outbox.
  // `seq` keeps the order things were first written in; an update keeps a document's place.
  `
  CREATE TABLE run_items (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    run TEXT NOT NULL,
    kind TEXT NOT NULL,
    id TEXT NOT NULL,
    data TEXT NOT NULL,
    UNIQUE (run, kind, id)
  );
  CREATE INDEX run_items_by_kind ON run_items (kind, id);
  `,
  // 4: which process is in charge of the database: each one that takes charge raises the epoch,
  // and the writes of a process whose epoch is not the latest are refused (see fence.ts).
  `
  CREATE TABLE leadership (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    epoch INTEGER NOT NULL,
    holder TEXT NOT NULL,
    since_ms INTEGER NOT NULL
  );
  INSERT INTO leadership (id, epoch, holder, since_ms) VALUES (1, 0, '', 0);
  `,
];
