/**
 * The registry's persistence, backed by the database: what runs record is written as they record
 * it, and the runs not ended come back at start-up.
 */
import { StorageError } from './storage-error.js';
import type { Logger } from '../logger.js';
import type { RunPersistence, RunRegistry } from '../runs/registry.js';
import type { LibraryEntry } from '../scenario/library.js';
import type { RunStore, StoredRun } from './run-store.js';

export { StorageError } from './storage-error.js';

/** Persistence for a registry, writing to `store`. */
export function storePersistence(store: RunStore, now: () => number = Date.now): RunPersistence {
  const guard = (write: () => void): void => {
    try {
      write();
    } catch (error) {
      throw new StorageError(error);
    }
  };
  return {
    created: (run) => guard(() => store.insertRun(run, now())),
    recorded: (run, record, clock) => guard(() => store.append(run, record, clock)),
    ended: (run, clock) => guard(() => store.endRun(run, now(), clock)),
  };
}

/**
 * Brings back every run the database holds that was not ended, as it would be now. A run whose
 * scenario is gone or broken stays in the database and is reported.
 */
export function restoreRuns(options: {
  store: RunStore;
  runs: RunRegistry;
  library: readonly LibraryEntry[];
  resume: 'playing' | 'paused';
  logger: Logger;
}): StoredRun[] {
  const restored: StoredRun[] = [];
  for (const saved of options.store.liveRuns()) {
    const entry = options.library.find((e) => e.id === saved.scenario);
    if (entry === undefined || !entry.result.ok) {
      options.logger.error(
        { run: saved.id, scenario: saved.scenario },
        'run not restored: its scenario is missing or invalid',
      );
      continue;
    }
    try {
      options.runs.create({
        id: saved.id,
        scenario: entry.result.scenario,
        mode: saved.mode,
        visibility: saved.visibility,
        speed: saved.clock.speed,
        restore: { log: saved.log, clock: saved.clock, resume: options.resume },
      });
      restored.push(saved);
    } catch (error) {
      options.logger.error({ err: error, run: saved.id }, 'run not restored');
    }
  }
  return restored;
}
