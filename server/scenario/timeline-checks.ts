/**
 * Semantic checks of timeline entries: times, citations, references to channels and
 * incidents, and incidents opened with a title and an impact. An expectation's `onMissed`
 * contingency is checked as an inject entry is.
 */
import type { EntryFile, InjectSpec } from './schema.js';
import { didYouMean, type DocPath } from './problems.js';
import { firstOrDuplicate, type AddProblem, type CheckContext } from './check-context.js';

/** A timeline entry with its index in the file, so problems point at the right place. */
export interface IndexedEntry {
  index: number;
  entry: EntryFile;
}

interface TimedEntry extends IndexedEntry {
  offset: number;
}

/** Checks every entry, then the incidents the updates open. */
export function checkTimeline(
  ctx: CheckContext,
  entries: readonly IndexedEntry[],
  unjudgedIncidents: ReadonlySet<string>,
): void {
  const requireProvenance = (ctx.scenario.sources ?? []).length > 0;
  const expectIds = new Map<string, DocPath>();
  const injectIds = new Map<string, DocPath>();
  const timed: TimedEntry[] = [];
  for (const { index, entry } of entries) {
    const at: DocPath = ['timeline', index];
    const offset = ctx.checkTime([...at, 'at'], entry.at);
    if (offset !== undefined) timed.push({ offset, index, entry });
    checkCitations(ctx, at, entry);
    if ('actual' in entry) {
      ctx.checkChannelKeys([...at, 'actual'], entry.actual);
      if (Object.keys(entry.actual).length === 0)
        ctx.add([...at, 'actual'], 'an actual entry must set at least one channel');
      if (requireProvenance && entry.source === undefined && entry.assumption === undefined) {
        ctx.add(at, 'an actual status change must cite a source or state an assumption', {
          expected: 'a "source" or an "assumption" key',
        });
      }
    } else if ('update' in entry) {
      checkUpdate(ctx, [...at, 'update'], entry.update);
    } else if ('inject' in entry) {
      checkInject(ctx, [...at, 'inject'], entry.inject, injectIds);
    } else if ('prompt' in entry) {
      ctx.checkText([...at, 'prompt'], entry.prompt);
    } else {
      const e = entry.expect;
      ctx.checkDuration([...at, 'expect', 'within'], e.within);
      ctx.checkText([...at, 'expect', 'description'], e.description);
      firstOrDuplicate(expectIds, e.id, [...at, 'expect', 'id'], 'expectation', ctx.add);
      if (e.onMissed !== undefined) checkInject(ctx, [...at, 'expect', 'onMissed'], e.onMissed, injectIds);
      if (e.channel !== undefined && !ctx.channelIds.has(e.channel)) {
        ctx.add(
          [...at, 'expect', 'channel'],
          `unknown channel "${e.channel}"${didYouMean(e.channel, ctx.channelIds)}`,
          { expected: 'a channel id declared in channels' },
        );
      }
      if (e.kind === 'channel-status' && (e.channel === undefined || e.status === undefined)) {
        ctx.add([...at, 'expect'], 'a channel-status expectation needs both "channel" and "status"', {
          expected: 'channel: <id>, status: <status>',
        });
      }
    }
  }
  checkIncidents(timed, unjudgedIncidents, ctx.add);
}

/** An inject's texts are in every language, and its id, if any, is unique among injects. */
function checkInject(ctx: CheckContext, path: DocPath, inject: InjectSpec, injectIds: Map<string, DocPath>): void {
  ctx.checkLabel([...path, 'from'], inject.from);
  ctx.checkText([...path, 'subject'], inject.subject);
  ctx.checkText([...path, 'body'], inject.body);
  if (inject.id !== undefined) firstOrDuplicate(injectIds, inject.id, [...path, 'id'], 'inject', ctx.add);
}

function checkCitations(ctx: CheckContext, at: DocPath, entry: EntryFile): void {
  const sources = entry.source === undefined ? [] : Array.isArray(entry.source) ? entry.source : [entry.source];
  sources.forEach((id, i) => {
    if (ctx.sourceIds.has(id)) return;
    const path = Array.isArray(entry.source) ? [...at, 'source', i] : [...at, 'source'];
    ctx.add(path, `unknown source "${id}"${didYouMean(id, ctx.sourceIds)}`, {
      expected: ctx.sourceIds.size > 0 ? 'an id declared in sources' : 'a sources list that declares it',
    });
  });
}

function checkUpdate(ctx: CheckContext, path: DocPath, u: Extract<EntryFile, { update: unknown }>['update']): void {
  ctx.checkText([...path, 'title'], u.title);
  ctx.checkText([...path, 'body'], u.body);
  ctx.checkText([...path, 'workaround'], u.workaround);
  ctx.checkLabel([...path, 'publisher'], u.publisher);
  if (u.channels !== undefined) ctx.checkChannelKeys([...path, 'channels'], u.channels);
  if (u.nextUpdateAt !== undefined) ctx.checkTime([...path, 'nextUpdateAt'], u.nextUpdateAt);
  if (u.wording === 'composed' && u.originalLanguage !== undefined) {
    ctx.add([...path, 'originalLanguage'], 'a composed update has no original language: no organisation published it', {
      expected: 'no originalLanguage, or a wording other than composed',
    });
  }
  if (u.originalLanguage !== undefined && !ctx.languages.has(u.originalLanguage)) {
    ctx.add([...path, 'originalLanguage'], `"${u.originalLanguage}" is not one of the scenario's languages`, {
      expected: `one of ${ctx.scenario.languages.join(', ')}`,
    });
  }
}

/**
 * Incidents open with their first update in story order (file order breaks ties): that update
 * must carry a title and an impact, and every later reference must name an opened incident.
 */
function checkIncidents(timed: readonly TimedEntry[], unjudged: ReadonlySet<string>, add: AddProblem): void {
  const ordered = [...timed].sort((a, b) => a.offset - b.offset || a.index - b.index);
  const opened = new Set<string>(unjudged);
  const allIncidents = new Set(ordered.flatMap(({ entry }) => ('update' in entry ? [entry.update.incident] : [])));
  for (const { index, entry } of ordered) {
    if (!('update' in entry) || opened.has(entry.update.incident)) continue;
    const { incident, title, impact } = entry.update;
    const missing = [title === undefined ? 'title' : undefined, impact === undefined ? 'impact' : undefined].filter(
      Boolean,
    );
    if (missing.length > 0) {
      const others = [...allIncidents].filter((id) => id !== incident);
      add(
        ['timeline', index, 'update'],
        `the first update of incident "${incident}" opens it and needs ${missing.join(' and ')}${didYouMean(incident, others)}`,
        {
          expected: 'title and impact on the first update of an incident',
        },
      );
    }
    opened.add(incident);
  }
  for (const { index, entry } of ordered) {
    if ('expect' in entry && entry.expect.incident !== undefined && !opened.has(entry.expect.incident)) {
      add(
        ['timeline', index, 'expect', 'incident'],
        `unknown incident "${entry.expect.incident}"${didYouMean(entry.expect.incident, opened)}`,
        {
          expected: 'the id of an incident opened by an update',
        },
      );
    }
  }
}
