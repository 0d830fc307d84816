/**
 * Checks of a server process after a crash or a hand-over: every acknowledged action is in the
 * run's log, and the run's state is the fold of that log. And `eventually`, for what a process
 * reaches in its own time.
 */
import { expect } from 'chai';
import type { ConsoleView } from '../../server/control/views.js';
import { foldRun } from '../../server/replay/fold.js';
import { effectiveActions } from '../../server/replay/run-restore.js';
import type { LogRecord } from '../../server/replay/run-log.js';
import { loadLibrary } from '../../server/scenario/library.js';
import { loadConfig } from '../../server/config.js';
import type { Mode, Status } from '../../server/scenario/vocabulary.js';

/** An action a server answered 201 to. */
export interface Acknowledged {
  seq: number;
  channel: string;
  status: Status;
}

/** Each acknowledged `set-actual` action is in `log`, as it was sent. */
export function expectEveryAcknowledgedAction(log: readonly LogRecord[], acknowledged: readonly Acknowledged[]): void {
  const actions = new Map(log.filter((r) => r.kind === 'action').map((r) => [r.seq, r]));
  for (const { seq, channel, status } of acknowledged)
    expect(actions.get(seq), `acknowledged action ${seq}`).to.deep.include({
      action: { type: 'set-actual', channel, status },
    });
}

/** The channels a run's console view shows equal the fold of its log at the view's story time. */
export async function expectStateToBeTheFold(
  view: ConsoleView,
  log: readonly LogRecord[],
  scenario: string,
  mode: Mode,
): Promise<void> {
  const library = await loadLibrary(loadConfig({}).scenariosDir);
  const entry = library.find((e) => e.id === scenario);
  if (!entry?.result.ok) throw new Error(`${scenario} must load`);
  const folded = foldRun(entry.result.scenario, mode, effectiveActions(log), view.summary.clock.offsetMs);
  expect(view.channels.map((c) => [c.id, c.actual, c.published])).to.deep.equal(
    view.channels.map((c) => [c.id, folded.channels[c.id]!.actual, folded.channels[c.id]!.published]),
  );
}

/** Waits until `check` holds, polling every 25 ms (`timeoutMs` at most). */
export async function eventually(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 25));
  }
}
