/**
 * The fuzzer's only source of chance: a small deterministic generator (mulberry32). Every input
 * is drawn from a generator derived from the run's seed, its stream and its index, so one seed
 * reproduces a whole run and (seed, stream, index) reproduces one input on its own.
 */
import { randomInt } from 'node:crypto';

/** A seeded random source. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** The generator of input `index` of `stream` (`loader`, `http`…) in a run seeded `seed`. */
  static derive(seed: number, stream: string, index: number): Rng {
    return new Rng(mix(mix(seed ^ hashString(stream)) + index));
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** An integer in [min, max]. */
  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  /** Sizes spread over orders of magnitude: small ones often, huge ones sometimes. */
  size(max: number): number {
    return Math.floor(Math.exp(this.next() * Math.log(max + 1)));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One item of a non-empty list. */
  pick<T>(list: readonly T[]): T {
    if (list.length === 0) throw new Error('pick from an empty list');
    return list[this.int(list.length)]!;
  }

  /** One item, each with its weight. */
  weighted<T>(entries: ReadonlyArray<readonly [T, number]>): T {
    const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.next() * total;
    for (const [item, weight] of entries) {
      roll -= weight;
      if (roll < 0) return item;
    }
    return entries[entries.length - 1]![0];
  }
}

/** The run's seed: `FUZZ_SEED` when it is set (decimal or 0x hex), else a fresh one to print. */
export function seedOf(text: string | undefined): number {
  if (text === undefined || text.trim() === '') return randomInt(2 ** 32);
  const seed = Number(text.trim());
  if (!Number.isInteger(seed) || seed < 0 || seed >= 2 ** 32)
    throw new Error(`FUZZ_SEED must be an integer from 0 to 4294967295, not ${JSON.stringify(text)}`);
  return seed;
}

function mix(value: number): number {
  let h = value >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
