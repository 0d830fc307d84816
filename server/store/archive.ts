/**
 * Ended runs, found again in the database for their after-action report: a run is rebuilt from its
 * log, closed, with its clock where it stopped.
 */
import { Run } from '../replay/run.js';
import type { TimeSource } from '../replay/time-source.js';
import type { EndedRunInfo, RunArchive } from '../runs/registry.js';
import type { LibraryEntry } from '../scenario/library.js';
import type { RunStore } from './run-store.js';

/** The archive of `store`'s ended runs, whose scenarios come from `library`. */
export function storeArchive(store: RunStore, library: readonly LibraryEntry[], time: TimeSource): RunArchive {
  return {
    list: (limit) => store.endedRuns(limit).map(info),
    load: (id) => {
      const saved = store.endedRun(id);
      if (saved === undefined) return undefined;
      const entry = library.find((e) => e.id === saved.scenario);
      if (entry === undefined || !entry.result.ok) return undefined;
      const scenario = entry.result.scenario;
      const clock = saved.clock;
      // Runs ended before their stopped clock was kept: the story stood where it had got to then.
      const offset = clock.playing
        ? clock.anchorOffsetMs + (saved.endedMs - clock.anchorWallMs) * clock.speed
        : clock.anchorOffsetMs;
      const run = new Run({
        id: saved.id,
        scenario,
        mode: saved.mode,
        time,
        speed: clock.speed,
        visibility: saved.visibility,
        restore: {
          log: saved.log,
          clock: { ...clock, playing: false, anchorOffsetMs: Math.round(Math.min(offset, scenario.durationMs)) },
          resume: 'playing',
        },
      });
      run.close();
      return { run, info: info(saved) };
    },
  };
}

function info(row: EndedRunInfo): EndedRunInfo {
  const { id, scenario, mode, createdMs, endedMs } = row;
  return { id, scenario, mode, createdMs, endedMs };
}
