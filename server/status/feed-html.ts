/**
 * The HTML of one incident in the history feeds, as Statuspage writes it: one paragraph per
 * update, newest first, stamped with local time and the zone's abbreviation (no offset), then the
 * stage label and the text. Every scenario text is HTML-escaped here; the feeds escape the result
 * once more as XML.
 */
import type { Language, Stage } from '../scenario/vocabulary.js';
import { formatInZone } from '../scenario/time.js';
import { zoneAbbreviation } from './story-time.js';
import type { IncidentModel, StatusModel } from './status-model.js';
import { updateBody } from './statuspage-objects.js';
import { STAGE_LABEL } from './labels.js';

/** A feed label: an incident stage, or `update` for an update that did not change the stage. */
export type FeedLabel = Stage | 'update';

/** The label of each paragraph, in each language: the stage's, or "Update". */
export const FEED_LABEL: Record<Language, Record<FeedLabel, string>> = {
  en: { ...STAGE_LABEL.en, update: 'Update' },
  fr: { ...STAGE_LABEL.fr, update: 'Mise à jour' },
};

/** Short month names, January first. */
const MONTHS: Record<Language, readonly string[]> = {
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  fr: ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'],
};

/** Characters XML 1.0 forbids even escaped: C0 controls but tab and newlines, lone surrogates, U+FFFE/F. */
const NOT_XML =
  // eslint-disable-next-line no-control-regex -- matching these control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Escapes text for XML content and double-quoted attribute values; characters XML forbids are dropped. */
export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** Escapes text for HTML content and attribute values, either quote included. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** The parts of an instant's wall-clock reading in a zone. */
export interface ZonedParts {
  year: number;
  /** 1 to 12. */
  month: number;
  day: number;
  /** `HH:MM:SS`, 24-hour. */
  time: string;
  /** `+01:00`. */
  offset: string;
}

/** Reads an instant in a zone. */
export function zonedParts(epochMs: number, timeZone: string): ZonedParts {
  const text = formatInZone(epochMs, timeZone);
  return {
    year: Number(text.slice(0, 4)),
    month: Number(text.slice(5, 7)),
    day: Number(text.slice(8, 10)),
    time: text.slice(11, 19),
    offset: text.slice(19),
  };
}

/** Each update's label, newest first: its stage, or `update` when the stage did not change. */
export function feedLabels(incident: IncidentModel): FeedLabel[] {
  return incident.updates.map((update, i) => {
    const previous = incident.updates[i + 1];
    return previous !== undefined && previous.stage === update.stage ? 'update' : update.stage;
  });
}

/**
 * The incident's HTML: `<p><small>Dec <var data-var='date'>22</var>, <var data-var='time'>06:30</var>
 * CET</small><br><strong>Investigating</strong> - text</p>` per update, newest first.
 */
export function incidentHtml(model: StatusModel, incident: IncidentModel, lang: Language): string {
  const labels = feedLabels(incident);
  return incident.updates
    .map((update, i) => {
      const epochMs = model.page.startsAtMs + update.atMs;
      const at = zonedParts(epochMs, model.page.timeZone);
      const month = MONTHS[lang][at.month - 1] ?? '';
      const day = String(at.day).padStart(2, ' ');
      const zone = zoneAbbreviation(epochMs, model.page.timeZone);
      const label = FEED_LABEL[lang][labels[i] ?? update.stage];
      const body = escapeHtml(updateBody(update, lang)).replace(/\r?\n/g, '<br>');
      return (
        `<p><small>${escapeHtml(month)} <var data-var='date'>${day}</var>, ` +
        `<var data-var='time'>${at.time.slice(0, 5)}</var> ${escapeHtml(zone)}</small>` +
        `<br><strong>${escapeHtml(label)}</strong> - ${body}</p>`
      );
    })
    .join('');
}
