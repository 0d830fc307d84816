/**
 * Checks a shape-valid scenario for what a schema cannot see: ids that must match, exist once and
 * be referenced correctly, texts in every declared language, times inside the story, incidents
 * opened properly. Each problem carries the path where the author can fix it.
 */
import type { EntryFile, LabelText, LocalizedText, ScenarioFile } from './schema.js';
import { ENTRY_KINDS } from './vocabulary.js';
import { isCalendarDate, isTimeZone, parseDateTime, resolveTimeRef } from './time.js';
import { didYouMean, formatPath, type DocPath, type UnlocatedProblem } from './problems.js';

/** A timeline entry with its index in the file, so problems point at the right place. */
export interface IndexedEntry {
  index: number;
  entry: EntryFile;
}

/** Everything the semantic checks need: the file's id and its (possibly partial) content. */
export interface SemanticInput {
  /** The id the file name implies. */
  fileId: string;
  scenario: Omit<ScenarioFile, 'timeline'>;
  /** The timeline entries whose shape is valid. */
  entries: IndexedEntry[];
  /**
   * Incidents named by timeline entries whose shape is invalid: one of them may be the opening
   * update, so their openings are not judged.
   */
  unjudgedIncidents?: ReadonlySet<string>;
}

/** Every semantic problem of the scenario, in document order. */
export function checkSemantics({
  fileId,
  scenario,
  entries,
  unjudgedIncidents = new Set(),
}: SemanticInput): UnlocatedProblem[] {
  const problems: UnlocatedProblem[] = [];
  const add = (path: DocPath, message: string, extra: Partial<UnlocatedProblem> = {}): void => {
    problems.push({ path, message, ...extra });
  };

  if (scenario.id !== fileId) {
    add(['id'], `the id must equal the file name without its extension`, {
      expected: JSON.stringify(fileId),
      found: JSON.stringify(scenario.id),
    });
  }
  if (!isTimeZone(scenario.timeZone)) {
    add(
      ['timeZone'],
      `unknown time zone "${scenario.timeZone}"${didYouMean(scenario.timeZone, Intl.supportedValuesOf('timeZone'))}`,
      { expected: 'an IANA time zone such as "Europe/Paris"', found: JSON.stringify(scenario.timeZone) },
    );
  }
  const startsAt = parseDateTime(scenario.startsAt);
  const endsAt = parseDateTime(scenario.endsAt);
  if (startsAt === undefined)
    add(['startsAt'], 'not a real date and time', { found: JSON.stringify(scenario.startsAt) });
  if (endsAt === undefined) add(['endsAt'], 'not a real date and time', { found: JSON.stringify(scenario.endsAt) });
  if (startsAt !== undefined && endsAt !== undefined && endsAt <= startsAt) {
    add(['endsAt'], 'the scenario must end after it starts', {
      expected: `a time after ${scenario.startsAt}`,
      found: JSON.stringify(scenario.endsAt),
    });
  }

  const seenLanguages = new Set<string>();
  scenario.languages.forEach((language, i) => {
    if (seenLanguages.has(language)) add(['languages', i], `language "${language}" is listed twice`);
    seenLanguages.add(language);
  });
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
      if (!seenLanguages.has(language)) {
        add([...path, language], `"${language}" is not one of the scenario's languages`, {
          atKey: true,
          expected: `one of ${scenario.languages.join(', ')}`,
        });
      }
    }
  };
  const checkLabel = (path: DocPath, label: LabelText | undefined): void => {
    if (typeof label === 'object') checkText(path, label);
  };
  checkText(['title'], scenario.title);
  checkText(['summary'], scenario.summary);
  checkText(['marking'], scenario.marking);

  const sourceIds = uniqueIds(scenario.sources ?? [], 'source', ['sources'], add);
  (scenario.sources ?? []).forEach((source, i) => {
    if (!isCalendarDate(source.date))
      add(['sources', i, 'date'], 'not a real date', { found: JSON.stringify(source.date) });
  });

  const groupIds = uniqueIds(scenario.groups, 'group', ['groups'], add);
  scenario.groups.forEach((group, i) => {
    checkText(['groups', i, 'name'], group.name);
    checkText(['groups', i, 'description'], group.description);
    if (!scenario.channels.some((channel) => channel.group === group.id)) {
      add(['groups', i, 'id'], `group "${group.id}" has no channels`, {
        expected: 'at least one channel with this group',
      });
    }
  });

  const channelIds = uniqueIds(scenario.channels, 'channel', ['channels'], add);
  scenario.channels.forEach((channel, i) => {
    checkText(['channels', i, 'name'], channel.name);
    checkText(['channels', i, 'description'], channel.description);
    if (!groupIds.has(channel.group)) {
      add(['channels', i, 'group'], `unknown group "${channel.group}"${didYouMean(channel.group, groupIds)}`, {
        expected: `one of the group ids: ${[...groupIds].join(', ')}`,
      });
    }
  });

  const checkChannelKeys = (path: DocPath, statuses: Record<string, unknown>): void => {
    for (const id of Object.keys(statuses)) {
      if (!channelIds.has(id)) {
        add([...path, id], `unknown channel "${id}"${didYouMean(id, channelIds)}`, {
          atKey: true,
          expected: 'a channel id declared in channels',
        });
      }
    }
  };
  const checkTime = (path: DocPath, text: string): number | undefined => {
    if (startsAt === undefined || endsAt === undefined) return undefined;
    const offset = resolveTimeRef(text, startsAt);
    if (offset === undefined) {
      add(path, 'not a real date and time', {
        expected: 'a date-time with offset or an offset such as "+1h15m"',
        found: JSON.stringify(text),
      });
      return undefined;
    }
    if (offset < 0 || startsAt + offset > endsAt) {
      add(path, 'outside the scenario', {
        expected: `a time between startsAt (${scenario.startsAt}) and endsAt (${scenario.endsAt})`,
        found: JSON.stringify(text),
      });
    }
    return offset;
  };

  const requireProvenance = (scenario.sources ?? []).length > 0;
  const expectIds = new Map<string, DocPath>();
  const injectIds = new Map<string, DocPath>();
  const timed: Array<{ offset: number; index: number; entry: EntryFile }> = [];
  for (const { index, entry } of entries) {
    const at: DocPath = ['timeline', index];
    const offset = checkTime([...at, 'at'], entry.at);
    if (offset !== undefined) timed.push({ offset, index, entry });
    const sources = entry.source === undefined ? [] : Array.isArray(entry.source) ? entry.source : [entry.source];
    sources.forEach((id, i) => {
      if (!sourceIds.has(id)) {
        const path = Array.isArray(entry.source) ? [...at, 'source', i] : [...at, 'source'];
        add(path, `unknown source "${id}"${didYouMean(id, sourceIds)}`, {
          expected: sourceIds.size > 0 ? 'an id declared in sources' : 'a sources list that declares it',
        });
      }
    });
    if ('actual' in entry) {
      checkChannelKeys([...at, 'actual'], entry.actual);
      if (Object.keys(entry.actual).length === 0)
        add([...at, 'actual'], 'an actual entry must set at least one channel');
      if (requireProvenance && entry.source === undefined && entry.assumption === undefined) {
        add(at, 'an actual status change must cite a source or state an assumption', {
          expected: 'a "source" or an "assumption" key',
        });
      }
    } else if ('update' in entry) {
      const u = entry.update;
      checkText([...at, 'update', 'title'], u.title);
      checkText([...at, 'update', 'body'], u.body);
      checkText([...at, 'update', 'workaround'], u.workaround);
      if (u.channels !== undefined) checkChannelKeys([...at, 'update', 'channels'], u.channels);
      if (u.nextUpdateAt !== undefined) checkTime([...at, 'update', 'nextUpdateAt'], u.nextUpdateAt);
      checkLabel([...at, 'update', 'publisher'], u.publisher);
      if (u.wording === 'composed' && u.originalLanguage !== undefined) {
        add(
          [...at, 'update', 'originalLanguage'],
          'a composed update has no original language: no organisation published it',
          { expected: 'no originalLanguage, or a wording other than composed' },
        );
      }
      if (u.originalLanguage !== undefined && !seenLanguages.has(u.originalLanguage)) {
        add([...at, 'update', 'originalLanguage'], `"${u.originalLanguage}" is not one of the scenario's languages`, {
          expected: `one of ${scenario.languages.join(', ')}`,
        });
      }
    } else if ('inject' in entry) {
      checkLabel([...at, 'inject', 'from'], entry.inject.from);
      checkText([...at, 'inject', 'subject'], entry.inject.subject);
      checkText([...at, 'inject', 'body'], entry.inject.body);
      if (entry.inject.id !== undefined)
        firstOrDuplicate(injectIds, entry.inject.id, [...at, 'inject', 'id'], 'inject', add);
    } else if ('prompt' in entry) {
      checkText([...at, 'prompt'], entry.prompt);
    } else {
      const e = entry.expect;
      checkText([...at, 'expect', 'description'], e.description);
      firstOrDuplicate(expectIds, e.id, [...at, 'expect', 'id'], 'expectation', add);
      if (e.channel !== undefined && !channelIds.has(e.channel)) {
        add([...at, 'expect', 'channel'], `unknown channel "${e.channel}"${didYouMean(e.channel, channelIds)}`, {
          expected: 'a channel id declared in channels',
        });
      }
      if (e.kind === 'channel-status' && (e.channel === undefined || e.status === undefined)) {
        add([...at, 'expect'], 'a channel-status expectation needs both "channel" and "status"', {
          expected: 'channel: <id>, status: <status>',
        });
      }
    }
  }

  checkIncidents(timed, unjudgedIncidents, add);
  return problems;
}

