/**
 * Failures written where a person can reproduce them: a loader input as the file it was (its
 * name gives the scenario's id, so `statusdrill validate` judges it as the loader did) beside a
 * note of what broke; a payload as JSON with its seed, index and the rule it broke.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { LoaderFailure } from './loader-fuzz.js';
import type { SurfaceFailure } from './tally.js';

/** Writes a loader failure under `dir`; returns the input's path. */
export async function writeLoaderFailure(dir: string, seed: number, failure: LoaderFailure): Promise<string> {
  const folder = join(dir, `loader-${failure.input.index}`);
  await mkdir(folder, { recursive: true });
  const file = join(folder, basename(failure.input.file));
  await writeFile(file, failure.input.bytes);
  const note = [
    `seed ${seed}, loader input ${failure.input.index}, made from ${failure.input.file} by:`,
    ...failure.input.did.map((d) => `  ${d}`),
    '',
    failure.reason,
    '',
    `again: npm run fuzz -- ${file}`,
    '',
  ].join('\n');
  await writeFile(join(folder, 'failure.txt'), note);
  return file;
}

/** Writes a payload failure of `part` (http, socket, raw) under `dir`; returns its path. */
export async function writeSurfaceFailure(
  dir: string,
  seed: number,
  part: string,
  failure: SurfaceFailure,
): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = join(dir, `${part}-${failure.index}.json`);
  const again = `FUZZ_SEED=${seed} FUZZ_ONLY=${part} npm run fuzz`;
  await writeFile(file, `${JSON.stringify({ seed, part, again, ...failure }, null, 2)}\n`);
  return file;
}
