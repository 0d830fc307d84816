/**
 * The objects of Statuspage's public API v2 (page, component, incident, incident update), built
 * from the status model with the field names, order and enums real Statuspage payloads use.
 */
import type { Impact, Language, Stage, Status } from '../scenario/vocabulary.js';
import { formatInZone, formatTimestampInZone } from '../scenario/time.js';
import { pick } from './i18n.js';
import type { ChannelModel, GroupModel, IncidentModel, StatusModel, UpdateModel } from './status-model.js';

/** `page`: who the payload is about. */
export interface SpPage {
  id: string;
  name: string;
  url: string;
  time_zone: string;
  updated_at: string;
}

/** A component or, with `group: true` and `components`, a group container. */
export interface SpComponent {
  id: string;
  name: string;
  status: Status;
  created_at: string;
  updated_at: string;
  position: number;
  description: string | null;
  showcase: boolean;
  start_date: string | null;
  group_id: string | null;
  page_id: string;
  group: boolean;
  only_show_if_degraded: boolean;
  components?: string[];
}

/** One change of a component an update announced. */
export interface SpAffectedComponent {
  code: string;
  name: string;
  old_status: Status;
  new_status: Status;
}

/** An incident update. */
export interface SpIncidentUpdate {
  id: string;
  status: Stage;
  body: string;
  incident_id: string;
  created_at: string;
  updated_at: string;
  display_at: string;
  affected_components: SpAffectedComponent[] | null;
  deliver_notifications: boolean;
  custom_tweet: string | null;
  tweet_id: string | null;
}

/** An incident, its updates newest first. */
export interface SpIncident {
  id: string;
  name: string;
  status: Stage;
  created_at: string;
  updated_at: string;
  monitoring_at: string | null;
  resolved_at: string | null;
  impact: Impact;
  shortlink: string;
  started_at: string;
  page_id: string;
  incident_updates: SpIncidentUpdate[];
  components: SpComponent[];
}

/** What every object builder needs: the model, the language, and where the run's page lives. */
export interface SpContext {
  model: StatusModel;
  lang: Language;
  /** The run's page, `<base>/r/<run>`. */
  pageUrl: string;
}

/** A story offset as a Statuspage timestamp: milliseconds and the page zone's offset. */
export function spTime(model: StatusModel, offsetMs: number): string {
  return formatTimestampInZone(model.page.startsAtMs + offsetMs, model.page.timeZone);
}

/** The `page` object. */
export function spPage({ model, lang, pageUrl }: SpContext): SpPage {
  return {
    id: model.page.code,
    name: pick(model.page.name, lang),
    url: pageUrl,
    time_zone: model.page.timeZone,
    updated_at: spTime(model, model.page.updatedAtMs),
  };
}

/** Every component in page order: each group container, then its children. */
export function spComponents(ctx: SpContext): SpComponent[] {
  return ctx.model.groups.flatMap((group) => [
    groupComponent(ctx, group),
    ...group.channels.map((channel) => channelComponent(ctx, channel, group)),
  ]);
}

/** The incident object, with the full component objects of the channels it named. */
export function spIncident(ctx: SpContext, incident: IncidentModel): SpIncident {
  const { model } = ctx;
  const createdAt = spTime(model, incidentCreatedAtMs(incident));
  const named = new Set(incident.channels);
  return {
    id: incident.code,
    name: pick(incident.title, ctx.lang),
    status: incident.stage,
    created_at: createdAt,
    updated_at: spTime(model, incident.updatedAtMs),
    monitoring_at: incident.monitoringAtMs === undefined ? null : spTime(model, incident.monitoringAtMs),
    resolved_at: incident.resolvedAtMs === undefined ? null : spTime(model, incident.resolvedAtMs),
    impact: incident.impact,
    shortlink: `${ctx.pageUrl}#incident-${incident.code}`,
    started_at: createdAt,
    page_id: model.page.code,
    incident_updates: incident.updates.map((update) => spUpdate(ctx, incident, update)),
    components: model.groups.flatMap((group) =>
      group.channels.filter((c) => named.has(c.id)).map((c) => channelComponent(ctx, c, group)),
    ),
  };
}

/** When an incident was created: its first update (Statuspage's `created_at` and `started_at`). */
export function incidentCreatedAtMs(incident: IncidentModel): number {
  return incident.updates[incident.updates.length - 1]?.atMs ?? incident.startedAtMs;
}

/** An update's text in `lang`, its workaround (if any) after a blank line. */
export function updateBody(update: UpdateModel, lang: Language): string {
  const body = pick(update.body, lang);
  return update.workaround === undefined ? body : `${body}\n\n${pick(update.workaround, lang)}`;
}

function spUpdate(ctx: SpContext, incident: IncidentModel, update: UpdateModel): SpIncidentUpdate {
  const at = spTime(ctx.model, update.atMs);
  const affected = update.affected.map((a) => ({
    code: a.code,
    name: affectedName(ctx, a.channel),
    old_status: a.old,
    new_status: a.new,
  }));
  return {
    id: update.code,
    status: update.stage,
    body: updateBody(update, ctx.lang),
    incident_id: incident.code,
    created_at: at,
    updated_at: at,
    display_at: at,
    affected_components: affected.length === 0 ? null : affected,
    deliver_notifications: true,
    custom_tweet: null,
    tweet_id: null,
  };
}

/** "Group - Channel", the way Statuspage names a grouped component in `affected_components`. */
function affectedName({ model, lang }: SpContext, channelId: string): string {
  const channel = model.channels.find((c) => c.id === channelId);
  if (channel === undefined) return channelId;
  const group = model.groups.find((g) => g.id === channel.group);
  const name = pick(channel.name, lang);
  return group === undefined ? name : `${pick(group.name, lang)} - ${name}`;
}

function groupComponent({ model, lang }: SpContext, group: GroupModel): SpComponent {
  return {
    id: group.code,
    name: pick(group.name, lang),
    status: group.status,
    created_at: spTime(model, 0),
    updated_at: spTime(model, group.sinceMs),
    position: group.position,
    description: group.description === undefined ? null : pick(group.description, lang),
    showcase: false,
    // Statuspage leaves a group container's start date empty; its children carry one.
    start_date: null,
    group_id: null,
    page_id: model.page.code,
    group: true,
    only_show_if_degraded: false,
    components: group.channels.map((c) => c.code),
  };
}

function channelComponent({ model, lang }: SpContext, channel: ChannelModel, group: GroupModel): SpComponent {
  return {
    id: channel.code,
    name: pick(channel.name, lang),
    status: channel.status,
    created_at: spTime(model, 0),
    updated_at: spTime(model, channel.sinceMs),
    position: channel.position,
    description: channel.description === undefined ? null : pick(channel.description, lang),
    showcase: true,
    start_date: formatInZone(model.page.startsAtMs, model.page.timeZone).slice(0, 10),
    group_id: group.code,
    page_id: model.page.code,
    group: false,
    only_show_if_degraded: false,
  };
}
