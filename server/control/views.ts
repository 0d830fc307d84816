/**
 * What the console and the desk show of a run, as plain data with every text already in the
 * viewer's language. Both are rebuilt and pushed over `/control` whenever the run changes.
 */
import type { TimelineEntry } from '../scenario/compile.js';
import type { Language, Status } from '../scenario/vocabulary.js';
import { formatInZone } from '../scenario/time.js';
import type { LogRecord } from '../replay/run-log.js';
import type { Run } from '../replay/run.js';
import { privateState, publicState, type ClockView } from '../replay/run-views.js';
import { ENTRY_KIND_LABELS, pick } from '../status/i18n.js';
import { exerciseMarking } from '../status/page-view.js';
import { LANGUAGES } from '../scenario/vocabulary.js';
import { STATUS_LOOK } from '../status/labels.js';
import type { Draft } from './drafts.js';

/** A run in a list. */
export interface RunSummary {
  id: string;
  scenario: { id: string; title: string };
  /** The exercise marking ("EXERCICE / EXERCISE"), in the viewer's language first. */
  marking: string;
  /** Wall-clock epoch of story offset zero: story time is `startsAtMs + offsetMs`. */
  startsAtMs: number;
  mode: Run['mode'];
  visibility: Run['visibility'];
  version: number;
  clock: ClockView;
  indicator: string;
  requireApproval: boolean;
  links: { page: string; desk: string; console: string; report: string };
}

/** A timeline entry as a marker on the scrubber or a row of "next entries". */
export interface EntryView {
  index: number;
  kind: TimelineEntry['kind'];
  kindLabel: string;
  offsetMs: number;
  time: string;
  label: string;
  /** Fired early or skipped by the facilitator. */
  displaced: boolean;
}

/** A channel's actual and published status side by side. */
export interface ChannelView {
  id: string;
  name: string;
  /** The name in each of the scenario's languages. */
  names: Partial<Record<Language, string>>;
  group: string;
  groupName: string;
  actual: Status;
  actualLabel: string;
  actualSince: string;
  published: Status;
  publishedLabel: string;
  diverges: boolean;
}

/** A record of the run's log in words. */
export interface LogLine {
  seq: number;
  time: string;
  wall: string;
  author: string;
  kind: LogRecord['kind'];
  text: string;
}

/** What the desk and the console share. */
export interface RunViewBase {
  summary: RunSummary;
  lang: Language;
  languages: Language[];
  channels: ChannelView[];
  injects: Array<{
    ref: string;
    time: string;
    offsetMs: number;
    channel: string;
    from: string;
    subject: string;
    body: string;
  }>;
  incidents: ReturnType<typeof publicState>['incidents'];
  drafts: Draft[];
  policy: Run['scenario']['commsPolicy'];
}

/** The facilitator's view of a run. */
export interface ConsoleView extends RunViewBase {
  timeline: EntryView[];
  upcoming: EntryView[];
  prompts: Array<{ ref: string; time: string; text: string }>;
  expectations: Array<{ ref: string; id: string; kind: string; description: string; status: string; deadline: string }>;
  modelAnswers: number;
  log: LogLine[];
}

/** How many log lines the console gets; the full log is at `/api/runs/:run/log`. */
export const LOG_TAIL = 200;

/** A run in a list. */
export function runSummary(run: Run, lang: Language, requireApproval: boolean): RunSummary {
  const view = publicState(run);
  const id = encodeURIComponent(run.id);
  return {
    id: run.id,
    scenario: { id: run.scenario.id, title: pick(run.scenario.file.title, lang, run.scenario.languages[0]) },
    marking: [lang, ...LANGUAGES.filter((l) => l !== lang)]
      .map((l) => exerciseMarking(run.scenario.file.marking, l))
      .join(' / '),
    startsAtMs: run.scenario.startsAtMs,
    mode: run.mode,
    visibility: run.visibility,
    version: run.version,
    clock: view.clock,
    indicator: view.status.indicator,
    requireApproval,
    links: { page: `/r/${id}`, desk: `/desk/${id}`, console: `/console#run=${id}`, report: `/r/${id}/report` },
  };
}

/** The desk's view of a run: what responders may see. */
export function deskView(run: Run, lang: Language, drafts: Draft[], requireApproval: boolean): RunViewBase {
  const state = run.currentState();
  const time = (offsetMs: number): string => storyTime(run, offsetMs);
  const names = channelNames(run, lang);
  const priv = privateState(run);
  const look = STATUS_LOOK[lang];
  return {
    summary: runSummary(run, lang, requireApproval),
    lang,
    languages: run.scenario.languages,
    channels: priv.actual.map((c) => ({
      id: c.id,
      name: names.get(c.id) ?? c.id,
      names: namesOf(run, c.id),
      ...groupOf(run, c.id, lang),
      actual: c.status,
      actualLabel: look[c.status].label,
      actualSince: time(c.sinceMs),
      published: c.published,
      publishedLabel: look[c.published].label,
      diverges: c.diverges,
    })),
    injects: state.injects.map((d) => ({
      ref: d.ref,
      time: time(d.offsetMs),
      offsetMs: d.offsetMs,
      channel: d.item.channel,
      from: typeof d.item.from === 'string' ? d.item.from : pick(d.item.from, lang),
      subject: pick(d.item.subject, lang),
      body: pick(d.item.body, lang),
    })),
    incidents: publicState(run).incidents,
    drafts,
    policy: run.scenario.commsPolicy,
  };
}

