/**
 * A scenario for the Statuspage API and feed tests: two groups, a channel with a description,
 * two incidents (one resolved through every stage, one left open for a day), an update that
 * keeps its stage and names no channel, a workaround, and texts with markup to escape.
 */
import type { Scenario } from '../../server/scenario/compile.js';
import type { Language } from '../../server/scenario/vocabulary.js';
import { statusModel, type StatusModel } from '../../server/status/status-model.js';
import { statuspageDocument, type SpSummary, type StatuspageEndpoint } from '../../server/status/statuspage.js';
import type { SpComponent, SpIncident } from '../../server/status/statuspage-objects.js';
import { edit, loadValid } from './scenario-fixture.js';
import { FACILITATOR, testRun } from './runs.js';

/** The scenario as YAML; its id is `api`. Story times are in Paris, Monday 5 January 2026 (CET). */
export const API_YAML = `schema: statusdrill/v1
id: api
title: { fr: 'Banque <Essai> & Cie', en: 'Bank <Test> & Co' }
summary: { fr: Essai de l'API., en: API test. }
timeZone: Europe/Paris
startsAt: 2026-01-05T06:00:00+01:00
endsAt: 2026-01-06T18:00:00+01:00
languages: [fr, en]
sources:
  - { id: S1, title: Dépêche, date: 2026-01-05 }
groups:
  - { id: online, organisation: Banque Essai, name: { fr: En ligne, en: Online }, description: { fr: Vos comptes, en: Your accounts } }
  - { id: pay, organisation: Banque Essai, name: { fr: Paiements, en: Payments } }
channels:
  - { id: web, group: online, name: { fr: Banque en ligne, en: Online banking }, description: { fr: Le site, en: The website } }
  - { id: app, group: online, name: { fr: Appli, en: App } }
  - { id: atm, group: pay, name: { fr: DAB, en: ATMs } }
timeline:
  - at: +1h
    actual: { web: major_outage }
    source: S1
  - at: +1h30m
    update:
      incident: outage
      title: { fr: Site indisponible, en: Website down }
      status: investigating
      impact: major
      channels: { web: major_outage }
      body: { fr: Nous enquêtons., en: We are investigating. }
      workaround: { fr: Utilisez l'appli., en: Use the app. }
  - at: +2h
    update:
      incident: outage
      status: investigating
      body: { fr: 'Toujours en cours <script>alert(1)</script>', en: 'Still ongoing <script>alert(1)</script>' }
  - at: +3h
    update:
      incident: outage
      status: identified
      channels: { app: degraded_performance }
      body: { fr: Cause identifiée., en: Cause identified. }
  - at: +4h
    update:
      incident: cash
      title: { fr: DAB en panne, en: Cash machines failing }
      status: investigating
      impact: minor
      channels: { atm: partial_outage }
      body: { fr: Certains DAB échouent., en: Some cash machines fail. }
  - at: +5h
    update:
      incident: outage
      status: monitoring
      channels: { web: operational, app: operational }
      body: { fr: Correctif appliqué., en: Fix applied. }
  - at: +6h
    update:
      incident: outage
      status: resolved
      body: { fr: Résolu., en: Resolved. }
  - at: +1d
    update:
      incident: cash
      status: resolved
      channels: { atm: operational }
      body: { fr: DAB rétablis., en: Cash machines back. }
`;

/** Story offsets of the scripted updates, by what they do. */
export const AT = {
  start: 0,
  firstUpdate: 90 * 60_000,
  sameStage: 2 * 3_600_000,
  identified: 3 * 3_600_000,
  cashOpened: 4 * 3_600_000,
  monitoring: 5 * 3_600_000,
  resolved: 6 * 3_600_000,
  cashResolved: 24 * 3_600_000,
} as const;

/** The same scenario with the cash machines under maintenance from the start. */
export const MAINTENANCE_YAML = edit(
  '{ id: atm, group: pay, name: { fr: DAB, en: ATMs } }',
  '{ id: atm, group: pay, name: { fr: DAB, en: ATMs }, initial: under_maintenance }',
  API_YAML,
);

/** The same scenario moved to Monday 6 July 2026, summer time (CEST, +02:00). */
export const SUMMER_YAML = edit(
  'endsAt: 2026-01-06T18:00:00+01:00',
  'endsAt: 2026-07-07T18:00:00+02:00',
  edit('startsAt: 2026-01-05T06:00:00+01:00', 'startsAt: 2026-07-06T06:00:00+02:00', API_YAML),
);

/** The scenario compiled from `yaml` (default: the API scenario). */
export function apiScenario(yaml: string = API_YAML): Scenario {
  return loadValid(yaml, 'scenarios/api.yaml');
}

/** The status model of a paused run of `yaml` (id `test`) at a story offset. */
export function apiModelAt(offsetMs: number, yaml: string = API_YAML): StatusModel {
  const { run } = testRun({ scenario: apiScenario(yaml) });
  try {
    if (offsetMs > 0) run.seek(offsetMs, FACILITATOR);
    return statusModel(run);
  } finally {
    run.close();
  }
}

/** The base URL the pure document and feed tests link under. */
export const SP_BASE = 'https://status.example.test';

/** A document of the model as a plain record, for key checks. */
export function spDoc(
  model: StatusModel,
  endpoint: StatuspageEndpoint,
  lang: Language = 'en',
): Record<string, unknown> {
  return statuspageDocument(model, endpoint, lang, SP_BASE) as Record<string, unknown>;
}

/** `summary.json` of the API scenario at a story offset. */
export function summaryAt(offsetMs: number, lang: Language = 'en'): SpSummary {
  return statuspageDocument(apiModelAt(offsetMs), 'summary.json', lang, SP_BASE) as SpSummary;
}

/** The incidents of `incidents.json` of the API scenario at a story offset. */
export function incidentsAt(offsetMs: number, lang: Language = 'en'): SpIncident[] {
  return (spDoc(apiModelAt(offsetMs), 'incidents.json', lang) as { incidents: SpIncident[] }).incidents;
}

/** The component called `name`; throws when there is none, so tests fail where they look. */
export function byName(components: readonly SpComponent[], name: string): SpComponent {
  const found = components.find((c) => c.name === name);
  if (found === undefined) throw new Error(`no component "${name}"`);
  return found;
}

/** Every Statuspage v2 endpoint with the keys of its envelope, in order (reference §2.1, §2.5). */
export const ENVELOPES: ReadonlyArray<{ name: StatuspageEndpoint; expected: string[] }> = [
  { name: 'summary.json', expected: ['page', 'components', 'incidents', 'scheduled_maintenances', 'status'] },
  { name: 'status.json', expected: ['page', 'status'] },
  { name: 'components.json', expected: ['page', 'components'] },
  { name: 'incidents.json', expected: ['page', 'incidents'] },
  { name: 'incidents/unresolved.json', expected: ['page', 'incidents'] },
  { name: 'scheduled-maintenances.json', expected: ['page', 'scheduled_maintenances'] },
  { name: 'scheduled-maintenances/upcoming.json', expected: ['page', 'scheduled_maintenances'] },
  { name: 'scheduled-maintenances/active.json', expected: ['page', 'scheduled_maintenances'] },
];
