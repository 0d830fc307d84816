/**
 * What the updates said against the truth at the time: whether customers were told what still
 * works, and whether an incident was declared over while a channel it named was still impaired.
 */
import { CLOSED_STAGES } from '../scenario/vocabulary.js';
import type { PublishedUpdate } from '../replay/state.js';
import { isImpaired, sampleAt, type RunSample } from './run-samples.js';

/** Whether the updates told customers what still works, and when first. */
export interface WhatWorksMention {
  mentioned: boolean;
  /** Offset and id of the first update that did. */
  firstAtMs?: number;
  updateId?: string;
  /** How it did: a workaround text, or a channel published operational while another was down. */
  via?: 'workaround' | 'operational-channel';
}

/** An incident marked resolved while a channel it named still did not work. */
export interface PrematureResolution {
  incident: string;
  updateId: string;
  resolvedAtMs: number;
  /** The channels the incident had named that were impaired in actual status then. */
  impairedChannels: string[];
  /** When a later update reopened the incident, if one did by the end. */
  reopenedAtMs?: number;
}

/**
 * The first update with a workaround text, or naming a channel as operational (as a change or a
 * confirmation) while another channel was impaired in actual status at that instant.
 */
export function whatWorksMention(updates: readonly PublishedUpdate[], samples: readonly RunSample[]): WhatWorksMention {
  for (const update of updates) {
    if (update.workaround !== undefined) {
      return { mentioned: true, firstAtMs: update.offsetMs, updateId: update.id, via: 'workaround' };
    }
    const working = update.affected.filter((a) => a.new === 'operational').map((a) => a.channel);
    if (working.length === 0) continue;
    const channels = sampleAt(samples, update.offsetMs)?.channels ?? {};
    const othersDown = Object.entries(channels).some(([id, c]) => !working.includes(id) && isImpaired(c.actual));
    if (othersDown)
      return { mentioned: true, firstAtMs: update.offsetMs, updateId: update.id, via: 'operational-channel' };
  }
  return { mentioned: false };
}

/**
 * Every move of an incident to a closed stage while a channel it had named by then was impaired
 * in actual status at that instant.
 */
export function prematureResolutions(
  updates: readonly PublishedUpdate[],
  samples: readonly RunSample[],
): PrematureResolution[] {
  const named = new Map<string, Set<string>>();
  const closed = new Map<string, boolean>();
  /** Per incident, the premature resolution in force, until a later update reopens it. */
  const standing = new Map<string, PrematureResolution>();
  const found: PrematureResolution[] = [];
  for (const update of updates) {
    const channels = named.get(update.incident) ?? new Set<string>();
    for (const a of update.affected) channels.add(a.channel);
    named.set(update.incident, channels);
    const wasClosed = closed.get(update.incident) ?? false;
    const isClosed = CLOSED_STAGES.has(update.stage);
    closed.set(update.incident, isClosed);
    const premature = standing.get(update.incident);
    if (wasClosed && !isClosed && premature !== undefined) {
      premature.reopenedAtMs = update.offsetMs;
      standing.delete(update.incident);
    }
    if (!isClosed || wasClosed) continue;
    const actual = sampleAt(samples, update.offsetMs)?.channels ?? {};
    const impaired = [...channels].filter((id) => {
      const channel = actual[id];
      return channel !== undefined && isImpaired(channel.actual);
    });
    if (impaired.length === 0) continue;
    const resolution: PrematureResolution = {
      incident: update.incident,
      updateId: update.id,
      resolvedAtMs: update.offsetMs,
      impairedChannels: impaired,
    };
    found.push(resolution);
    standing.set(update.incident, resolution);
  }
  return found;
}