/** The console's view of a run: everything. */
export function consoleView(run: Run, lang: Language, drafts: Draft[], requireApproval: boolean): ConsoleView {
  const base = deskView(run, lang, drafts, requireApproval);
  const priv = privateState(run);
  const offsetMs = run.clock.offset();
  const entry = (e: TimelineEntry): EntryView => entryView(run, e, lang);
  return {
    ...base,
    timeline: run.scenario.entries.map(entry),
    upcoming: run.scenario.entries
      .filter((e) => e.offsetMs > offsetMs && !run.isDisplaced(e.index))
      .slice(0, 8)
      .map(entry),
    prompts: priv.prompts.map((p) => ({ ref: p.ref, time: storyTime(run, p.offsetMs), text: pick(p.item, lang) })),
    expectations: priv.expectations.map((e) => ({
      ref: e.ref,
      id: e.expect.id,
      kind: e.expect.kind,
      description: pick(e.expect.description, lang) || e.expect.id,
      status: e.status,
      deadline: storyTime(run, e.deadlineMs),
    })),
    modelAnswers: priv.modelAnswers.length,
    log: run
      .logRecords()
      .slice(-LOG_TAIL)
      .map((r) => logLine(run, r, lang))
      .reverse(),
  };
}

/** One log record in words. */
export function logLine(run: Run, record: LogRecord, lang: Language): LogLine {
  const base = {
    seq: record.seq,
    time: storyTime(run, record.offsetMs),
    wall: new Date(record.wallMs).toISOString(),
    author: `${record.author.name} (${record.author.role})`,
    kind: record.kind,
  };
  switch (record.kind) {
    case 'entry': {
      const entry = run.scenario.entries.find((e) => e.index === record.entry);
      return { ...base, text: entry === undefined ? `entry ${record.entry}` : describeEntry(run, entry, lang) };
    }
    case 'control': {
      const details = [
        record.speed === undefined ? '' : `${record.speed}x`,
        record.toMs === undefined ? '' : `to ${storyTime(run, record.toMs)}`,
        record.undone === undefined ? '' : `undid ${record.undone.length} action(s)`,
      ].filter((d) => d !== '');
      return { ...base, text: [record.control, ...details].join(' ') };
    }
    case 'contingency':
      return {
        ...base,
        text: `missed "${record.expectation}": inject (${record.inject.channel}) from ${typeof record.inject.from === 'string' ? record.inject.from : pick(record.inject.from, lang)}`,
      };
    case 'action': {
      const a = record.action;
      const text =
        a.type === 'set-actual'
          ? `set ${a.channel} to ${a.status}`
          : a.type === 'publish'
            ? `published "${a.update.incident}" ${a.update.status}: ${pick(a.update.body, lang)}`
            : a.type === 'inject'
              ? `inject (${a.inject.channel}): ${pick(a.inject.body, lang)}`
              : `${a.type} entry ${a.entry}`;
      return { ...base, text };
    }
  }
}

function entryView(run: Run, entry: TimelineEntry, lang: Language): EntryView {
  return {
    index: entry.index,
    kind: entry.kind,
    kindLabel: ENTRY_KIND_LABELS[lang][entry.kind],
    offsetMs: entry.offsetMs,
    time: storyTime(run, entry.offsetMs),
    label: describeEntry(run, entry, lang),
    displaced: run.isDisplaced(entry.index),
  };
}

/** A one-line description of a timeline entry. */
function describeEntry(run: Run, entry: TimelineEntry, lang: Language): string {
  const look = STATUS_LOOK[lang];
  const names = channelNames(run, lang);
  switch (entry.kind) {
    case 'actual':
      return Object.entries(entry.statuses)
        .map(([id, status]) => `${names.get(id) ?? id}: ${look[status].label}`)
        .join(', ');
    case 'update':
      return `${entry.update.incident} · ${entry.update.status} · ${truncate(pick(entry.update.body, lang))}`;
    case 'inject':
      return `${entry.inject.channel} · ${typeof entry.inject.from === 'string' ? entry.inject.from : pick(entry.inject.from, lang)}`;
    case 'prompt':
      return truncate(pick(entry.prompt, lang));
    case 'expect':
      return truncate(pick(entry.expect.description, lang) || entry.expect.id);
  }
}

function namesOf(run: Run, id: string): Partial<Record<Language, string>> {
  const channel = run.scenario.file.channels.find((c) => c.id === id);
  return Object.fromEntries(run.scenario.languages.map((l) => [l, channel === undefined ? id : pick(channel.name, l)]));
}

function groupOf(run: Run, id: string, lang: Language): { group: string; groupName: string } {
  const group = run.scenario.file.channels.find((c) => c.id === id)?.group ?? '';
  const file = run.scenario.file.groups.find((g) => g.id === group);
  return { group, groupName: file === undefined ? group : pick(file.name, lang) };
}

function channelNames(run: Run, lang: Language): Map<string, string> {
  return new Map(
    run.scenario.file.channels.map((c) => [c.id, typeof c.name === 'string' ? c.name : pick(c.name, lang)]),
  );
}

function storyTime(run: Run, offsetMs: number): string {
  return formatInZone(run.scenario.startsAtMs + offsetMs, run.scenario.timeZone);
}

function truncate(text: string, max = 90): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
