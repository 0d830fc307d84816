/**
 * The runtime form of a scenario: times resolved to millisecond offsets from `startsAt`, the
 * timeline sorted by story time (file order among equals), defaults filled in. Everything that
 * replays a scenario works on this form, never on the file.
 */
import type { ExpectSpec, InjectSpec, LocalizedText, ScenarioFile, UpdateSpec } from './schema.js';
import type { Language, Status } from './vocabulary.js';
import { parseDateTime, parseDuration, resolveTimeRef } from './time.js';
import { ValidationError } from '../errors.js';

/** Provenance and timing every entry shares. */
interface EntryCommon {
  /** Position in the file's timeline, 0-based; ties in time apply in this order. */
  index: number;
  /** Milliseconds after `startsAt`. */
  offsetMs: number;
  /** Source ids cited. */
  sources: string[];
  assumption?: string;
  note?: string;
}

/** A scripted update with its promised next update resolved. */
export interface ScriptedUpdate extends UpdateSpec {
  /** Offset of the promised next update, if any. */
  nextUpdateAtMs?: number;
}

/** An expectation with its deadline resolved. */
export interface Expectation extends ExpectSpec {
  withinMs: number;
}

/** One timeline entry, discriminated by `kind`. */
export type TimelineEntry = EntryCommon &
  (
    | { kind: 'actual'; statuses: Record<string, Status> }
    | { kind: 'update'; update: ScriptedUpdate }
    | { kind: 'inject'; inject: InjectSpec }
    | { kind: 'prompt'; prompt: LocalizedText }
    | { kind: 'expect'; expect: Expectation }
  );

/** The communication policy in milliseconds. */
export interface CommsPolicy {
  firstUpdateWithinMs: number;
  scopingWithinMs?: number;
  maxGapMs: number;
  requireNextUpdate: boolean;
}

/** A loaded, valid scenario, ready to replay. */
export interface Scenario {
  id: string;
  /** The file as written, for display and export. */
  file: ScenarioFile;
  timeZone: string;
  startsAtMs: number;
  endsAtMs: number;
  durationMs: number;
  languages: Language[];
  /** Channel ids in page order, with their initial status. */
  initialStatuses: Record<string, Status>;
  commsPolicy: CommsPolicy;
  /** Entries in story order. */
  entries: TimelineEntry[];
}

/** Policy applied when a scenario states none. */
export const DEFAULT_COMMS_POLICY: CommsPolicy = {
  firstUpdateWithinMs: 15 * 60_000,
  maxGapMs: 30 * 60_000,
  requireNextUpdate: false,
};

/** Builds the runtime scenario from a file that passed every check. */
export function compileScenario(file: ScenarioFile): Scenario {
  const startsAtMs = mustParse(parseDateTime(file.startsAt), file.startsAt);
  const endsAtMs = mustParse(parseDateTime(file.endsAt), file.endsAt);
  const at = (text: string): number => mustParse(resolveTimeRef(text, startsAtMs), text);
  const entries = file.timeline.map((raw, index): TimelineEntry => {
    const common: EntryCommon = {
      index,
      offsetMs: at(raw.at),
      sources: raw.source === undefined ? [] : Array.isArray(raw.source) ? raw.source : [raw.source],
      ...(raw.assumption === undefined ? {} : { assumption: raw.assumption }),
      ...(raw.note === undefined ? {} : { note: raw.note }),
    };
    if ('actual' in raw) return { ...common, kind: 'actual', statuses: raw.actual };
    if ('update' in raw) {
      const next = raw.update.nextUpdateAt;
      return {
        ...common,
        kind: 'update',
        update: { ...raw.update, ...(next === undefined ? {} : { nextUpdateAtMs: at(next) }) },
      };
    }
    if ('inject' in raw) return { ...common, kind: 'inject', inject: raw.inject };
    if ('prompt' in raw) return { ...common, kind: 'prompt', prompt: raw.prompt };
    if ('expect' in raw) {
      return {
        ...common,
        kind: 'expect',
        expect: { ...raw.expect, withinMs: mustParse(parseDuration(raw.expect.within), raw.expect.within) },
      };
    }
    throw new Error(`timeline entry ${index} has no kind: the loader should have refused it`);
  });
  entries.sort((a, b) => a.offsetMs - b.offsetMs || a.index - b.index);
  const policy = file.commsPolicy;
  return {
    id: file.id,
    file,
    timeZone: file.timeZone,
    startsAtMs,
    endsAtMs,
    durationMs: endsAtMs - startsAtMs,
    languages: file.languages,
    initialStatuses: Object.fromEntries(file.channels.map((c) => [c.id, c.initial ?? 'operational'])),
    commsPolicy:
      policy === undefined
        ? DEFAULT_COMMS_POLICY
        : {
            firstUpdateWithinMs: mustParse(parseDuration(policy.firstUpdateWithin), policy.firstUpdateWithin),
            ...(policy.scopingWithin === undefined
              ? {}
              : { scopingWithinMs: mustParse(parseDuration(policy.scopingWithin), policy.scopingWithin) }),
            maxGapMs: mustParse(parseDuration(policy.maxGap), policy.maxGap),
            requireNextUpdate: policy.requireNextUpdate ?? false,
          },
    entries,
  };
}

function mustParse(value: number | undefined, text: string): number {
  if (value === undefined) throw new Error(`unchecked time "${text}" reached the compiler`);
  return value;
}

/**
 * The offset of a story time written as in scenario files: an ISO date-time with offset
 * (`2025-12-23T12:30+01:00`) or an offset from the start (`+1d6h30m`). Throws a
 * ValidationError saying what is wrong when it is neither, or falls outside the scenario.
 */
export function storyOffset(scenario: Scenario, time: string): number {
  const offsetMs = resolveTimeRef(time, scenario.startsAtMs);
  if (offsetMs === undefined) {
    throw new ValidationError(
      `"${time}" is neither a date-time with offset (2025-12-22T10:00:00+01:00) nor an offset (+3h30m)`,
    );
  }
  if (offsetMs < 0 || offsetMs > scenario.durationMs) {
    throw new ValidationError(
      `"${time}" is outside the scenario, which runs from ${scenario.file.startsAt} to ${scenario.file.endsAt}`,
    );
  }
  return offsetMs;
}
