/**
 * The documents of Statuspage's public API v2 (`summary.json`, `status.json`, …), built from a
 * run's status model so that status-page clients, exporters and widgets read a simulated run
 * unchanged. Pure: no clock, no transport. What a document says depends only on the model.
 */
import type { Language } from '../scenario/vocabulary.js';
import type { Indicator, PageDescription } from './rollup.js';
import type { IncidentModel, StatusModel } from './status-model.js';
import {
  spComponents,
  spIncident,
  spPage,
  type SpComponent,
  type SpContext,
  type SpIncident,
  type SpPage,
} from './statuspage-objects.js';

/** The paths under `/api/v2/` statusdrill serves, as Statuspage names them. */
export const STATUSPAGE_ENDPOINTS = [
  'summary.json',
  'status.json',
  'components.json',
  'incidents.json',
  'incidents/unresolved.json',
  'scheduled-maintenances.json',
  'scheduled-maintenances/upcoming.json',
  'scheduled-maintenances/active.json',
] as const;
/** One of those paths. */
export type StatuspageEndpoint = (typeof STATUSPAGE_ENDPOINTS)[number];

/** The indicators every Statuspage client accepts (the documented four). */
export type SpIndicator = 'none' | 'minor' | 'major' | 'critical';

/**
 * The API's indicator for each roll-up outcome. `maintenance`, which Statuspage emits but does
 * not document and which strict validators (OpenStatus's, for one) reject, reads `none`; the
 * description still says "Service Under Maintenance".
 */
export const API_INDICATOR: Record<Indicator, SpIndicator> = {
  none: 'none',
  minor: 'minor',
  major: 'major',
  critical: 'critical',
  maintenance: 'none',
};

/** The `status` object. */
export interface SpStatus {
  indicator: SpIndicator;
  description: PageDescription;
}

/**
 * A scheduled maintenance. Scenarios script none, so lists are always empty; the type keeps the
 * envelopes honest.
 */
export type SpMaintenance = SpIncident & { scheduled_for: string; scheduled_until: string };

/** `summary.json`: everything at once, unresolved incidents only. */
export interface SpSummary {
  page: SpPage;
  components: SpComponent[];
  incidents: SpIncident[];
  scheduled_maintenances: SpMaintenance[];
  status: SpStatus;
}

/** Any document of the API: `page`, then the endpoint's own fields. */
export type SpDocument =
  | SpSummary
  | { page: SpPage; status: SpStatus }
  | { page: SpPage; components: SpComponent[] }
  | { page: SpPage; incidents: SpIncident[] }
  | { page: SpPage; scheduled_maintenances: SpMaintenance[] };

/** Statuspage's `incidents.json` returns at most this many recent incidents. */
export const RECENT_INCIDENTS = 50;

/** Whether a path under `/api/v2/` is one statusdrill serves. */
export function isStatuspageEndpoint(path: string): path is StatuspageEndpoint {
  return (STATUSPAGE_ENDPOINTS as readonly string[]).includes(path);
}

/** The run's public page, `<base>/r/<run>`, the `page.url` of its documents. */
export function runPageUrl(baseUrl: string, run: string): string {
  return `${baseUrl}/r/${encodeURIComponent(run)}`;
}

/** The page status as strict clients accept it: the roll-up, its indicator through `API_INDICATOR`. */
export function spStatus(model: StatusModel): SpStatus {
  return { indicator: API_INDICATOR[model.status.indicator], description: model.status.description };
}

/** The document one endpoint answers, in `lang`, with links under `baseUrl` (no trailing slash). */
export function statuspageDocument(
  model: StatusModel,
  endpoint: StatuspageEndpoint,
  lang: Language,
  baseUrl: string,
): SpDocument {
  const ctx: SpContext = { model, lang, pageUrl: runPageUrl(baseUrl, model.run) };
  const page = spPage(ctx);
  const incidents = (which: IncidentModel[]): SpIncident[] => which.map((i) => spIncident(ctx, i));
  switch (endpoint) {
    case 'summary.json':
      return {
        page,
        components: spComponents(ctx),
        incidents: incidents(unresolved(model)),
        scheduled_maintenances: [],
        status: spStatus(model),
      };
    case 'status.json':
      return { page, status: spStatus(model) };
    case 'components.json':
      return { page, components: spComponents(ctx) };
    case 'incidents.json':
      return { page, incidents: incidents(newestFirst(model.incidents).slice(0, RECENT_INCIDENTS)) };
    case 'incidents/unresolved.json':
      return { page, incidents: incidents(unresolved(model)) };
    case 'scheduled-maintenances.json':
    case 'scheduled-maintenances/upcoming.json':
    case 'scheduled-maintenances/active.json':
      return { page, scheduled_maintenances: [] };
  }
}

/** Incidents by start, newest first (ties keep the model's order). */
export function newestFirst(incidents: readonly IncidentModel[]): IncidentModel[] {
  return [...incidents].sort((a, b) => b.startedAtMs - a.startedAtMs);
}

function unresolved(model: StatusModel): IncidentModel[] {
  return newestFirst(model.incidents.filter((i) => i.open));
}
