/**
 * The loader's fuzz: `count` inputs of a seeded run through the loader behind its watchdog, with
 * the figures of what happened and every input that broke a rule.
 */
import { loadCorpus, loaderInput, type CorpusFile, type LoaderInput } from './loader-inputs.js';
import { LoaderWatchdog } from './loader-watchdog.js';
import type { LoaderVerdict } from './loader-check.js';
import { STOP_AFTER_FAILURES } from './tally.js';

/** An input that broke a rule, and which. */
export interface LoaderFailure {
  input: LoaderInput;
  reason: string;
}

/** What a loader fuzz run did. */
export interface LoaderFigures {
  seed: number;
  tried: number;
  /** Inputs the loader called valid (and that held up as such). */
  valid: number;
  /** Inputs answered with located problems. */
  located: number;
  failures: LoaderFailure[];
  /** The slowest input: its index, time and what was done to it. */
  slowest: { index: number; ms: number; did: string[] };
  totalMs: number;
  /** Workers started again after a hang or a crash. */
  restarts: number;
  /** How many inputs each kind of mutation took part in. */
  mutations: Record<string, number>;
}

/** Options of a run. */
export interface LoaderFuzzOptions {
  seed: number;
  count: number;
  /** The most the loader may take on one input. */
  boundMs: number;
  corpus?: CorpusFile[];
  /** Called after each input, e.g. for progress. */
  onInput?: (index: number) => void;
}

/**
 * The verdict on an input; one over the bound is judged twice more and stands only if every time
 * is over it. On a machine shared with others a loaded moment can stretch a 300 ms load past two
 * seconds; the super-linear cases the bound is for are slow every time.
 */
async function judgeTwiceIfSlow(watchdog: LoaderWatchdog, input: LoaderInput): Promise<LoaderVerdict> {
  let verdict = await watchdog.judge(input.bytes, input.file);
  for (let again = 0; again < 2 && verdict.kind === 'failure' && verdict.timing === true; again++) {
    const next = await watchdog.judge(input.bytes, input.file);
    verdict =
      next.kind === 'failure' && next.timing === true
        ? { ...verdict, reason: `${verdict.reason}, then ${next.ms.toFixed(0)} ms` }
        : next;
  }
  return verdict;
}

/** Runs the loader's fuzz. */
export async function fuzzLoader(options: LoaderFuzzOptions): Promise<LoaderFigures> {
  const corpus = options.corpus ?? (await loadCorpus());
  const watchdog = new LoaderWatchdog(options.boundMs);
  const figures: LoaderFigures = {
    seed: options.seed,
    tried: 0,
    valid: 0,
    located: 0,
    failures: [],
    slowest: { index: -1, ms: 0, did: [] },
    totalMs: 0,
    restarts: 0,
    mutations: {},
  };
  try {
    for (let index = 0; index < options.count && figures.failures.length < STOP_AFTER_FAILURES; index++) {
      const input = loaderInput(options.seed, index, corpus);
      const verdict = await judgeTwiceIfSlow(watchdog, input);
      figures.tried += 1;
      for (const family of new Set(input.did.map((d) => d.split(' ')[0]!))) {
        figures.mutations[family] = (figures.mutations[family] ?? 0) + 1;
      }
      if (Number.isFinite(verdict.ms)) {
        figures.totalMs += verdict.ms;
        if (verdict.ms > figures.slowest.ms) figures.slowest = { index, ms: verdict.ms, did: input.did };
      }
      if (verdict.kind === 'valid') figures.valid += 1;
      else if (verdict.kind === 'problems') figures.located += 1;
      else figures.failures.push({ input, reason: verdict.reason });
      options.onInput?.(index);
    }
  } finally {
    figures.restarts = watchdog.restarts;
    await watchdog.close();
  }
  return figures;
}
