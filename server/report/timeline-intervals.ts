/**
 * A run's channels as intervals of story time over which both the actual and the published
 * status held: the rows of the timeline CSV and the segments of the chart.
 */
import type { Scenario } from '../scenario/compile.js';
import type { Mode, Status } from '../scenario/vocabulary.js';
import type { RecordedAction } from '../replay/actions.js';
import { sampleRun, stretches } from './run-samples.js';

/** One channel holding one actual and one published status over `[fromMs, toMs)`. */
export interface ChannelInterval {
  channel: string;
  fromMs: number;
  toMs: number;
  actual: Status;
  published: Status;
}

/** Every channel's intervals up to `endMs`, channel by channel in page order, merged where nothing changed. */
export function channelIntervals(
  scenario: Scenario,
  mode: Mode,
  actions: readonly RecordedAction[],
  endMs: number,
): ChannelInterval[] {
  const { samples } = sampleRun(scenario, mode, actions, endMs);
  const parts = stretches(samples, 0, endMs);
  const out: ChannelInterval[] = [];
  for (const channel of Object.keys(scenario.initialStatuses)) {
    let open: ChannelInterval | undefined;
    for (const part of parts) {
      const state = part.sample.channels[channel];
      if (state === undefined) continue;
      if (open !== undefined && open.actual === state.actual && open.published === state.published) {
        open.toMs = part.toMs;
        continue;
      }
      open = { channel, fromMs: part.fromMs, toMs: part.toMs, actual: state.actual, published: state.published };
      out.push(open);
    }
  }
  return out;
}
