/** The view model of the scenario list: what the page shows, ready to print. */
import type { LibraryEntry } from '../scenario/library.js';
import type { Language } from '../scenario/vocabulary.js';
import { ENTRY_KINDS } from '../scenario/vocabulary.js';
import { zoneAbbreviation } from './story-time.js';
import { ENTRY_KIND_LABELS, pick } from './i18n.js';
import { dateTimeFormat } from '../scenario/time.js';

/** One valid scenario, as listed. */
export interface ScenarioCard {
  id: string;
  title: string;
  summary: string;
  /** "22–26 December 2025" in the scenario's zone. */
  period: string;
  timeZone: string;
  languages: string;
  channelCount: number;
  entryCount: number;
  /** "12 actual · 14 update · …". */
  kinds: string;
  organisations: string;
  /** Whether this is the scenario served by default. */
  isDefault: boolean;
}

/** The whole list page. */
export interface LibraryView {
  scenarios: ScenarioCard[];
  broken: Array<{ file: string; problemCount: number }>;
}

/** Builds the list page's view model from the loaded library; the default scenario comes first. */
export function libraryView(
  library: readonly LibraryEntry[],
  language: Language,
  fileName: (file: string) => string,
  defaultScenario: string,
): LibraryView {
  const scenarios: ScenarioCard[] = [];
  const broken: LibraryView['broken'] = [];
  for (const entry of library) {
    if (!entry.result.ok) {
      broken.push({ file: fileName(entry.file), problemCount: entry.result.problems.length });
      continue;
    }
    const s = entry.result.scenario;
    const range = dateTimeFormat(language === 'fr' ? 'fr-FR' : 'en-GB', {
      timeZone: s.timeZone,
      day: 'numeric',
      month: 'long',
      year: 'numeric',
    });
    const counts = ENTRY_KINDS.map((kind) => [kind, s.entries.filter((e) => e.kind === kind).length] as const).filter(
      ([, n]) => n > 0,
    );
    scenarios.push({
      id: s.id,
      title: pick(s.file.title, language),
      summary: pick(s.file.summary, language),
      period: range.formatRange(new Date(s.startsAtMs), new Date(s.endsAtMs)),
      timeZone: `${s.timeZone} (${zoneAbbreviation(s.startsAtMs, s.timeZone)})`,
      languages: s.languages.join(', '),
      channelCount: s.file.channels.length,
      entryCount: s.entries.length,
      kinds: counts.map(([kind, n]) => `${n} ${ENTRY_KIND_LABELS[language][kind]}`).join(' · '),
      organisations: [...new Set(s.file.groups.map((g) => g.organisation))].join(', '),
      isDefault: s.id === defaultScenario,
    });
  }
  scenarios.sort((a, b) => Number(b.isDefault) - Number(a.isDefault));
  return { scenarios, broken };
}
