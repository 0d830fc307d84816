/**
 * The status page, ready to print: the view model in one language at one moment. Templates only
 * display these values; every word, date and class is decided here.
 */
import type { LabelText, LocalizedText } from '../scenario/schema.js';
import { STATUS_RANK, STATUSES, type Language, type Status } from '../scenario/vocabulary.js';
import type { StatusModel, UpdateModel } from './status-model.js';
import { messages, pick, type Messages } from './i18n.js';
import { IMPACT_LABEL, PAGE_DESCRIPTION_LABEL, STAGE_LABEL, STATUS_LOOK, type StatusLook } from './labels.js';
import { cellLength, cellRuns, strip } from './availability.js';
import { zoneAbbreviation } from './story-time.js';
import { dateTimeFormat } from '../scenario/time.js';

const LOCALES: Record<Language, string> = { fr: 'fr-FR', en: 'en-GB' };

/** The marking when a scenario states none. */
const DEFAULT_MARKING: Record<Language, string> = { fr: 'EXERCICE', en: 'EXERCISE' };

/** The colon as each language writes it before a value ("Identifié :", "Identified:"). */
export const COLON: Record<Language, string> = { fr: ' :', en: ':' };

/** The exercise marking of a scenario in one language ("EXERCICE" when it states none). */
export function exerciseMarking(marking: LocalizedText | undefined, lang: Language): string {
  return marking?.[lang] ?? DEFAULT_MARKING[lang];
}

/** One channel line. */
export interface ChannelLine {
  id: string;
  name: string;
  description: string;
  look: StatusLook;
  since: string;
}

/** One update as printed. */
export interface UpdateLine {
  code: string;
  stage: string;
  time: string;
  body: string;
  workaround: string;
  /** Marks such as "Unofficial translation", "Text composed for the exercise". */
  notes: string[];
  publisher: string;
  nextUpdate: string;
}

/** One incident as printed. */
export interface IncidentBlock {
  code: string;
  title: string;
  impact: string;
  impactCss: string;
  stage: string;
  started: string;
  updates: UpdateLine[];
}

/** The whole page in one language. */
export interface PageView {
  lang: Language;
  otherLang: Language;
  t: Messages;
  run: string;
  /** The run object's instance (see `PublicRun.instance`). */
  instance: string;
  version: number;
  title: string;
  marking: string;
  notAffiliated: string;
  indicator: { css: string; icon: string; text: string };
  clock: {
    date: string;
    time: string;
    zone: string;
    /** "vitesse 60×" / "speed 60×". */
    speedText: string;
    state: string;
    speed: number;
    offsetMs: number;
    playing: boolean;
    startsAtMs: number;
    timeZone: string;
    durationMs: number;
  };
  down: ChannelLine[];
  up: ChannelLine[];
  groups: Array<{ name: string; organisation: string; description: string; look: StatusLook; channels: ChannelLine[] }>;
  active: IncidentBlock[];
  resolved: IncidentBlock[];
  availability: {
    unitText: string;
    cells: number;
    now: number;
    /** Each channel's strip as runs of equal cells: `x` and `width` in cells, 4 units each. */
    rows: Array<{ name: string; runs: Array<{ css: string; title: string; x: number; width: number }> }>;
  };
  legend: StatusLook[];
  /** A sentence for screen readers when the page changes. */
  announcement: string;
}

