/** Story times as people read them: in the scenario's zone, with the zone's abbreviation. */
import type { Language } from '../scenario/vocabulary.js';
import { dateTimeFormat } from '../scenario/time.js';

const LOCALES: Record<Language, string> = { fr: 'fr-FR', en: 'en-GB' };

/** The zone's short name at an instant, e.g. "CET" or "CEST" for Europe/Paris. */
export function zoneAbbreviation(epochMs: number, timeZone: string): string {
  const part = dateTimeFormat('en-GB', { timeZone, timeZoneName: 'short' })
    .formatToParts(new Date(epochMs))
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? timeZone;
}

/** "Monday, 22 December 2025 at 10:00 CET" / "lundi 22 décembre 2025 à 10:00 CET". */
export function formatStoryTime(epochMs: number, timeZone: string, language: Language): string {
  const text = dateTimeFormat(LOCALES[language], {
    timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(epochMs));
  return `${text} ${zoneAbbreviation(epochMs, timeZone)}`;
}
