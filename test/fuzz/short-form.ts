/**
 * What the short forms of the fuzz in `npm test` share with `npm run fuzz`: a fixed seed, so the
 * tests are the same on every run (the full fuzz draws a new seed each time), and failures turned
 * into a message that says where their inputs were written.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeLoaderFailure, writeSurfaceFailure } from './failure-files.js';
import type { LoaderFailure } from './loader-fuzz.js';
import type { SurfaceFailure } from './tally.js';

/** The seed of the short forms. */
export const SHORT_SEED = 20_251_222;

/** Where the short forms write their failures. */
export const SHORT_OUT = join(tmpdir(), 'statusdrill-fuzz', `test-${SHORT_SEED}`);

/** The failures of a loader run as one message, each input written to a file; empty when none. */
export async function loaderFailureMessage(failures: readonly LoaderFailure[]): Promise<string> {
  const lines: string[] = [];
  for (const failure of failures.slice(0, 10)) {
    const file = await writeLoaderFailure(SHORT_OUT, SHORT_SEED, failure);
    lines.push(`input ${failure.input.index} (${file}): ${failure.reason.split('\n').slice(0, 3).join(' ')}`);
  }
  return lines.join('\n');
}

/** The failures of a surface as one message, each payload written to a file; empty when none. */
export async function surfaceFailureMessage(part: string, failures: readonly SurfaceFailure[]): Promise<string> {
  const lines: string[] = [];
  for (const failure of failures.slice(0, 10)) {
    const file = await writeSurfaceFailure(SHORT_OUT, SHORT_SEED, part, failure);
    lines.push(`${failure.surface} ${failure.index}, ${failure.what} (${file}): ${failure.reason.slice(0, 300)}`);
  }
  return lines.join('\n');
}
