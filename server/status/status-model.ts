/**
 * The one view model of a run's public state. The status page, the Statuspage v2 API and the
 * history feeds are all rendered from it; nothing is computed twice. Texts stay in every language
 * and times stay as story offsets: each renderer picks its language and formats its times.
 */
import type { LocalizedText, LabelText } from '../scenario/schema.js';
import type { Impact, Language, Stage, Status, Wording } from '../scenario/vocabulary.js';
import { CLOSED_STAGES, STATUS_RANK } from '../scenario/vocabulary.js';
import type { Run } from '../replay/run.js';
import type { Origin } from '../replay/state.js';
import { publicState, type ClockView } from '../replay/run-views.js';
import type { PageStatus } from './rollup.js';
import { publicCode } from './codes.js';

/** A channel as the public sees it. */
export interface ChannelModel {
  id: string;
  /** Stable 12-character public id. */
  code: string;
  group: string;
  name: LocalizedText;
  description: LocalizedText | undefined;
  status: Status;
  sinceMs: number;
  /** Position within its group, from 1. */
  position: number;
  /** Published statuses in story order, from offset zero. */
  history: ReadonlyArray<{ offsetMs: number; status: Status }>;
}

/** A group of channels, with the worst status among them. */
export interface GroupModel {
  id: string;
  code: string;
  name: LocalizedText;
  description: LocalizedText | undefined;
  organisation: string;
  status: Status;
  sinceMs: number;
  position: number;
  channels: ChannelModel[];
}

/** One public update of an incident. */
export interface UpdateModel {
  id: string;
  code: string;
  stage: Stage;
  atMs: number;
  body: LocalizedText;
  workaround: LocalizedText | undefined;
  affected: Array<{ channel: string; code: string; old: Status; new: Status }>;
  nextUpdateAtMs: number | undefined;
  publisher: LabelText | undefined;
  wording: Wording | undefined;
  originalLanguage: Language | undefined;
  origin: Origin;
}

/** A public incident, its updates newest first. */
export interface IncidentModel {
  id: string;
  code: string;
  title: LocalizedText;
  impact: Impact;
  stage: Stage;
  open: boolean;
  startedAtMs: number;
  updatedAtMs: number;
  monitoringAtMs: number | undefined;
  resolvedAtMs: number | undefined;
  /** Channel ids the updates named. */
  channels: string[];
  updates: UpdateModel[];
}

/** Everything a viewer may see of a run, at one version. */
export interface StatusModel {
  run: string;
  /** The run object's instance: versions count within it (see `PublicRun.instance`). */
  instance: string;
  scenario: string;
  version: number;
  page: {
    code: string;
    name: LocalizedText;
    summary: LocalizedText;
    marking: LocalizedText | undefined;
    organisations: string[];
    timeZone: string;
    languages: Language[];
    startsAtMs: number;
    durationMs: number;
    /** Offset of the latest public change (a status or an update). */
    updatedAtMs: number;
  };
  clock: ClockView;
  status: PageStatus;
  groups: GroupModel[];
  /** Every channel in page order. */
  channels: ChannelModel[];
  /** Open incidents first (newest first), then resolved ones (newest first). */
  incidents: IncidentModel[];
}

/** Builds the model of a run's public state now. */
export function statusModel(run: Run): StatusModel {
  const view = publicState(run);
  const state = run.appliedState();
  const file = run.scenario.file;
  const code = (kind: Parameters<typeof publicCode>[1], id: string): string => publicCode(run.id, kind, id);
  const channels: ChannelModel[] = file.channels.map((c) => {
    const s = state.channels[c.id];
    const position =
      file.channels.filter((other) => other.group === c.group).findIndex((other) => other.id === c.id) + 1;
    return {
      id: c.id,
      code: code('channel', c.id),
      group: c.group,
      name: c.name,
      description: c.description,
      status: s?.published ?? 'operational',
      sinceMs: s?.publishedSinceMs ?? 0,
      position,
      history: s?.publishedHistory ?? [{ offsetMs: 0, status: 'operational' }],
    };
  });
  const groups: GroupModel[] = file.groups.map((g, i) => {
    const members = channels.filter((c) => c.group === g.id);
    return {
      id: g.id,
      code: code('group', g.id),
      name: g.name,
      description: g.description,
      organisation: g.organisation,
      status: worst(members.map((c) => c.status)),
      sinceMs: Math.max(0, ...members.map((c) => c.sinceMs)),
      position: i + 1,
      channels: members,
    };
  });
  const channelCode = new Map(channels.map((c) => [c.id, c.code]));
  const incidents: IncidentModel[] = view.incidents.map((i) => ({
    id: i.id,
    code: code('incident', i.id),
    title: i.title,
    impact: i.impact,
    stage: i.stage,
    open: !CLOSED_STAGES.has(i.stage),
    startedAtMs: i.startedAtMs,
    updatedAtMs: i.updatedAtMs,
    monitoringAtMs: i.monitoringAtMs,
    resolvedAtMs: i.resolvedAtMs,
    channels: i.channels,
    updates: i.updates.map((u) => ({
      id: u.id,
      code: code('update', u.id),
      stage: u.stage,
      atMs: u.offsetMs,
      body: u.body,
      workaround: u.workaround,
      affected: u.affected.map((a) => ({
        channel: a.channel,
        code: channelCode.get(a.channel) ?? '',
        old: a.old,
        new: a.new,
      })),
      nextUpdateAtMs: u.nextUpdateAtMs,
      publisher: u.publisher,
      wording: u.wording,
      originalLanguage: u.originalLanguage,
      origin: u.origin,
    })),
  }));
  incidents.sort((a, b) => Number(b.open) - Number(a.open) || b.startedAtMs - a.startedAtMs);
  return {
    run: run.id,
    instance: run.instance,
    scenario: run.scenario.id,
    version: view.version,
    page: {
      code: code('page', run.id),
      name: file.title,
      summary: file.summary,
      marking: file.marking,
      organisations: [...new Set(file.groups.map((g) => g.organisation))],
      timeZone: run.scenario.timeZone,
      languages: run.scenario.languages,
      startsAtMs: run.scenario.startsAtMs,
      durationMs: run.scenario.durationMs,
      updatedAtMs: Math.max(0, ...channels.map((c) => c.sinceMs), ...incidents.map((i) => i.updatedAtMs)),
    },
    clock: view.clock,
    status: view.status,
    groups,
    channels,
    incidents,
  };
}

/** The worst of some statuses (maintenance counts below any outage). */
export function worst(statuses: readonly Status[]): Status {
  return statuses.reduce<Status>(
    (a, b) => (STATUS_RANK[b] > STATUS_RANK[a] || (a === 'operational' && b === 'under_maintenance') ? b : a),
    'operational',
  );
}
