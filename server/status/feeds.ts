/**
 * The incident history feeds, `history.atom` and `history.rss`, in the structure Statuspage
 * serves (feed readers, Slack's `/feed subscribe` and feed parsers expect it): one entry per
 * incident, newest first, its updates as entity-escaped HTML. Pure: the text depends only on the
 * model, the language and the base URL.
 */
import { createHash } from 'node:crypto';
import type { Language } from '../scenario/vocabulary.js';
import { formatInZone } from '../scenario/time.js';
import { pick } from './i18n.js';
import type { IncidentModel, StatusModel } from './status-model.js';
import { newestFirst, runPageUrl } from './statuspage.js';
import { incidentCreatedAtMs } from './statuspage-objects.js';
import { escapeXml as esc, incidentHtml, zonedParts } from './feed-html.js';

/** Everything a feed is built from. */
export interface FeedInput {
  model: StatusModel;
  lang: Language;
  /** Scheme, host and port the links start with, without a trailing slash. */
  baseUrl: string;
}

const XML_LANG: Record<Language, string> = { en: 'en-US', fr: 'fr-FR' };
const RFC822_DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const RFC822_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** `<scenario title> Status - Incident History`, the feeds' title. */
export function feedTitle(model: StatusModel, lang: Language): string {
  return `${pick(model.page.name, lang)} Status - Incident History`;
}

/**
 * The stable number in an entry's `tag:` id. Statuspage numbers incidents apart from their
 * 12-character codes; statusdrill derives the number from the code, so it never changes.
 */
export function incidentNumber(code: string): number {
  return parseInt(createHash('sha256').update(code).digest('hex').slice(0, 12), 16);
}

/** A story offset as RFC 822, the way RSS dates read: `Mon, 22 Dec 2025 06:30:00 +0100`. */
export function rfc822(model: StatusModel, offsetMs: number): string {
  const at = zonedParts(model.page.startsAtMs + offsetMs, model.page.timeZone);
  const weekday = RFC822_DAYS[new Date(Date.UTC(at.year, at.month - 1, at.day)).getUTCDay()] ?? '';
  const day = String(at.day).padStart(2, '0');
  return `${weekday}, ${day} ${RFC822_MONTHS[at.month - 1] ?? ''} ${at.year} ${at.time} ${at.offset.replace(':', '')}`;
}

/** The Atom feed. */
export function historyAtom({ model, lang, baseUrl }: FeedInput): string {
  const pageUrl = runPageUrl(baseUrl, model.run);
  const tag = `tag:${new URL(baseUrl).hostname},2005:`;
  const entries = newestFirst(model.incidents).map((incident) => {
    const link = incidentLink(pageUrl, incident);
    return [
      '  <entry>',
      `    <id>${esc(`${tag}Incident/${incidentNumber(incident.code)}`)}</id>`,
      `    <published>${atomTime(model, incidentCreatedAtMs(incident))}</published>`,
      `    <updated>${atomTime(model, incident.updatedAtMs)}</updated>`,
      `    <link rel="alternate" type="text/html" href="${esc(link)}"/>`,
      `    <title>${esc(pick(incident.title, lang))}</title>`,
      `    <content type="html">${esc(incidentHtml(model, incident, lang))}</content>`,
      '  </entry>',
    ];
  });
  return lines([
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<feed xml:lang="${XML_LANG[lang]}" xmlns="http://www.w3.org/2005/Atom">`,
    `  <id>${esc(`${tag}/history`)}</id>`,
    `  <link rel="alternate" type="text/html" href="${esc(pageUrl)}"/>`,
    `  <link rel="self" type="application/atom+xml" href="${esc(`${pageUrl}/history.atom`)}"/>`,
    `  <title>${esc(feedTitle(model, lang))}</title>`,
    `  <updated>${atomTime(model, model.page.updatedAtMs)}</updated>`,
    '  <author>',
    `    <name>${esc(pick(model.page.name, lang))}</name>`,
    '  </author>',
    ...entries.flat(),
    '</feed>',
  ]);
}

/** The RSS 2.0 feed. */
export function historyRss({ model, lang, baseUrl }: FeedInput): string {
  const pageUrl = runPageUrl(baseUrl, model.run);
  const items = newestFirst(model.incidents).map((incident) => {
    const link = esc(incidentLink(pageUrl, incident));
    return [
      '    <item>',
      `      <title>${esc(pick(incident.title, lang))}</title>`,
      `      <description>${esc(incidentHtml(model, incident, lang))}</description>`,
      `      <pubDate>${rfc822(model, incident.updatedAtMs)}</pubDate>`,
      `      <link>${link}</link>`,
      `      <guid>${link}</guid>`,
      '    </item>',
    ];
  });
  return lines([
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    '  <channel>',
    `    <title>${esc(feedTitle(model, lang))}</title>`,
    `    <link>${esc(pageUrl)}</link>`,
    '    <description>Statuspage</description>',
    `    <pubDate>${rfc822(model, model.page.updatedAtMs)}</pubDate>`,
    ...items.flat(),
    '  </channel>',
    '</rss>',
  ]);
}

/** Where an incident is shown: its anchor on the run's page (statusdrill has no incident pages). */
function incidentLink(pageUrl: string, incident: IncidentModel): string {
  return `${pageUrl}#incident-${incident.code}`;
}

function atomTime(model: StatusModel, offsetMs: number): string {
  return formatInZone(model.page.startsAtMs + offsetMs, model.page.timeZone);
}

function lines(parts: string[]): string {
  return `${parts.join('\n')}\n`;
}
