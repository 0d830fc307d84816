/**
 * The scenario library: every scenario file in a folder, loaded and checked. A broken file is
 * reported with its problems and never stops the others from loading.
 */
import { readdir } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { idFromFileName, loadScenarioFile, SCENARIO_EXTENSIONS, type LoadResult } from './load.js';

/** Files in a scenario folder that are not scenarios. */
const NOT_SCENARIOS = new Set(['schema.json']);

/** One file of the library with what loading it gave. */
export interface LibraryEntry {
  /** Path of the file. */
  file: string;
  /** Id implied by the file name. */
  id: string;
  result: LoadResult;
}

/** The scenario files of a folder, sorted by name. */
export async function listScenarioFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir);
  return names
    .filter((name) => (SCENARIO_EXTENSIONS as readonly string[]).includes(extname(name)) && !NOT_SCENARIOS.has(name))
    .sort()
    .map((name) => join(dir, name));
}

/**
 * Loads each file; files whose names give the same id (`a.yaml` and `a.json`) are all reported
 * as problems, since a scenario id must name one file.
 */
export async function loadScenarios(files: readonly string[]): Promise<LibraryEntry[]> {
  const entries = await Promise.all(
    files.map(async (file) => ({ file, id: idFromFileName(file), result: await loadScenarioFile(file) })),
  );
  const byId = new Map<string, LibraryEntry[]>();
  for (const entry of entries) byId.set(entry.id, [...(byId.get(entry.id) ?? []), entry]);
  return entries.map((entry) => {
    const clashes = (byId.get(entry.id) ?? []).filter((other) => other !== entry);
    if (clashes.length === 0) return entry;
    const clash = {
      file: entry.file,
      line: 0,
      column: 0,
      path: 'id',
      message: `scenario id "${entry.id}" is also given by ${clashes.map((c) => c.file).join(', ')}`,
    };
    const problems = entry.result.ok ? [clash] : [...entry.result.problems, clash];
    return { ...entry, result: { ok: false, problems } };
  });
}

/** Loads every scenario file of a folder. */
export async function loadLibrary(dir: string): Promise<LibraryEntry[]> {
  return loadScenarios(await listScenarioFiles(dir));
}
