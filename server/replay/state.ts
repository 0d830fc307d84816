/**
 * The state of a scenario at a story offset: what is true (actual), what the page says
 * (published), the incidents and their updates, and what the facilitator and responders have
 * been given so far. Plain data, produced only by the fold in `reducer.ts`.
 */
import type { Expectation, Scenario } from '../scenario/compile.js';
import type { InjectSpec, LabelText, LocalizedText } from '../scenario/schema.js';
import type { Impact, Language, Mode, Stage, Status, Wording } from '../scenario/vocabulary.js';

/** One channel's two truths. */
export interface ChannelState {
  actual: Status;
  published: Status;
  /** Offset since which `actual` has held. */
  actualSinceMs: number;
  /** Offset since which `published` has held. */
  publishedSinceMs: number;
  /** Every published status in story order, from offset zero: the availability history. */
  publishedHistory: ReadonlyArray<{ offsetMs: number; status: Status }>;
}

/**
 * A channel an update named, with its published status before and after; the two are the same
 * when the update confirms a status (saying, for instance, that a channel still works).
 */
export interface AffectedChannel {
  channel: string;
  old: Status;
  new: Status;
}

/** Who an update or action came from. */
export type Origin = 'script' | 'facilitator' | 'responder';

/** One public update of an incident, as published. */
export interface PublishedUpdate {
  /** Stable id: the same update gets the same id on every fold. */
  id: string;
  incident: string;
  offsetMs: number;
  stage: Stage;
  body: LocalizedText;
  workaround?: LocalizedText;
  /** Every channel this update named, with the published status it set and the one before. */
  affected: AffectedChannel[];
  nextUpdateAtMs?: number;
  publisher?: LabelText;
  /** Where the words come from, when the scenario says. */
  wording?: Wording;
  originalLanguage?: Language;
  origin: Origin;
}

/** A public incident and its updates, newest first. */
export interface IncidentState {
  id: string;
  title: LocalizedText;
  impact: Impact;
  stage: Stage;
  startedAtMs: number;
  updatedAtMs: number;
  monitoringAtMs?: number;
  resolvedAtMs?: number;
  /** Every channel any update of this incident named, in first-named order. */
  channels: string[];
  updates: PublishedUpdate[];
}

/** Something given to responders or the facilitator at a story time. */
export interface Delivered<T> {
  offsetMs: number;
  /** Where it came from: `e<index>` for a scenario entry, `a<seq>` for an action of the run. */
  ref: string;
  item: T;
}

/** An expectation that has come due for scoring. */
export interface ActiveExpectation {
  offsetMs: number;
  /** `e<index>` of the scenario entry that set it. */
  ref: string;
  expect: Expectation;
  /**
   * Offset by which it must be met. A `cadence` expectation's deadline moves to `within` after
   * each public update published before it passes, and stays where it is once passed.
   */
  deadlineMs: number;
  /** Offset at which it was first met, possibly after the deadline; absent while unmet. */
  metAtMs?: number;
  /** Whether its `onMissed` inject has been delivered (at `deadlineMs`, as `x<ref>`). */
  contingencyDelivered?: true;
}

/** The whole state at `offsetMs`. */
export interface ScenarioState {
  mode: Mode;
  offsetMs: number;
  channels: Record<string, ChannelState>;
  /** Public incidents in the order they were opened. */
  incidents: IncidentState[];
  /** In exercise mode, the scripted updates withheld from the page, as model answers. */
  modelAnswers: PublishedUpdate[];
  injects: Array<Delivered<InjectSpec>>;
  prompts: Array<Delivered<LocalizedText>>;
  expectations: ActiveExpectation[];
  /** How many steps (scenario entries and actions) have been applied. */
  applied: number;
}

/** A channel with a new published status from `offsetMs`, its history extended. */
export function publish(channel: ChannelState, status: Status, offsetMs: number): ChannelState {
  if (channel.published === status) return channel;
  return {
    ...channel,
    published: status,
    publishedSinceMs: offsetMs,
    publishedHistory: [...channel.publishedHistory, { offsetMs, status }],
  };
}

/** The state at offset zero, before any entry. */
export function initialState(scenario: Scenario, mode: Mode): ScenarioState {
  const channels: Record<string, ChannelState> = {};
  for (const [id, status] of Object.entries(scenario.initialStatuses)) {
    channels[id] = {
      actual: status,
      published: status,
      actualSinceMs: 0,
      publishedSinceMs: 0,
      publishedHistory: [{ offsetMs: 0, status }],
    };
  }
  return {
    mode,
    offsetMs: 0,
    channels,
    incidents: [],
    modelAnswers: [],
    injects: [],
    prompts: [],
    expectations: [],
    applied: 0,
  };
}
