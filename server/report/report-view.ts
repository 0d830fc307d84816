/**
 * The after-action report of a run as plain data: the summary, the communication metrics in
 * words and numbers, the expectations, the model answers beside what was published, and the
 * channel intervals of the timeline. The HTML page, the chart and the exports all read this.
 */
import type { Run } from '../replay/run.js';
import type { Role } from '../replay/actions.js';
import type { PublishedUpdate } from '../replay/state.js';
import type { LabelText } from '../scenario/schema.js';
import type { Language, Mode } from '../scenario/vocabulary.js';
import { formatDuration, formatInZone } from '../scenario/time.js';
import { pick } from '../status/i18n.js';
import { STAGE_LABEL } from '../status/labels.js';
import { communicationMetrics, type CommunicationMetrics } from './metrics.js';
import { metricRows, stalenessRows, type MetricRow, type StalenessRow } from './report-metrics.js';
import { reportWords, type ReportWords } from './report-words.js';
import { channelIntervals, type ChannelInterval } from './timeline-intervals.js';
import type { Note } from './notes.js';

/** Someone who acted in the run. */
export interface Participant {
  role: Role;
  name: string;
}

/** The run at a glance. */
export interface ReportSummary {
  run: string;
  scenarioId: string;
  title: string;
  mode: Mode;
  timeZone: string;
  participants: Participant[];
  /** Wall time from the first log record to the last; zero with fewer than two. */
  wallDurationMs: number;
  /** Story time covered: from the start of the story to where the run stands. */
  storyDurationMs: number;
  storyFrom: string;
  storyTo: string;
}

/** An update as the report shows it. */
export interface UpdateRow {
  id: string;
  incident: string;
  offsetMs: number;
  /** Story time, `YYYY-MM-DD HH:MM` in the scenario's zone. */
  time: string;
  stage: string;
  body: string;
  origin: PublishedUpdate['origin'];
  /** Names of the channels it named. */
  channels: string[];
}

/** An expectation as the report shows it. */
export interface ExpectationRow {
  id: string;
  kind: string;
  setAt: string;
  deadline: string;
  metAt: string;
  status: string;
  statusKey: string;
}

/** An inject delivered during the run, for the chart's markers. */
export interface InjectMark {
  offsetMs: number;
  time: string;
  label: string;
}

/** A facilitator's note, at its story time. */
export interface NoteRow {
  id: string;
  offsetMs: number;
  time: string;
  text: string;
  author: string;
}

/** Everything the report shows. */
export interface ReportView {
  lang: Language;
  words: ReportWords;
  exercise: boolean;
  marking: string;
  summary: ReportSummary;
  metrics: CommunicationMetrics;
  metricRows: MetricRow[];
  staleness: StalenessRow[];
  expectations: ExpectationRow[];
  modelAnswers: UpdateRow[];
  /** Public updates: in exercise mode, only those by people (responders or the facilitator). */
  published: UpdateRow[];
  injects: InjectMark[];
  /** The facilitator's notes, in story order. */
  notes: NoteRow[];
  /** Channel ids in page order with their names. */
  channels: Array<{ id: string; name: string }>;
  intervals: ChannelInterval[];
  /** Story offset the report runs up to. */
  endMs: number;
  startsAtMs: number;
}

/** A name or label in `lang`. */
export function labelText(text: LabelText | undefined, lang: Language): string {
  if (text === undefined) return '';
  return typeof text === 'string' ? text : pick(text, lang);
}

