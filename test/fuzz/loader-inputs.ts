/**
 * The scenario loader's fuzz inputs: each one is a real scenario of `scenarios/` with a few
 * structure-aware mutations, a few byte mutations, or both, drawn from the generator of its index.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { PROJECT_ROOT } from '../../server/config.js';
import { idFromFileName } from '../../server/scenario/load.js';
import { listScenarioFiles } from '../../server/scenario/library.js';
import { Rng } from './rng.js';
import { mutateStructure } from './scenario-mutations.js';
import { mutateBytes } from './byte-mutations.js';

/** A scenario the inputs start from. */
export interface CorpusFile {
  id: string;
  /** Its path as the loader is told it (relative to the project), so its id check holds. */
  file: string;
  bytes: Buffer;
}

/** One input of the loader. */
export interface LoaderInput {
  index: number;
  /** The scenario it was made from. */
  base: string;
  /** The file name the loader is given. */
  file: string;
  /** What was done to the scenario, in order. */
  did: string[];
  bytes: Buffer;
}

/** The shipped scenarios. */
export async function loadCorpus(dir = `${PROJECT_ROOT}/scenarios`): Promise<CorpusFile[]> {
  const files = await listScenarioFiles(dir);
  return files.map((path) => ({
    id: idFromFileName(path),
    file: relative(PROJECT_ROOT, path),
    bytes: readFileSync(path),
  }));
}

/** Input `index` of the run seeded `seed`. */
export function loaderInput(seed: number, index: number, corpus: readonly CorpusFile[]): LoaderInput {
  const rng = Rng.derive(seed, 'loader', index);
  const base = rng.pick(corpus);
  const others = corpus.filter((c) => c !== base).map((c) => c.bytes);
  const how = rng.weighted([
    ['structure', 55],
    ['bytes', 35],
    ['both', 10],
  ] as const);
  let bytes = base.bytes;
  const did: string[] = [];
  if (how !== 'bytes') {
    const mutated = mutateStructure(bytes.toString('utf8'), rng, rng.between(1, 3));
    if (mutated !== undefined) {
      bytes = Buffer.from(mutated.text, 'utf8');
      did.push(...mutated.did);
    }
  }
  if (how !== 'structure' || did.length === 0) {
    const mutated = mutateBytes(bytes, rng, rng.between(1, 4), others.length > 0 ? others : [base.bytes]);
    bytes = mutated.bytes;
    did.push(...mutated.did);
  }
  return { index, base: base.id, file: base.file, did, bytes };
}
