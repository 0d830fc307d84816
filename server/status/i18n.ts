/**
 * Interface strings in every language statusdrill speaks, and how a request's language is chosen.
 * Scenario texts carry their own translations; these are the product's words.
 */
import { LANGUAGES, type EntryKind, type Language } from '../scenario/vocabulary.js';

const MESSAGES = {
  fr: {
    htmlTitle: 'statusdrill : scénarios',
    tagline: 'Simulateur de page de statut pour exercices de crise',
    simulatorNotice: 'Outil d’exercice : les pages de statut produites ici sont simulées.',
    scenariosHeading: 'Scénarios',
    scenarioId: 'Identifiant',
    channels: 'Canaux',
    entries: 'Événements',
    defaultScenario: 'Scénario par défaut',
    timeZone: 'Fuseau',
    languages: 'Langues',
    brokenHeading: 'Fichiers de scénario ignorés',
    brokenHelp: 'Ces fichiers ont des erreurs ; lancez « npm run validate » pour le détail.',
    problems: 'problème(s)',
    noScenarios: 'Aucun scénario valide dans le dossier des scénarios.',
    footer: 'statusdrill n’est affilié à aucune des organisations représentées dans ses scénarios.',
    notFound: 'Page introuvable',
    serverError: 'Erreur du serveur',
    switchLanguage: 'English',
  },
  en: {
    htmlTitle: 'statusdrill: scenarios',
    tagline: 'Status page simulator for crisis exercises',
    simulatorNotice: 'An exercise tool: the status pages it produces are simulated.',
    scenariosHeading: 'Scenarios',
    scenarioId: 'Id',
    channels: 'Channels',
    entries: 'Entries',
    defaultScenario: 'Default scenario',
    timeZone: 'Time zone',
    languages: 'Languages',
    brokenHeading: 'Scenario files skipped',
    brokenHelp: 'These files have errors; run "npm run validate" for the details.',
    problems: 'problem(s)',
    noScenarios: 'No valid scenario in the scenarios folder.',
    footer: 'statusdrill is not affiliated with any organisation depicted in its scenarios.',
    notFound: 'Page not found',
    serverError: 'Server error',
    switchLanguage: 'Français',
  },
} as const satisfies Record<Language, Record<string, string>>;

/** How each kind of timeline entry is named, in each language. */
export const ENTRY_KIND_LABELS: Record<Language, Record<EntryKind, string>> = {
  fr: { actual: 'état réel', update: 'communication', inject: 'stimulus', prompt: 'question', expect: 'attendu' },
  en: { actual: 'actual', update: 'update', inject: 'inject', prompt: 'prompt', expect: 'expectation' },
};

/** The interface strings of one language. */
export type Messages = (typeof MESSAGES)[Language];

/** The interface strings in `language`. */
export function messages(language: Language): Messages {
  return MESSAGES[language];
}

/** Whether a value names a language statusdrill speaks. */
export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}
