/**
 * A scenario state as plain JSON for tools: `statusdrill state --json` prints this. Times are
 * ISO 8601 in the scenario's zone; texts keep every language.
 */
import type { Scenario } from '../scenario/compile.js';
import type { LocalizedText } from '../scenario/schema.js';
import type { Impact, Mode, Stage, Status } from '../scenario/vocabulary.js';
import { formatDuration, formatInZone } from '../scenario/time.js';
import { openIncidents, pageStatus } from '../replay/reducer.js';
import type { ScenarioState } from '../replay/state.js';
import type { Indicator, PageDescription } from './rollup.js';

/** The JSON shape of a state summary. */
export interface StateSummary {
  scenario: string;
  mode: Mode;
  at: string;
  offset: string;
  indicator: Indicator;
  description: PageDescription;
  channels: Record<string, { actual: Status; published: Status }>;
  incidents: Array<{
    id: string;
    title: LocalizedText;
    status: Stage;
    impact: Impact;
    startedAt: string;
    channels: string[];
    latestUpdate: { at: string; status: Stage; body: LocalizedText; workaround?: LocalizedText } | null;
  }>;
}

/** Summarises `state` of `scenario`: channels in page order, open incidents with their latest update. */
export function summarizeState(scenario: Scenario, state: ScenarioState): StateSummary {
  const iso = (offsetMs: number): string => formatInZone(scenario.startsAtMs + offsetMs, scenario.timeZone);
  const { indicator, description } = pageStatus(state);
  const channels: StateSummary['channels'] = {};
  for (const channel of scenario.file.channels) {
    const s = state.channels[channel.id];
    if (s !== undefined) channels[channel.id] = { actual: s.actual, published: s.published };
  }
  return {
    scenario: scenario.id,
    mode: state.mode,
    at: iso(state.offsetMs),
    offset: `+${formatDuration(state.offsetMs)}`,
    indicator,
    description,
    channels,
    incidents: openIncidents(state).map((incident) => {
      const latest = incident.updates[0];
      return {
        id: incident.id,
        title: incident.title,
        status: incident.stage,
        impact: incident.impact,
        startedAt: iso(incident.startedAtMs),
        channels: incident.channels,
        latestUpdate:
          latest === undefined
            ? null
            : {
                at: iso(latest.offsetMs),
                status: latest.stage,
                body: latest.body,
                ...(latest.workaround === undefined ? {} : { workaround: latest.workaround }),
              },
      };
    }),
  };
}