/** The page of `model` in `lang`, with the story at `nowMs`. */
export function pageView(model: StatusModel, lang: Language, nowMs: number): PageView {
  const t = messages(lang);
  const text = (value: LocalizedText | undefined): string => pick(value, lang, model.page.languages[0]);
  const label = (value: LabelText | undefined): string => (typeof value === 'string' ? value : text(value));
  const at = (offsetMs: number): Date => new Date(model.page.startsAtMs + offsetMs);
  const zone = model.page.timeZone;
  const dateFormat = dateTimeFormat(LOCALES[lang], {
    timeZone: zone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
  const timeFormat = dateTimeFormat(LOCALES[lang], {
    timeZone: zone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const shortFormat = dateTimeFormat(LOCALES[lang], {
    timeZone: zone,
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  // The availability strips stamp the same cell boundaries in every row: each is formatted once.
  const stamps = new Map<number, string>();
  const stamp = (offsetMs: number): string => {
    let stamped = stamps.get(offsetMs);
    if (stamped === undefined) {
      stamped = `${shortFormat.format(at(offsetMs))} ${zoneAbbreviation(model.page.startsAtMs + offsetMs, zone)}`;
      stamps.set(offsetMs, stamped);
    }
    return stamped;
  };

  const line = (c: StatusModel['channels'][number]): ChannelLine => ({
    id: c.id,
    name: text(c.name),
    description: text(c.description),
    look: STATUS_LOOK[lang][c.status],
    since: c.status === 'operational' ? '' : `${t.since} ${stamp(c.sinceMs)}`,
  });
  const colon = COLON[lang];
  const updateLine = (u: UpdateModel): UpdateLine => {
    const notes: Array<string | undefined> = [
      u.originalLanguage !== undefined && u.originalLanguage !== lang ? t.translated : undefined,
      u.wording === 'composed'
        ? t.composed
        : u.wording === 'assembled'
          ? t.assembled
          : u.wording === 'paraphrased'
            ? t.paraphrased
            : undefined,
    ];
    return {
      code: u.code,
      stage: STAGE_LABEL[lang][u.stage],
      time: stamp(u.atMs),
      body: text(u.body),
      workaround: text(u.workaround),
      notes: notes.filter((n): n is string => n !== undefined),
      publisher: label(u.publisher),
      nextUpdate: u.nextUpdateAtMs === undefined ? '' : `${t.nextUpdate}${colon} ${stamp(u.nextUpdateAtMs)}`,
    };
  };
  const block = (i: StatusModel['incidents'][number]): IncidentBlock => ({
    code: i.code,
    title: text(i.title),
    impact: IMPACT_LABEL[lang][i.impact],
    impactCss: i.impact,
    stage: STAGE_LABEL[lang][i.stage],
    started: stamp(i.startedAtMs),
    updates: i.updates.map(updateLine),
  });

  const sorted = [...model.channels].sort((a, b) => STATUS_RANK[b.status] - STATUS_RANK[a.status]);
  const { unit, cellMs } = cellLength(model.page.durationMs);
  let cellCount = 0;
  const rows = model.channels.map((c) => {
    const { cells } = strip(c.history, model.page.durationMs, nowMs);
    cellCount = cells.length;
    return {
      name: text(c.name),
      runs: cellRuns(cells).map(({ status, from, count }) => {
        const span = `${stamp(from * cellMs)} – ${stamp(Math.min((from + count) * cellMs, model.page.durationMs))}`;
        const look = status === null ? undefined : STATUS_LOOK[lang][status];
        return {
          css: look?.css ?? 'future',
          title: look === undefined ? `${t.notYet}${colon} ${span}` : `${look.label}${colon} ${span}`,
          x: from * 4,
          width: count * 4,
        };
      }),
    };
  });
  const description = PAGE_DESCRIPTION_LABEL[lang][model.status.description];
  const latest = model.incidents.flatMap((i) => i.updates).sort((a, b) => b.atMs - a.atMs)[0];
  const indicatorStatus: Status =
    model.status.indicator === 'critical' || model.status.indicator === 'major'
      ? 'major_outage'
      : model.status.indicator === 'minor'
        ? 'partial_outage'
        : model.status.indicator === 'maintenance'
          ? 'under_maintenance'
          : 'operational';
  return {
    lang,
    otherLang: lang === 'fr' ? 'en' : 'fr',
    t,
    run: model.run,
    instance: model.instance,
    version: model.version,
    title: text(model.page.name),
    marking: [lang, lang === 'fr' ? 'en' : 'fr']
      .map((l) => exerciseMarking(model.page.marking, l as Language))
      .join(' / '),
    notAffiliated: t.notAffiliated.replace('{organisations}', model.page.organisations.join(', ')),
    indicator: {
      css: STATUS_LOOK[lang][indicatorStatus].css,
      icon: STATUS_LOOK[lang][indicatorStatus].icon,
      text: description,
    },
    clock: {
      date: dateFormat.format(at(nowMs)),
      time: timeFormat.format(at(nowMs)),
      zone: zoneAbbreviation(model.page.startsAtMs + nowMs, zone),
      ...clockTexts(model.clock, lang),
      offsetMs: nowMs,
      speed: model.clock.speed,
      playing: model.clock.playing,
      startsAtMs: model.page.startsAtMs,
      timeZone: zone,
      durationMs: model.page.durationMs,
    },
    down: sorted.filter((c) => c.status !== 'operational').map(line),
    up: model.channels.filter((c) => c.status === 'operational').map(line),
    groups: model.groups.map((g) => ({
      name: text(g.name),
      organisation: g.organisation,
      description: text(g.description),
      look: STATUS_LOOK[lang][g.status],
      channels: g.channels.map(line),
    })),
    active: model.incidents.filter((i) => i.open).map(block),
    resolved: model.incidents.filter((i) => !i.open).map(block),
    availability: {
      unitText: unit === 'hour' ? t.perHour : t.perDay,
      cells: cellCount,
      now: nowMs,
      rows,
    },
    legend: STATUSES.map((s) => STATUS_LOOK[lang][s]),
    announcement: [
      description,
      latest === undefined ? '' : `${STAGE_LABEL[lang][latest.stage]}${colon} ${text(latest.body)}`,
    ]
      .filter(Boolean)
      .join('. '),
  };
}

/** How the page words the clock's speed and state ("vitesse 60×", "en pause"). */
export function clockTexts(
  clock: { speed: number; playing: boolean; ended: boolean },
  lang: Language,
): { speedText: string; state: string } {
  const t = messages(lang);
  return {
    speedText: `${t.speed} ${clock.speed}×`,
    state: clock.ended ? t.ended : clock.playing ? t.playing : t.paused,
  };
}
