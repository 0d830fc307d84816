/**
 * What a run shows: the public state (what every viewer of the status page may see) and the
 * private state (what the facilitator sees). Plain data, ready for any transport.
 */
import type { InjectSpec, LocalizedText } from '../scenario/schema.js';
import type { EntryKind, Mode, Status } from '../scenario/vocabulary.js';
import { formatInZone } from '../scenario/time.js';
import type { PageStatus } from '../status/rollup.js';
import { pageStatus } from './reducer.js';
import { expectationStatus, type ExpectationStatus } from './expectations.js';
import type { ActiveExpectation, Delivered, IncidentState, PublishedUpdate, ScenarioState } from './state.js';
import type { Run } from './run.js';

/** The story clock as viewers need it to keep ticking between events. */
export interface ClockView {
  offsetMs: number;
  /** Story time in the scenario's zone, ISO 8601 with offset. */
  storyTime: string;
  timeZone: string;
  speed: number;
  playing: boolean;
  /** The story has reached its end. */
  ended: boolean;
  durationMs: number;
  /** Server wall time (ms) at which the story stood at `offsetMs`; while playing, the story moves on by elapsed wall time times `speed`. */
  wallMs: number;
}

/** What anyone may see of a run. */
export interface PublicState {
  run: string;
  scenario: string;
  mode: Mode;
  version: number;
  clock: ClockView;
  status: PageStatus;
  /** Published status of every channel, in page order. */
  channels: Array<{ id: string; group: string; status: Status; sinceMs: number }>;
  /** Public incidents in the order they opened, each with its updates newest first. */
  incidents: IncidentState[];
}

/** What the facilitator sees besides the public state. */
export interface PrivateState {
  /** Actual status of every channel, in page order, and whether the page says otherwise. */
  actual: Array<{ id: string; status: Status; sinceMs: number; published: Status; diverges: boolean }>;
  injects: Array<Delivered<InjectSpec>>;
  prompts: Array<Delivered<LocalizedText>>;
  expectations: Array<ActiveExpectation & { status: ExpectationStatus }>;
  /** Scripted updates withheld in exercise mode. */
  modelAnswers: PublishedUpdate[];
  /** The next entries still in their place, soonest first. */
  upcoming: Array<{ index: number; kind: EntryKind; offsetMs: number }>;
}

/**
 * The public state of a run now. It reads the state as the run last applied it, which changes
 * only with the version, so everything rendered for a version is the same for every viewer; the
 * timer applies entries at their due time, so this lags the clock by one event-loop turn at most.
 */
export function publicState(run: Run): PublicState {
  const state = { ...run.appliedState(), offsetMs: run.clock.offset() };
  return {
    run: run.id,
    scenario: run.scenario.id,
    mode: run.mode,
    version: run.version,
    clock: clockView(run, state.offsetMs),
    status: pageStatus(state),
    channels: run.scenario.file.channels.map((c) => {
      const channel = state.channels[c.id];
      return {
        id: c.id,
        group: c.group,
        status: channel?.published ?? 'operational',
        sinceMs: channel?.publishedSinceMs ?? 0,
      };
    }),
    incidents: state.incidents,
  };
}

/** The private state of a run now. */
export function privateState(run: Run, upcomingCount = 10): PrivateState {
  const state = run.currentState();
  return {
    actual: run.scenario.file.channels.map((c) => {
      const channel = state.channels[c.id];
      const status = channel?.actual ?? 'operational';
      const published = channel?.published ?? 'operational';
      return { id: c.id, status, sinceMs: channel?.actualSinceMs ?? 0, published, diverges: status !== published };
    }),
    injects: state.injects,
    prompts: state.prompts,
    expectations: state.expectations.map((e) => ({ ...e, status: expectationStatus(e, state.offsetMs) })),
    modelAnswers: state.modelAnswers,
    upcoming: run.scenario.entries
      .filter((e) => e.offsetMs > state.offsetMs && !run.isDisplaced(e.index))
      .slice(0, upcomingCount)
      .map((e) => ({ index: e.index, kind: e.kind, offsetMs: e.offsetMs })),
  };
}

/**
 * A fingerprint of everything viewers see except the passing of time: published statuses,
 * incidents and their updates, and the clock's anchor, speed and play state.
 */
export function publicSignature(run: Run): string {
  // Applied state only: computing a signature must never apply entries behind the scheduler's back.
  const state: ScenarioState = run.appliedState();
  const clock = run.clock.snapshot();
  const channels = Object.entries(state.channels).map(([id, c]) => `${id}=${c.published}`);
  const incidents = state.incidents.map(
    (i) => `${i.id}:${i.stage}:${i.impact}:${JSON.stringify(i.title)}:${i.updates.map((u) => u.id).join(',')}`,
  );
  const anchor = clock.playing ? `${clock.anchorOffsetMs}@${clock.anchorWallMs}` : `${clock.anchorOffsetMs}`;
  return `${channels.join(';')}|${incidents.join(';')}|${clock.playing}|${clock.speed}|${anchor}`;
}

/** The clock of `run` as it stands at `offsetMs`. */
export function clockView(run: Run, offsetMs: number = run.clock.offset()): ClockView {
  const clock = run.clock.snapshot();
  return {
    offsetMs,
    storyTime: formatInZone(run.scenario.startsAtMs + offsetMs, run.scenario.timeZone),
    timeZone: run.scenario.timeZone,
    speed: clock.speed,
    playing: clock.playing,
    ended: offsetMs >= clock.durationMs,
    durationMs: clock.durationMs,
    wallMs: run.clock.wallTimeOf(offsetMs),
  };
}
