/**
 * Checks a shape-valid scenario for what a schema cannot see: ids that must match, exist once and
 * be referenced correctly, texts in every declared language, times inside the story, incidents
 * opened properly. Each problem carries the path where the author can fix it.
 */
import type { ScenarioFile } from './schema.js';
import { isCalendarDate, isTimeZone, parseDateTime } from './time.js';
import { didYouMean, type DocPath, type UnlocatedProblem } from './problems.js';
import { createCheckContext, uniqueIds, type AddProblem } from './check-context.js';
import { checkTimeline, type IndexedEntry } from './timeline-checks.js';

export type { IndexedEntry };

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

/** Every semantic problem of the scenario. */
export function checkSemantics({
  fileId,
  scenario,
  entries,
  unjudgedIncidents = new Set(),
}: SemanticInput): UnlocatedProblem[] {
  const problems: UnlocatedProblem[] = [];
  const add: AddProblem = (path: DocPath, message: string, extra = {}) => {
    problems.push({ path, message, ...extra });
  };

  if (scenario.id !== fileId) {
    add(['id'], 'the id must equal the file name without its extension', {
      expected: JSON.stringify(fileId),
      found: JSON.stringify(scenario.id),
    });
  }
  if (!isTimeZone(scenario.timeZone)) {
    add(
      ['timeZone'],
      `unknown time zone "${scenario.timeZone}"${didYouMean(scenario.timeZone, Intl.supportedValuesOf('timeZone'))}`,
      {
        expected: 'an IANA time zone such as "Europe/Paris"',
        found: JSON.stringify(scenario.timeZone),
      },
    );
  }
  const span = checkSpan(scenario, add);
  const seen = new Set<string>();
  scenario.languages.forEach((language, i) => {
    if (seen.has(language)) add(['languages', i], `language "${language}" is listed twice`);
    seen.add(language);
  });

  const sourceIds = uniqueIds(scenario.sources ?? [], 'source', ['sources'], add);
  (scenario.sources ?? []).forEach((source, i) => {
    if (!isCalendarDate(source.date))
      add(['sources', i, 'date'], 'not a real date', { found: JSON.stringify(source.date) });
  });
  const groupIds = uniqueIds(scenario.groups, 'group', ['groups'], add);
  const channelIds = uniqueIds(scenario.channels, 'channel', ['channels'], add);
  const ctx = createCheckContext(add, scenario, span, { sourceIds, channelIds });

  const policy = scenario.commsPolicy;
  ctx.checkDuration(['commsPolicy', 'firstUpdateWithin'], policy?.firstUpdateWithin);
  ctx.checkDuration(['commsPolicy', 'scopingWithin'], policy?.scopingWithin);
  ctx.checkDuration(['commsPolicy', 'maxGap'], policy?.maxGap);
  ctx.checkText(['title'], scenario.title);
  ctx.checkText(['summary'], scenario.summary);
  ctx.checkText(['marking'], scenario.marking);
  scenario.groups.forEach((group, i) => {
    ctx.checkText(['groups', i, 'name'], group.name);
    ctx.checkText(['groups', i, 'description'], group.description);
    if (!scenario.channels.some((channel) => channel.group === group.id)) {
      add(['groups', i, 'id'], `group "${group.id}" has no channels`, {
        expected: 'at least one channel with this group',
      });
    }
  });
  scenario.channels.forEach((channel, i) => {
    ctx.checkText(['channels', i, 'name'], channel.name);
    ctx.checkText(['channels', i, 'description'], channel.description);
    if (!groupIds.has(channel.group)) {
      add(['channels', i, 'group'], `unknown group "${channel.group}"${didYouMean(channel.group, groupIds)}`, {
        expected: `one of the group ids: ${[...groupIds].join(', ')}`,
      });
    }
  });
  checkTimeline(ctx, entries, unjudgedIncidents);
  return problems;
}

/** `startsAt` and `endsAt` are real times, in that order. */
function checkSpan(
  scenario: Omit<ScenarioFile, 'timeline'>,
  add: AddProblem,
): { startsAt: number; endsAt: number } | undefined {
  const startsAt = parseDateTime(scenario.startsAt);
  const endsAt = parseDateTime(scenario.endsAt);
  if (startsAt === undefined)
    add(['startsAt'], 'not a real date and time', { found: JSON.stringify(scenario.startsAt) });
  if (endsAt === undefined) add(['endsAt'], 'not a real date and time', { found: JSON.stringify(scenario.endsAt) });
  if (startsAt === undefined || endsAt === undefined) return undefined;
  if (endsAt <= startsAt) {
    add(['endsAt'], 'the scenario must end after it starts', {
      expected: `a time after ${scenario.startsAt}`,
      found: JSON.stringify(scenario.endsAt),
    });
    return undefined;
  }
  return { startsAt, endsAt };
}