/**
 * Incidents open with their first update in story order (file order breaks ties): that update
 * must carry a title and an impact, and every later reference must name an opened incident.
 */
function checkIncidents(
  timed: Array<{ offset: number; index: number; entry: EntryFile }>,
  unjudged: ReadonlySet<string>,
  add: (path: DocPath, message: string, extra?: Partial<UnlocatedProblem>) => void,
): void {
  const ordered = [...timed].sort((a, b) => a.offset - b.offset || a.index - b.index);
  const opened = new Set<string>(unjudged);
  const allIncidents = new Set(ordered.flatMap(({ entry }) => ('update' in entry ? [entry.update.incident] : [])));
  for (const { index, entry } of ordered) {
    if (!('update' in entry)) continue;
    const { incident, title, impact } = entry.update;
    if (opened.has(incident)) continue;
    const missing = [title === undefined ? 'title' : undefined, impact === undefined ? 'impact' : undefined].filter(
      Boolean,
    );
    if (missing.length > 0) {
      const others = [...allIncidents].filter((id) => id !== incident);
      add(
        ['timeline', index, 'update'],
        `the first update of incident "${incident}" opens it and needs ${missing.join(' and ')}${didYouMean(incident, others)}`,
        { expected: 'title and impact on the first update of an incident' },
      );
    }
    opened.add(incident);
  }
  for (const { index, entry } of ordered) {
    if ('expect' in entry && entry.expect.incident !== undefined && !opened.has(entry.expect.incident)) {
      add(
        ['timeline', index, 'expect', 'incident'],
        `unknown incident "${entry.expect.incident}"${didYouMean(entry.expect.incident, opened)}`,
        { expected: 'the id of an incident opened by an update' },
      );
    }
  }
}

function uniqueIds(
  items: ReadonlyArray<{ id: string }>,
  what: string,
  base: DocPath,
  add: (path: DocPath, message: string, extra?: Partial<UnlocatedProblem>) => void,
): Set<string> {
  const seen = new Map<string, DocPath>();
  items.forEach((item, i) => firstOrDuplicate(seen, item.id, [...base, i, 'id'], what, add));
  return new Set(seen.keys());
}

function firstOrDuplicate(
  seen: Map<string, DocPath>,
  id: string,
  path: DocPath,
  what: string,
  add: (path: DocPath, message: string, extra?: Partial<UnlocatedProblem>) => void,
): void {
  const first = seen.get(id);
  if (first === undefined) seen.set(id, path);
  else
    add(path, `duplicate ${what} id "${id}", first declared at ${formatPath(first)}`, {
      expected: `a ${what} id used once`,
    });
}

/** The kind of a shape-valid entry. */
export function entryKind(entry: EntryFile): (typeof ENTRY_KINDS)[number] {
  return ENTRY_KINDS.find((kind) => kind in entry) ?? 'actual';
}
