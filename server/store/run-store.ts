/**
 * Runs in the database: each run's settings, its clock at the last control, and every record of
 * its log, written synchronously as the run makes it, so what a run acknowledged is on disk
 * before the acknowledgement leaves. Join codes are kept beside their runs.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { JoinCode } from '../access/join-codes.js';
import type { ClockState } from '../replay/clock.js';
import type { LogRecord } from '../replay/run-log.js';
import type { SavedRun, Visibility } from '../replay/run.js';
import type { Mode } from '../scenario/vocabulary.js';

/** A run that was not ended, as the database keeps it. */
export interface StoredRun {
  id: string;
  scenario: string;
  mode: Mode;
  visibility: Visibility;
  requireApproval: boolean;
  clock: SavedRun['clock'];
  log: LogRecord[];
}

/** The runs, logs and join codes of the database. */
export class RunStore {
  private readonly insertRunStmt: Statement;
  private readonly appendStmt: Statement;
  private readonly clockStmt: Statement;

  constructor(private readonly db: Database) {
    this.insertRunStmt = db.prepare(
      `INSERT OR IGNORE INTO runs (id, scenario, mode, visibility, created_ms, clock) VALUES (?, ?, ?, ?, ?, ?)`,
    );
    this.appendStmt = db.prepare(`INSERT INTO run_log (run, seq, record) VALUES (?, ?, ?)`);
    this.clockStmt = db.prepare(`UPDATE runs SET clock = ? WHERE id = ?`);
  }

  /**
   * Records a new run. A restored run is there already. A new run that takes the id of an earlier
   * one (the default run, restarted after it ended) moves the earlier one aside, under
   * `<id>~<created ms>`, with its log: nothing is lost.
   */
  insertRun(
    run: { id: string; scenario: string; mode: Mode; visibility: Visibility; speed: number; restored: boolean },
    wallMs: number,
  ): void {
    const paused = { playing: false, speed: run.speed, anchorOffsetMs: 0, anchorWallMs: wallMs };
    this.db.transaction(() => {
      if (!run.restored) this.moveAside(run.id, wallMs);
      this.insertRunStmt.run(
        run.id,
        run.scenario,
        run.mode,
        run.visibility,
        Math.round(wallMs),
        JSON.stringify(paused),
      );
    })();
  }

  /**
   * Appends a record of a run's log, and the clock as it is then, in one transaction: a run never
   * comes back with a log and a clock that disagree.
   */
  append(runId: string, record: LogRecord, clock: ClockState): void {
    this.db.transaction(() => {
      this.appendStmt.run(runId, record.seq, JSON.stringify(record));
      this.clockStmt.run(clockJson(clock), runId);
    })();
  }

  setRequireApproval(runId: string, required: boolean): void {
    this.db.prepare(`UPDATE runs SET require_approval = ? WHERE id = ?`).run(required ? 1 : 0, runId);
  }

  /** The runs not ended whose responders' updates need approval. */
  runsRequiringApproval(): string[] {
    const rows = this.db.prepare(`SELECT id FROM runs WHERE ended_ms IS NULL AND require_approval = 1`).all();
    return (rows as Array<{ id: string }>).map((row) => row.id);
  }

  /** Marks a run ended, with its clock as it stopped: it will not come back, but its report stays. */
  endRun(runId: string, wallMs: number, clock?: ClockState): void {
    this.db.transaction(() => {
      this.db.prepare(`UPDATE runs SET ended_ms = ? WHERE id = ?`).run(Math.round(wallMs), runId);
      if (clock !== undefined) this.clockStmt.run(clockJson(clock), runId);
      this.db.prepare(`UPDATE join_codes SET revoked = 1 WHERE run = ?`).run(runId);
    })();
  }

  /** The ended runs, the most recently ended first, at most `limit`. */
  endedRuns(limit: number): EndedRunRow[] {
    return this.db
      .prepare(
        `SELECT id, scenario, mode, visibility, created_ms AS createdMs, ended_ms AS endedMs
         FROM runs WHERE ended_ms IS NOT NULL ORDER BY ended_ms DESC, rowid DESC LIMIT ?`,
      )
      .all(limit) as EndedRunRow[];
  }

