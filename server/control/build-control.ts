/**
 * What the console's operations work with, built for one process; and taking charge of the runs,
 * which only the process that owns them does: alone at start-up, or, in a cluster, when it becomes
 * the leader. Taking charge fences the database for this process, then brings back what was not
 * ended (runs, join codes, approval settings, schedules) and starts the default run when it is not
 * among them.
 */
import { EventEmitter } from 'node:events';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { LibraryEntry } from '../scenario/library.js';
import type { RunRegistry } from '../runs/registry.js';
import { RunSchedules } from '../runs/schedules.js';
import { startDefaultRun } from '../runs/default-run.js';
import { JoinCodes } from '../access/join-codes.js';
import { Sessions } from '../access/sessions.js';
import { Notes } from '../report/notes.js';
import { ReportShares } from '../report/shares.js';
import { systemTimeSource, type TimeSource } from '../replay/time-source.js';
import { runItems, type ItemStore } from '../store/item-store.js';
import { restoreRuns } from '../store/persistence.js';
import type { Charge } from '../store/fence.js';
import type { Store } from '../store/store.js';
import type { ControlDeps, ControlHubEvents } from './deps.js';
import { Drafts } from './drafts.js';
import { NotificationCenter } from './notifications.js';
import { findScenario } from './scenario-list.js';

/** What the control layer is built from. */
export interface ControlSources {
  logger: Logger;
  library: readonly LibraryEntry[];
  runs: RunRegistry;
  /** Id of the run served at the root paths, started on taking charge when it is not running. */
  defaultRun: string | undefined;
  time?: TimeSource;
  /** The database; absent in tests and benchmarks, which keep everything in memory. */
  store?: Store;
}

/** The control layer of a process. */
export type Control = ControlDeps & { schedules: RunSchedules; notifications: NotificationCenter };

/** What taking charge brought back. */
export interface ChargeReport {
  /** Runs brought back from the database. */
  restored: number;
  /** The default run, if one is served. */
  defaultRun: string | undefined;
  /** This process's charge of the database, when it has one. */
  charge: Charge | undefined;
}

/** Builds what the console's operations work with; nothing is read from the database yet. */
export function buildControl(
  config: Pick<Config, 'publicUrl' | 'port'>,
  sources: ControlSources,
  items: ItemStore,
): Control {
  const time = sources.time ?? systemTimeSource;
  const now = (): number => Date.now();
  const hub = new EventEmitter<ControlHubEvents>();
  const store = sources.store;
  const drafts = new Drafts(
    now,
    store === undefined
      ? undefined
      : {
          run: (run, required) => store.runs.setRequireApproval(run, required),
          schedule: (id) => store.schedules.requireApproval(id),
        },
    items.of('draft'),
  );
  const codes = new JoinCodes(
    now,
    store === undefined
      ? undefined
      : { created: (c) => store.runs.insertCode(c), revoked: (id) => store.runs.revokeCode(id) },
  );
  const schedules = new RunSchedules({
    runs: sources.runs,
    scenario: (id) => findScenario(sources.library, id),
    onStarted: (schedule, run) => drafts.scheduleStarted(schedule.id, run.id),
    onError: (error, context) => sources.logger.error({ err: error, ...context }, 'a scheduled run failed to start'),
    ...(store === undefined ? {} : { persist: store.schedules }),
  });
  const notifications = new NotificationCenter(
    sources.runs,
    {
      publicUrl: config.publicUrl ?? `http://localhost:${config.port}`,
      time,
      onError: (error) => sources.logger.error({ err: error }, 'a notification failed'),
    },
    (run) => ({
      subscribers: runItems(items.of('subscriber'), run),
      outbox: runItems(items.of('outbox'), run),
      webhooks: runItems(items.of('webhook'), run),
      deliveries: runItems(items.of('delivery'), run),
    }),
  );
  notifications.onActivity((run) => hub.emit('changed', run));
  return {
    runs: sources.runs,
    library: sources.library,
    codes,
    sessions: new Sessions(now),
    drafts,
    schedules,
    notifications,
    notes: new Notes(items.of('note'), now),
    shares: new ReportShares(items.of('share'), now),
    publicUrl: config.publicUrl,
    hub,
    changed: (run) => hub.emit('changed', run),
    disconnect: (matches) => hub.emit('disconnect', matches),
  };
}

/**
 * Takes charge of the runs as `holder` (see the file's comment). Call it once per process, before
 * anything is written.
 */
export function takeCharge(
  config: Pick<Config, 'resume' | 'defaultScenario' | 'defaultSpeed'>,
  sources: ControlSources,
  control: Control,
  holder: string,
): ChargeReport {
  const { store, runs, library, logger } = sources;
  let restored = 0;
  let charge: Charge | undefined;
  if (store !== undefined) {
    charge = store.takeCharge(holder, Date.now());
    restored = restoreRuns({ store: store.runs, runs, library, resume: config.resume, logger }).length;
    control.codes.load(store.runs.liveCodes().filter((code) => runs.get(code.run) !== undefined));
    for (const run of store.runs.runsRequiringApproval()) control.drafts.setRequiresApproval(run, true);
    restoreSchedules(store, control, logger);
  }
  if (sources.defaultRun !== undefined && runs.get(sources.defaultRun) === undefined)
    startDefaultRun(runs, library, config);
  return { restored, defaultRun: runs.get(sources.defaultRun ?? '')?.id, charge };
}

/** Arms again the schedules kept from before a restart; a one-off start whose time passed meanwhile is reported and dropped. */
function restoreSchedules(store: Store, control: Control, logger: Logger): void {
  for (const saved of store.schedules.live()) {
    if (saved.input.kind === 'once' && saved.input.at <= Date.now()) {
      store.schedules.done(saved.id);
      logger.warn({ schedule: saved.id }, 'a one-off start came due while the server was down: it was not started');
      continue;
    }
    try {
      control.schedules.add(saved.input, saved);
      if (saved.requireApproval) control.drafts.setScheduleRequiresApproval(saved.id);
    } catch (error) {
      logger.error({ err: error, schedule: saved.id }, 'schedule not restored');
    }
  }
}
