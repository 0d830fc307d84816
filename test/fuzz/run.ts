/**
 * `npm run fuzz`: the scenario loader on 10,000 mutated scenarios, then the control API and the
 * public routes, the `/control` and `/status` sockets and raw engine.io packets with a few
 * thousand invalid payloads, against one server. Prints the figures, writes every failure where
 * it can be reproduced, and exits 0 only when every check held.
 *
 * Knobs: FUZZ_SEED (printed; random when unset), FUZZ_LOADER (10000 inputs), FUZZ_HTTP (3000
 * requests), FUZZ_SOCKET (1500 events), FUZZ_RAW (300 connections), FUZZ_BOUND_MS (2000),
 * FUZZ_ONLY (a comma-separated choice of loader, http, socket, raw), FUZZ_OUT (where failures
 * go; a folder per seed in the system's temporary folder by default).
 * `npm run fuzz -- FILE...` judges the given files as the loader's fuzz judges its inputs.
 */
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { seedOf } from './rng.js';
import { TIME_BOUND_MS } from './loader-check.js';
import { fuzzLoader } from './loader-fuzz.js';
import { LoaderWatchdog } from './loader-watchdog.js';
import { startFuzzTarget } from './fuzz-target.js';
import { fuzzHttp } from './http-fuzz.js';
import { fuzzSockets } from './socket-fuzz.js';
import { fuzzRawPackets } from './raw-socket-fuzz.js';
import { loaderLines, tallyLines } from './figures.js';
import { writeLoaderFailure, writeSurfaceFailure } from './failure-files.js';
import type { Tally } from './tally.js';

const env = process.env;
const count = (name: string, fallback: number): number => {
  const value = Number(env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number, not ${env[name]}`);
  return value;
};
const print = (...lines: string[]): void => void process.stdout.write(`${lines.join('\n')}\n`);
const boundMs = count('FUZZ_BOUND_MS', TIME_BOUND_MS);

if (process.argv.length > 2) {
  // Judge given files, e.g. a failure's input written by an earlier run.
  const watchdog = new LoaderWatchdog(boundMs);
  let failed = false;
  for (const file of process.argv.slice(2)) {
    const verdict = await watchdog.judge(await readFile(file), relative(process.cwd(), file));
    failed ||= verdict.kind === 'failure';
    print(
      `${file}: ${verdict.kind} in ${verdict.ms.toFixed(0)} ms${verdict.kind === 'failure' ? `\n  ${verdict.reason}` : ''}`,
    );
  }
  await watchdog.close();
  process.exit(failed ? 1 : 0);
}

const seed = seedOf(env.FUZZ_SEED);
const parts = new Set((env.FUZZ_ONLY ?? 'loader,http,socket,raw').split(',').map((p) => p.trim()));
const out = join(env.FUZZ_OUT ?? join(tmpdir(), 'statusdrill-fuzz'), String(seed));
const failures: string[] = [];
// The server runs in this process: whatever escapes its handlers would have stopped it.
const escaped = (error: unknown): void => {
  failures.push(`escaped the server's handlers: ${error instanceof Error ? error.stack : String(error)}`);
};
process.on('uncaughtException', escaped);
process.on('unhandledRejection', escaped);
const seconds = (since: number): number => (performance.now() - since) / 1_000;

print(`statusdrill fuzz, seed ${seed} (FUZZ_SEED=${seed} runs it again), time bound ${boundMs} ms`, '');

if (parts.has('loader')) {
  const started = performance.now();
  const total = count('FUZZ_LOADER', 10_000);
  const figures = await fuzzLoader({
    seed,
    count: total,
    boundMs,
    onInput: (index) => {
      if ((index + 1) % 1_000 === 0 && index + 1 < total) print(`  loader: ${n(index + 1)} of ${n(total)}…`);
    },
  });
  print(...loaderLines(figures, boundMs, seconds(started)), '');
  for (const failure of figures.failures) {
    const file = await writeLoaderFailure(out, seed, failure);
    failures.push(`loader input ${failure.input.index} (${file}): ${failure.reason.split('\n')[0]}`);
  }
}

const surfaces = [
  {
    part: 'http',
    knob: 'FUZZ_HTTP',
    fallback: 3_000,
    words: { title: 'control API and public routes', unit: 'requests', per: 'per route', outcomes: 'status codes' },
    run: fuzzHttp,
  },
  {
    part: 'socket',
    knob: 'FUZZ_SOCKET',
    fallback: 1_500,
    words: { title: '/control and /status sockets', unit: 'events', per: 'per event', outcomes: 'answers' },
    run: fuzzSockets,
  },
  {
    part: 'raw',
    knob: 'FUZZ_RAW',
    fallback: 300,
    words: { title: 'raw engine.io packets', unit: 'packets', per: 'per kind', outcomes: 'connections' },
    run: fuzzRawPackets,
  },
].filter((s) => parts.has(s.part));
if (surfaces.length > 0) {
  const target = await startFuzzTarget();
  try {
    for (const surface of surfaces) {
      const started = performance.now();
      const tally: Tally = await surface.run({ seed, count: count(surface.knob, surface.fallback), target, boundMs });
      print(...tallyLines(surface.words, tally, seconds(started)), '');
      for (const failure of tally.failures) {
        const file = await writeSurfaceFailure(out, seed, surface.part, failure);
        failures.push(`${surface.part} ${failure.index} ${failure.surface} (${file}): ${failure.reason.slice(0, 200)}`);
      }
    }
  } finally {
    await target.close();
  }
}

if (failures.length === 0) {
  print('every check held');
} else {
  print(
    `${failures.length} failure(s), seed ${seed}; inputs and payloads written to ${out}`,
    ...failures.map((f) => `  ${f}`),
  );
}
process.exitCode = failures.length === 0 ? 0 : 1;

function n(value: number): string {
  return value.toLocaleString('en');
}
