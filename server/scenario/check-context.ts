/**
 * What the semantic checks share: where problems are collected, and the checks every part of a
 * scenario needs (texts in every language, times inside the story, references to channels).
 */
import type { LabelText, LocalizedText, ScenarioFile } from './schema.js';
import { MAX_DURATION_MS, parseDuration, resolveTimeRef } from './time.js';
import { didYouMean, formatPath, type DocPath, type UnlocatedProblem } from './problems.js';

/** Records one problem at a path. */
export type AddProblem = (path: DocPath, message: string, extra?: Partial<UnlocatedProblem>) => void;

/** The scenario's declared facts and the checks built on them. */
export interface CheckContext {
  add: AddProblem;
  scenario: Omit<ScenarioFile, 'timeline'>;
  /** Epoch ms of `startsAt` and `endsAt`, when both are real times. */
  span: { startsAt: number; endsAt: number } | undefined;
  languages: ReadonlySet<string>;
  sourceIds: ReadonlySet<string>;
  channelIds: ReadonlySet<string>;
  /** A localized text has every declared language and no other. */
  checkText(path: DocPath, text: LocalizedText | undefined): void;
  /** A label that is a localized text is checked as one. */
  checkLabel(path: DocPath, label: LabelText | undefined): void;
  /** Keys of a status map name declared channels. */
  checkChannelKeys(path: DocPath, statuses: Record<string, unknown>): void;
  /** A story time is real and inside the scenario; returns its offset from `startsAt`. */
  checkTime(path: DocPath, text: string): number | undefined;
  /** A duration (whose syntax the schema checked) is at most a year. */
  checkDuration(path: DocPath, text: string | undefined): void;
}

/** Builds the context once the scenario's own ids and languages are known. */
export function createCheckContext(
  add: AddProblem,
  scenario: Omit<ScenarioFile, 'timeline'>,
  span: CheckContext['span'],
  ids: { sourceIds: ReadonlySet<string>; channelIds: ReadonlySet<string> },
): CheckContext {
  const languages = new Set<string>(scenario.languages);
  const checkText = (path: DocPath, text: LocalizedText | undefined): void => {
    if (text === undefined) return;
    for (const language of scenario.languages) {
      if (text[language] === undefined) {
        add(path, `missing the "${language}" text`, {
          expected: `a text for each of ${scenario.languages.join(', ')}`,
          found: `only ${Object.keys(text).join(', ') || 'none'}`,
        });
      }
    }
    for (const language of Object.keys(text)) {
      if (!languages.has(language)) {
        add([...path, language], `"${language}" is not one of the scenario's languages`, {
          atKey: true,
          expected: `one of ${scenario.languages.join(', ')}`,
        });
      }
    }
  };
  return {
    add,
    scenario,
    span,
    languages,
    ...ids,
    checkText,
    checkLabel: (path, label) => {
      if (typeof label === 'object') checkText(path, label);
    },
    checkChannelKeys: (path, statuses) => {
      for (const id of Object.keys(statuses)) {
        if (!ids.channelIds.has(id)) {
          add([...path, id], `unknown channel "${id}"${didYouMean(id, ids.channelIds)}`, {
            atKey: true,
            expected: 'a channel id declared in channels',
          });
        }
      }
    },
    checkTime: (path, text) => {
      if (span === undefined) return undefined;
      const offset = resolveTimeRef(text, span.startsAt);
      if (offset === undefined) {
        add(path, 'not a real date and time', {
          expected: 'a date-time with offset or an offset such as "+1h15m"',
          found: JSON.stringify(text),
        });
        return undefined;
      }
      if (offset < 0 || span.startsAt + offset > span.endsAt) {
        add(path, 'outside the scenario', {
          expected: `a time between startsAt (${scenario.startsAt}) and endsAt (${scenario.endsAt})`,
          found: JSON.stringify(text),
        });
      }
      return offset;
    },
    checkDuration: (path, text) => {
      if (text === undefined) return;
      const ms = parseDuration(text);
      if (ms === undefined || ms > MAX_DURATION_MS) {
        add(path, 'longer than a year', {
          expected: `a duration of at most ${MAX_DURATION_MS / 86_400_000}d`,
          found: JSON.stringify(text),
        });
      }
    },
  };
}

/** Records `id` as seen at `path`, or reports it as a duplicate of its first declaration. */
export function firstOrDuplicate(
  seen: Map<string, DocPath>,
  id: string,
  path: DocPath,
  what: string,
  add: AddProblem,
): void {
  const first = seen.get(id);
  if (first === undefined) seen.set(id, path);
  else
    add(path, `duplicate ${what} id "${id}", first declared at ${formatPath(first)}`, {
      expected: `a ${what} id used once`,
    });
}

/** The ids of a list, each reported if declared twice. */
export function uniqueIds(
  items: ReadonlyArray<{ id: string }>,
  what: string,
  base: DocPath,
  add: AddProblem,
): Set<string> {
  const seen = new Map<string, DocPath>();
  items.forEach((item, i) => firstOrDuplicate(seen, item.id, [...base, i, 'id'], what, add));
  return new Set(seen.keys());
}
