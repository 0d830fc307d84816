/**
 * The run `npm start` serves with no configuration: the default scenario, replayed from its
 * first entry at the default speed, public, with the scenario's id as its id.
 */
import type { Config } from '../config.js';
import type { LibraryEntry } from '../scenario/library.js';
import { SYSTEM } from '../replay/run-log.js';
import type { Run } from '../replay/run.js';
import type { RunRegistry } from './registry.js';

/** Starts the default run, or returns undefined when the default scenario is missing or invalid. */
export function startDefaultRun(
  runs: RunRegistry,
  library: readonly LibraryEntry[],
  config: Pick<Config, 'defaultScenario' | 'defaultSpeed'>,
): Run | undefined {
  const entry = library.find((e) => e.id === config.defaultScenario);
  if (entry === undefined || !entry.result.ok) return undefined;
  const scenario = entry.result.scenario;
  return runs.create({
    scenario,
    id: scenario.id,
    mode: 'replay',
    speed: config.defaultSpeed,
    visibility: 'public',
    startAtMs: scenario.entries[0]?.offsetMs ?? 0,
    playAs: SYSTEM,
  });
}
