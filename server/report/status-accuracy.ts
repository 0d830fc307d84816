/**
 * How well the page told the truth: per channel, how long its published status differed from
 * its actual status (staleness), and the share of story time it matched, exactly or within one
 * severity level (accuracy). Computed over the constant stretches of a run.
 */
import { STATUS_RANK, type Status } from '../scenario/vocabulary.js';
import { stretches, type RunSample } from './run-samples.js';

/** How long a channel's page lagged the truth, over the whole run up to its end. */
export interface ChannelStaleness {
  /** Total story time the published status differed from the actual one. */
  staleMs: number;
  /** The longest unbroken stretch of such time, even if either status changed within it. */
  longestStaleMs: number;
  /** Whether the published status still differed from the actual one at the end. */
  staleAtEnd: boolean;
}

/** Shares of story time the page was right; null when the window holds no time. */
export interface AccuracyShares {
  /** Published status equal to actual status. */
  exact: number | null;
  /** Published status at most one severity level away from the actual one. */
  withinOneLevel: number | null;
}

/** Status accuracy over a window, over all channels and per channel. */
export interface StatusAccuracy extends AccuracyShares {
  /** Start of the window: the first impact, or zero if there was none. */
  fromMs: number;
  /** End of the window: the end of the run. */
  toMs: number;
  perChannel: Record<string, AccuracyShares>;
}

/** Staleness of every channel over `[0, endMs)`. */
export function channelStaleness(
  channelIds: readonly string[],
  samples: readonly RunSample[],
  endMs: number,
): Record<string, ChannelStaleness> {
  const result: Record<string, ChannelStaleness> = {};
  const parts = stretches(samples, 0, endMs);
  for (const id of channelIds) {
    let staleMs = 0;
    let longestStaleMs = 0;
    let run = 0;
    for (const { fromMs, toMs, sample } of parts) {
      const channel = sample.channels[id];
      if (channel !== undefined && channel.published !== channel.actual) {
        staleMs += toMs - fromMs;
        run += toMs - fromMs;
        longestStaleMs = Math.max(longestStaleMs, run);
      } else {
        run = 0;
      }
    }
    const last = samples.at(-1)?.channels[id];
    result[id] = { staleMs, longestStaleMs, staleAtEnd: last !== undefined && last.published !== last.actual };
  }
  return result;
}

/** Accuracy of the page over `[fromMs, endMs)`, every channel weighing the same. */
export function statusAccuracy(
  channelIds: readonly string[],
  samples: readonly RunSample[],
  fromMs: number,
  endMs: number,
): StatusAccuracy {
  const windowMs = Math.max(0, endMs - fromMs);
  const parts = stretches(samples, fromMs, endMs);
  const perChannel: Record<string, AccuracyShares> = {};
  let exactMs = 0;
  let nearMs = 0;
  for (const id of channelIds) {
    let channelExact = 0;
    let channelNear = 0;
    for (const { fromMs: from, toMs: to, sample } of parts) {
      const channel = sample.channels[id];
      if (channel === undefined) continue;
      if (channel.published === channel.actual) channelExact += to - from;
      if (levelsApart(channel.published, channel.actual) <= 1) channelNear += to - from;
    }
    exactMs += channelExact;
    nearMs += channelNear;
    perChannel[id] = { exact: share(channelExact, windowMs), withinOneLevel: share(channelNear, windowMs) };
  }
  const totalMs = windowMs * channelIds.length;
  return { fromMs, toMs: endMs, exact: share(exactMs, totalMs), withinOneLevel: share(nearMs, totalMs), perChannel };
}

function levelsApart(a: Status, b: Status): number {
  return Math.abs(STATUS_RANK[a] - STATUS_RANK[b]);
}

/** `part / whole`, or null when `whole` is zero. */
export function share(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}
