/**
 * Everything an operation could change, as one string, so that "the payload changed nothing"
 * is one comparison: every live run's version, log length, public state, private state and the
 * facilitator's view of it (codes, drafts, notifications, notes), the runs and ended runs listed,
 * the ended run's notes and shares, and the schedules. Runs are paused, so nothing in it moves
 * with the wall clock.
 */
import { FACILITATOR } from '../../server/access/principal.js';
import { dispatch, type CommandName } from '../../server/control/commands.js';
import { privateState, publicState } from '../../server/replay/run-views.js';
import type { TestApp } from '../support/test-app.js';

/** The fingerprint of `app`'s state; `ended` is an ended run whose notes and shares count too. */
export function fingerprint(app: TestApp, ended: string): string {
  const read = (name: CommandName, input: object = {}): unknown =>
    dispatch(app.control, { principal: FACILITATOR, lang: 'en' }, name, input);
  return JSON.stringify({
    runs: app.runs.list().map((run) => ({
      id: run.id,
      version: run.version,
      log: run.logRecords().length,
      public: publicState(run),
      private: privateState(run),
      view: read('runs:get', { run: run.id }),
    })),
    listed: read('runs:list'),
    ended: read('runs:ended'),
    endedNotes: read('notes:list', { run: ended }),
    endedShares: read('shares:list', { run: ended }),
    schedules: read('schedules:list'),
  });
}

/** Where two fingerprints first differ, with some context, for a failure report. */
export function describeChange(before: string, after: string): string {
  let i = 0;
  while (i < before.length && before[i] === after[i]) i++;
  const from = Math.max(0, i - 80);
  return `before …${before.slice(from, i + 80)}… after …${after.slice(from, i + 80)}…`;
}
