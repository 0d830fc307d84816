/** The communication metrics as table rows: a label, a number and what it means against the policy. */
import type { CommsPolicy } from '../scenario/compile.js';
import { formatDuration } from '../scenario/time.js';
import type { CommunicationMetrics } from './metrics.js';
import type { ReportWords } from './report-words.js';

/** One row of the metrics table. */
export interface MetricRow {
  key: string;
  label: string;
  value: string;
  /** Against the policy, when it says something: `ok`, `bad` or absent. */
  verdict?: 'ok' | 'bad';
}

/** One channel's staleness. */
export interface StalenessRow {
  channel: string;
  name: string;
  staleFor: string;
  longest: string;
  atEnd: string;
}

const duration = (ms: number): string => formatDuration(Math.round(ms / 1000) * 1000);
const percent = (share: number | null, none: string): string =>
  share === null ? none : `${(Math.round(share * 1000) / 10).toString()} %`;

/** The metrics in words and numbers. */
export function metricRows(m: CommunicationMetrics, policy: CommsPolicy, w: ReportWords): MetricRow[] {
  const verdict = (ok: boolean | undefined): Pick<MetricRow, 'verdict'> =>
    ok === undefined ? {} : { verdict: ok ? 'ok' : 'bad' };
  const against = (ok: boolean | undefined, limitMs: number | undefined): string =>
    ok === undefined || limitMs === undefined ? '' : ` (${ok ? w.withinPolicy : w.late}, ≤ ${duration(limitMs)})`;
  const longest = m.gaps.gaps.reduce((max, g) => Math.max(max, g.gapMs), 0);
  const whatWorks = m.mentionsWhatWorks;
  const rows: MetricRow[] = [
    {
      key: 'time-to-first-update',
      label: w.timeToFirstUpdate,
      value:
        (m.timeToFirstUpdateMs === undefined ? w.notYet : duration(m.timeToFirstUpdateMs)) +
        against(m.firstUpdateWithinPolicy, policy.firstUpdateWithinMs),
      ...verdict(m.firstUpdateWithinPolicy),
    },
    {
      key: 'scoping-latency',
      label: w.scopingLatency,
      value:
        (m.scopingLatencyMs === undefined ? w.notYet : duration(m.scopingLatencyMs)) +
        against(m.scopingWithinPolicy, policy.scopingWithinMs),
      ...verdict(m.scopingWithinPolicy),
    },
    { key: 'updates', label: w.updatesPublished, value: String(m.updateCount) },
    {
      key: 'gaps-within-policy',
      label: w.gapsWithinPolicy,
      value: `${percent(m.gaps.withinPolicyShare, w.none)} (≤ ${duration(policy.maxGapMs)})`,
      ...verdict(m.gaps.withinPolicyShare === null ? undefined : m.gaps.withinPolicyShare === 1),
    },
    { key: 'longest-gap', label: w.longestGap, value: m.gaps.gaps.length === 0 ? w.none : duration(longest) },
  ];
  if (m.gaps.openGap !== undefined)
    rows.push({
      key: 'open-gap',
      label: w.openGap,
      value: duration(m.gaps.openGap.gapMs),
      ...verdict(m.gaps.openGap.withinPolicy),
    });
  rows.push(
    { key: 'accuracy-exact', label: w.accuracyExact, value: percent(m.accuracy.exact, w.none) },
    { key: 'accuracy-within-one', label: w.accuracyWithinOne, value: percent(m.accuracy.withinOneLevel, w.none) },
    {
      key: 'what-still-works',
      label: w.whatStillWorks,
      value: whatWorks.mentioned ? w.yes : w.no,
      verdict: whatWorks.mentioned ? 'ok' : 'bad',
    },
    {
      key: 'premature-resolutions',
      label: w.prematureResolutions,
      value: String(m.prematureResolution.length),
      verdict: m.prematureResolution.length === 0 ? 'ok' : 'bad',
    },
    {
      key: 'next-update-promised',
      label: w.nextUpdatePromised,
      value: percent(m.nextUpdatePromises.promisedShare, w.none),
    },
  );
  const counts = m.expectations.counts;
  rows.push({
    key: 'expectations',
    label: w.expectations,
    value: (['met', 'late', 'missed', 'pending'] as const)
      .map((s) => `${w.expectationStatus[s]}: ${counts[s]}`)
      .join(' · '),
    ...verdict(counts.missed + counts.late + counts.met === 0 ? undefined : counts.missed === 0),
  });
  return rows;
}

/** Staleness of each channel, in page order. */
export function stalenessRows(
  m: CommunicationMetrics,
  names: ReadonlyMap<string, string>,
  w: ReportWords,
): StalenessRow[] {
  return [...names].map(([channel, name]) => {
    const s = m.staleness[channel];
    return {
      channel,
      name,
      staleFor: s === undefined ? w.none : duration(s.staleMs),
      longest: s === undefined ? w.none : duration(s.longestStaleMs),
      atEnd: s?.staleAtEnd === true ? w.yes : w.no,
    };
  });
}