/** Builds the report of `run` in `lang`, up to where its clock stands, with the facilitator's `notes`. */
export function reportView(run: Run, lang: Language, notes: readonly Note[] = []): ReportView {
  const { scenario, mode } = run;
  const state = run.currentState();
  const endMs = state.offsetMs;
  const actions = run.effectiveActions();
  const metrics = communicationMetrics({ scenario, mode, actions, endMs });
  const words = reportWords(lang);
  const at = (offsetMs: number): string => storyTime(scenario.startsAtMs + offsetMs, scenario.timeZone);
  const names = new Map(scenario.file.channels.map((c) => [c.id, labelText(c.name, lang)]));
  const row = (u: PublishedUpdate): UpdateRow => ({
    id: u.id,
    incident: u.incident,
    offsetMs: u.offsetMs,
    time: at(u.offsetMs),
    stage: STAGE_LABEL[lang][u.stage],
    body: pick(u.body, lang),
    origin: u.origin,
    channels: u.affected.map((a) => names.get(a.channel) ?? a.channel),
  });
  const updates = state.incidents.flatMap((i) => i.updates).sort((a, b) => a.offsetMs - b.offsetMs);
  return {
    lang,
    words,
    exercise: mode === 'exercise',
    marking: mode === 'exercise' ? words.exercise : words.replay,
    summary: summary(run, lang, endMs, at),
    metrics,
    metricRows: metricRows(metrics, scenario.commsPolicy, words),
    staleness: stalenessRows(metrics, names, words),
    expectations: metrics.expectations.outcomes.map((o) => ({
      id: o.id,
      kind: o.kind,
      setAt: at(o.offsetMs),
      deadline: at(o.deadlineMs),
      metAt: o.metAtMs === undefined ? words.none : at(o.metAtMs),
      status: words.expectationStatus[o.status],
      statusKey: o.status,
    })),
    modelAnswers: mode === 'exercise' ? [...state.modelAnswers].sort((a, b) => a.offsetMs - b.offsetMs).map(row) : [],
    published: updates.filter((u) => mode === 'replay' || u.origin !== 'script').map(row),
    injects: state.injects.map((d) => ({
      offsetMs: d.offsetMs,
      time: at(d.offsetMs),
      label: `${labelText(d.item.from, lang)}: ${pick(d.item.subject ?? d.item.body, lang)}`,
    })),
    notes: notes.map((n) => noteRow(n, scenario)),
    channels: [...names].map(([id, name]) => ({ id, name })),
    intervals: channelIntervals(scenario, mode, actions, endMs),
    endMs,
    startsAtMs: scenario.startsAtMs,
  };
}

/** A note as reports and the console show it: at its story time in the scenario's zone. */
export function noteRow(note: Note, scenario: Pick<Run['scenario'], 'startsAtMs' | 'timeZone'>): NoteRow {
  const { id, offsetMs, text, author } = note;
  return { id, offsetMs, time: storyTime(scenario.startsAtMs + offsetMs, scenario.timeZone), text, author };
}

/** An instant as `YYYY-MM-DD HH:MM` in `timeZone`. */
export function storyTime(epochMs: number, timeZone: string): string {
  return formatInZone(epochMs, timeZone).slice(0, 16).replace('T', ' ');
}

function summary(run: Run, lang: Language, endMs: number, at: (ms: number) => string): ReportSummary {
  const records = run.logRecords();
  const seen = new Map<string, Participant>();
  for (const record of records) {
    if (record.author.role === 'system') continue;
    seen.set(`${record.author.role}\u0000${record.author.name}`, { ...record.author });
  }
  const first = records[0]?.wallMs;
  const last = records.at(-1)?.wallMs;
  return {
    run: run.id,
    scenarioId: run.scenario.id,
    title: pick(run.scenario.file.title, lang),
    mode: run.mode,
    timeZone: run.scenario.timeZone,
    participants: [...seen.values()].sort((a, b) => a.role.localeCompare(b.role) || a.name.localeCompare(b.name)),
    wallDurationMs: first === undefined || last === undefined ? 0 : Math.max(0, last - first),
    storyDurationMs: endMs,
    storyFrom: at(0),
    storyTo: at(endMs),
  };
}

/** A duration for people: `1d2h`, `45m`, `0m`. */
export function durationText(ms: number): string {
  return formatDuration(Math.round(ms / 1000) * 1000);
}
