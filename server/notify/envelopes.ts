/**
 * Statuspage's webhook envelopes for a run's changes: a component update carries `meta`, `page`,
 * `component` and `component_update`; an incident update carries `meta`, `page` and `incident`
 * (with its `incident_updates`). The objects come from the same builders as the v2 API, so a
 * webhook says what `summary.json` says; only the envelope and the key order of the component
 * (Statuspage's webhook order, not the API's) are made here.
 */
import { createHash } from 'node:crypto';
import type { Run } from '../replay/run.js';
import type { Language, Status } from '../scenario/vocabulary.js';
import { statusModel, type StatusModel } from '../status/status-model.js';
import { runPageUrl, spStatus, type SpIndicator } from '../status/statuspage.js';
import {
  spComponents,
  spIncident,
  spTime,
  type SpComponent,
  type SpContext,
  type SpIncident,
} from '../status/statuspage-objects.js';
import type { PageDescription } from '../status/rollup.js';
import type { ComponentChange, IncidentChange, PublicChange } from './changes.js';

/** Where the envelopes' `meta.documentation` points by default: the README's section on notifications. */
export const NOTIFICATIONS_DOCUMENTATION = 'README.md#simulated-notifications-and-webhooks';

/** `meta`: how to stop receiving, where the format is described, when the envelope was made. */
export interface WebhookMeta {
  unsubscribe: string;
  documentation: string;
  /** Wall time, ISO 8601 UTC. */
  generated_at: string;
}

/** `page` as webhooks describe it: the id and the rolled-up status. */
export interface WebhookPage {
  id: string;
  status_indicator: SpIndicator;
  status_description: PageDescription;
}

/** The component of a component update, in Statuspage's webhook key order, then the API's extra keys. */
export type WebhookComponent = Omit<SpComponent, 'components'>;

/** What changed in a component. */
export interface ComponentUpdate {
  old_status: Status;
  new_status: Status;
  /** Story time of the change. */
  created_at: string;
  component_type: 'Component';
  id: string;
  component_id: string;
}

/** The envelope of a component status change. */
export interface ComponentEnvelope {
  meta: WebhookMeta;
  page: WebhookPage;
  component: WebhookComponent;
  component_update: ComponentUpdate;
}

/** The envelope of a new incident update. */
export interface IncidentEnvelope {
  meta: WebhookMeta;
  page: WebhookPage;
  incident: SpIncident;
}

/** Any webhook envelope. */
export type WebhookEnvelope = ComponentEnvelope | IncidentEnvelope;

/** What envelopes need besides the model. */
export interface EnvelopeOptions {
  /** Base of the links (no trailing slash). */
  publicUrl: string;
  /** Wall time of `meta.generated_at`, ISO 8601. */
  generatedAt: string;
  /** `meta.documentation`. @default NOTIFICATIONS_DOCUMENTATION */
  documentation?: string;
  /** @default the scenario's first language */
  lang?: Language;
}

/**
 * The envelopes of `changes`, one per change in the same order, from the run's model now (the
 * state the changes led to). An incident is sent as it stands now, with every update published so
 * far; a change whose channel or incident the model no longer has gives no envelope.
 */
export function runEnvelopes(run: Run, changes: readonly PublicChange[], options: EnvelopeOptions): WebhookEnvelope[] {
  return modelEnvelopes(statusModel(run), changes, options);
}

/** The envelopes of `changes` from a status model; see `runEnvelopes`. */
export function modelEnvelopes(
  model: StatusModel,
  changes: readonly PublicChange[],
  options: EnvelopeOptions,
): WebhookEnvelope[] {
  const lang = options.lang ?? model.page.languages[0] ?? 'fr';
  const pageUrl = runPageUrl(options.publicUrl, model.run);
  const ctx: SpContext = { model, lang, pageUrl };
  const meta: WebhookMeta = {
    unsubscribe: `${pageUrl}#subscribe`,
    documentation: options.documentation ?? NOTIFICATIONS_DOCUMENTATION,
    generated_at: options.generatedAt,
  };
  const status = spStatus(model);
  const page: WebhookPage = {
    id: model.page.code,
    status_indicator: status.indicator,
    status_description: status.description,
  };
  return changes.flatMap((change): WebhookEnvelope[] => {
    const envelope =
      change.kind === 'component'
        ? componentEnvelope(ctx, change, meta, page)
        : incidentEnvelope(ctx, change, meta, page);
    return envelope === undefined ? [] : [envelope];
  });
}

/** The event name a delivery log gives an envelope. */
export function envelopeEvent(envelope: WebhookEnvelope): 'component_update' | 'incident_update' {
  return 'component_update' in envelope ? 'component_update' : 'incident_update';
}

function componentEnvelope(
  ctx: SpContext,
  change: ComponentChange,
  meta: WebhookMeta,
  page: WebhookPage,
): ComponentEnvelope | undefined {
  const code = ctx.model.channels.find((c) => c.id === change.channel)?.code;
  const component = spComponents(ctx).find((c) => c.id === code);
  if (component === undefined) return undefined;
  return {
    meta,
    page,
    component: webhookComponent(component),
    component_update: {
      old_status: change.old,
      new_status: change.new,
      created_at: spTime(ctx.model, change.atMs),
      component_type: 'Component',
      id: componentUpdateId(ctx.model.run, change),
      component_id: component.id,
    },
  };
}

function incidentEnvelope(
  ctx: SpContext,
  change: IncidentChange,
  meta: WebhookMeta,
  page: WebhookPage,
): IncidentEnvelope | undefined {
  const incident = ctx.model.incidents.find((i) => i.id === change.incident);
  return incident === undefined ? undefined : { meta, page, incident: spIncident(ctx, incident) };
}

/** An API component with its keys in webhook order (the order Statuspage's webhooks use). */
function webhookComponent(c: SpComponent): WebhookComponent {
  return {
    status: c.status,
    name: c.name,
    created_at: c.created_at,
    updated_at: c.updated_at,
    position: c.position,
    description: c.description,
    showcase: c.showcase,
    id: c.id,
    page_id: c.page_id,
    group_id: c.group_id,
    start_date: c.start_date,
    group: c.group,
    only_show_if_degraded: c.only_show_if_degraded,
  };
}

/** A stable 12-character id: the same change of the same run always has the same id. */
function componentUpdateId(run: string, change: ComponentChange): string {
  const key = `${run}\u0000component_update\u0000${change.channel}\u0000${change.atMs}\u0000${change.old}>${change.new}`;
  return createHash('sha256').update(key).digest('hex').slice(0, 12);
}
