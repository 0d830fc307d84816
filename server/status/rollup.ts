/**
 * The page indicator, rolled up from channel statuses by Statuspage's rules. This is the one
 * place that decides what the top of a status page says.
 */
import type { Status } from '../scenario/vocabulary.js';

/** Statuspage's `status.indicator` values. */
export const INDICATORS = ['none', 'minor', 'major', 'critical', 'maintenance'] as const;
export type Indicator = (typeof INDICATORS)[number];

/** Statuspage's `status.description` phrases, one per roll-up outcome. */
export const PAGE_DESCRIPTIONS = [
  'All Systems Operational',
  'Partially Degraded Service',
  'Degraded System Service',
  'Minor Service Outage',
  'Partial System Outage',
  'Major System Outage',
  'Service Under Maintenance',
] as const;
export type PageDescription = (typeof PAGE_DESCRIPTIONS)[number];

/** The page's overall status, as `status.json` gives it. */
export interface PageStatus {
  indicator: Indicator;
  description: PageDescription;
}

/**
 * Rolls channel statuses up into the page status:
 * - every channel in major outage: critical, "Major System Outage";
 * - any channel in major outage: major, "Partial System Outage";
 * - any channel in partial outage: minor, "Minor Service Outage";
 * - every channel degraded: minor, "Degraded System Service";
 * - any channel degraded: minor, "Partially Degraded Service";
 * - any channel under maintenance: maintenance, "Service Under Maintenance";
 * - otherwise (including no channels): none, "All Systems Operational".
 * Incident impact does not enter: like Statuspage, the indicator is the component blend.
 */
export function rollUp(statuses: Iterable<Status>): PageStatus {
  const all = [...statuses];
  const count = (status: Status): number => all.filter((s) => s === status).length;
  const total = all.length;
  if (total > 0 && count('major_outage') === total)
    return { indicator: 'critical', description: 'Major System Outage' };
  if (count('major_outage') > 0) return { indicator: 'major', description: 'Partial System Outage' };
  if (count('partial_outage') > 0) return { indicator: 'minor', description: 'Minor Service Outage' };
  if (total > 0 && count('degraded_performance') === total)
    return { indicator: 'minor', description: 'Degraded System Service' };
  if (count('degraded_performance') > 0) return { indicator: 'minor', description: 'Partially Degraded Service' };
  if (count('under_maintenance') > 0) return { indicator: 'maintenance', description: 'Service Under Maintenance' };
  return { indicator: 'none', description: 'All Systems Operational' };
}