  /** An ended run with its log and its clock as it stopped. */
  endedRun(id: string): (EndedRunRow & Pick<StoredRun, 'clock' | 'log'>) | undefined {
    const row = this.db
      .prepare(
        `SELECT id, scenario, mode, visibility, created_ms AS createdMs, ended_ms AS endedMs, clock
         FROM runs WHERE id = ? AND ended_ms IS NOT NULL`,
      )
      .get(id) as (EndedRunRow & { clock: string }) | undefined;
    if (row === undefined) return undefined;
    const records = this.db.prepare(`SELECT record FROM run_log WHERE run = ? ORDER BY seq`).all(id);
    return {
      ...row,
      clock: JSON.parse(row.clock) as SavedRun['clock'],
      log: (records as Array<{ record: string }>).map((r) => JSON.parse(r.record) as LogRecord),
    };
  }

  /** The runs not ended, oldest first, each with its whole log. */
  liveRuns(): StoredRun[] {
    const rows = this.db
      .prepare(
        `SELECT id, scenario, mode, visibility, require_approval, clock FROM runs WHERE ended_ms IS NULL ORDER BY created_ms, rowid`,
      )
      .all() as Array<{
      id: string;
      scenario: string;
      mode: Mode;
      visibility: Visibility;
      require_approval: number;
      clock: string;
    }>;
    const logOf = this.db.prepare(`SELECT record FROM run_log WHERE run = ? ORDER BY seq`);
    return rows.map((row) => ({
      id: row.id,
      scenario: row.scenario,
      mode: row.mode,
      visibility: row.visibility,
      requireApproval: row.require_approval === 1,
      clock: JSON.parse(row.clock) as SavedRun['clock'],
      log: (logOf.all(row.id) as Array<{ record: string }>).map((r) => JSON.parse(r.record) as LogRecord),
    }));
  }

  /**
   * Renames the run `id` (an earlier run whose id a new one takes) to `<id>~<created ms>`, ended,
   * with everything that belongs to it.
   */
  private moveAside(id: string, wallMs: number): void {
    const row = this.db.prepare(`SELECT created_ms FROM runs WHERE id = ?`).get(id) as
      { created_ms: number } | undefined;
    if (row === undefined) return;
    const aside = `${id}~${row.created_ms}`;
    this.db
      .prepare(`UPDATE runs SET id = ?, ended_ms = coalesce(ended_ms, ?) WHERE id = ?`)
      .run(aside, Math.round(wallMs), id);
    this.db.prepare(`UPDATE run_items SET run = ? WHERE run = ?`).run(aside, id);
  }

  /** Keeps a new join code. */
  insertCode(code: JoinCode): void {
    this.db
      .prepare(`INSERT INTO join_codes (id, run, label, code, created_at) VALUES (?, ?, ?, ?, ?)`)
      .run(code.id, code.run, code.label, code.code, code.createdAt);
  }

  revokeCode(id: string): void {
    this.db.prepare(`UPDATE join_codes SET revoked = 1 WHERE id = ?`).run(id);
  }

  /** The join codes not revoked, oldest first. */
  liveCodes(): JoinCode[] {
    return this.db
      .prepare(`SELECT id, run, label, code, created_at AS createdAt FROM join_codes WHERE revoked = 0 ORDER BY rowid`)
      .all() as JoinCode[];
  }
}

/** An ended run as lists show it. */
export interface EndedRunRow {
  id: string;
  scenario: string;
  mode: Mode;
  visibility: Visibility;
  createdMs: number;
  endedMs: number;
}

function clockJson(clock: ClockState): string {
  const { playing, speed, anchorOffsetMs, anchorWallMs } = clock;
  return JSON.stringify({ playing, speed, anchorOffsetMs, anchorWallMs });
}
