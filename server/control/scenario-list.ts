/** The scenario library as the console lists it: each file, whether it is valid, and its problems. */
import { basename } from 'node:path';
import type { LibraryEntry } from '../scenario/library.js';
import type { Language } from '../scenario/vocabulary.js';
import { pick } from '../status/i18n.js';

/** One file of the library. */
export interface ScenarioItem {
  id: string;
  file: string;
  ok: boolean;
  title: string;
  channels: number;
  entries: number;
  languages: string[];
  problems: Array<{ line: number; column: number; path: string; message: string }>;
}

/** Every file of the library, valid or not. */
export function scenarioList(library: readonly LibraryEntry[], lang: Language): ScenarioItem[] {
  return library.map((entry) => {
    const base = { id: entry.id, file: basename(entry.file) };
    if (!entry.result.ok) {
      const problems = entry.result.problems.map((p) => ({
        line: p.line,
        column: p.column,
        path: p.path,
        message: p.message,
      }));
      return { ...base, ok: false, title: entry.id, channels: 0, entries: 0, languages: [], problems };
    }
    const s = entry.result.scenario;
    return {
      ...base,
      ok: true,
      title: pick(s.file.title, lang, s.languages[0]),
      channels: s.file.channels.length,
      entries: s.entries.length,
      languages: s.languages,
      problems: [],
    };
  });
}

/** The valid scenario with this id, if any. */
export function findScenario(library: readonly LibraryEntry[], id: string) {
  const entry = library.find((e) => e.id === id);
  return entry?.result.ok === true ? entry.result.scenario : undefined;
}
