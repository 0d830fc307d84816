/**
 * Interface strings in every language statusdrill speaks, and how a request's language is chosen.
 * Scenario texts carry their own translations; these are the product's words.
 */
import { LANGUAGES, type EntryKind, type Language } from '../scenario/vocabulary.js';
import type { LocalizedText } from '../scenario/schema.js';

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
    shareInvalid: 'Ce lien de partage n’est pas valide, ou il a été révoqué.',
    serverError: 'Erreur du serveur',
    switchLanguage: 'English',
    banner: 'Page de statut simulée · Simulated status page',
    notAffiliated:
      'Page simulée pour un exercice. statusdrill n’est pas affilié aux organisations représentées ({organisations}) ; rien ici n’émane d’elles.',
    storyTime: 'Heure du scénario',
    playing: 'en cours',
    paused: 'en pause',
    ended: 'terminé',
    speed: 'vitesse',
    reconnecting: 'Reconnexion…',
    subscribeHeading: 'Recevoir les mises à jour',
    subscribeHelp:
      'Exercice : aucun message n’est envoyé. Les notifications vont dans la boîte d’envoi simulée de l’animateur.',
    subscribeEmail: 'E-mail',
    subscribeSms: 'SMS',
    subscribeKind: 'Par',
    subscribeAddress: 'Adresse e-mail ou numéro de téléphone (+33…)',
    subscribeButton: 'S’abonner',
    subscribed: 'Abonnement enregistré (simulé : rien ne sera envoyé).',
    subscribeError: 'Adresse non valide : vérifiez l’e-mail ou le numéro (format +33612345678).',
    notWorking: 'Ne fonctionne pas normalement',
    working: 'Fonctionne normalement',
    nothingDown: 'Aucun service touché.',
    servicesHeading: 'État des services',
    activeIncidents: 'Incidents en cours',
    resolvedIncidents: 'Incidents résolus',
    noActiveIncident: 'Aucun incident en cours.',
    whatStillWorks: 'Ce qui fonctionne',
    translated: 'Traduction non officielle',
    composed: 'Texte composé pour l’exercice',
    assembled: 'Assemblé à partir de citations',
    paraphrased: 'Propos rapportés',
    since: 'depuis',
    availabilityHeading: 'Disponibilité depuis le début du scénario',
    legend: 'Légende',
    notYet: 'À venir',
    perHour: 'une case par heure',
    perDay: 'une case par jour',
    nextUpdate: 'Prochaine mise à jour',
    runsHeading: 'Pages de statut en direct',
    open: 'Ouvrir',
    allScenarios: 'Tous les scénarios',
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
    shareInvalid: 'This share link is not valid, or it was revoked.',
    serverError: 'Server error',
    switchLanguage: 'Français',
    banner: 'Simulated status page · Page de statut simulée',
    notAffiliated:
      'Simulated page for an exercise. statusdrill is not affiliated with the organisations depicted ({organisations}); nothing here comes from them.',
    storyTime: 'Scenario time',
    playing: 'playing',
    paused: 'paused',
    ended: 'ended',
    speed: 'speed',
    reconnecting: 'Reconnecting…',
    subscribeHeading: 'Get updates',
    subscribeHelp: 'Exercise: nothing is sent. Notifications go to the facilitator’s simulated outbox.',
    subscribeEmail: 'Email',
    subscribeSms: 'SMS',
    subscribeKind: 'By',
    subscribeAddress: 'Email address or phone number (+44…)',
    subscribeButton: 'Subscribe',
    subscribed: 'Subscription recorded (simulated: nothing will be sent).',
    subscribeError: 'Not a valid address: check the email or the number (format +447700900123).',
    notWorking: 'Not working normally',
    working: 'Working normally',
    nothingDown: 'No service affected.',
    servicesHeading: 'Service status',
    activeIncidents: 'Active incidents',
    resolvedIncidents: 'Resolved incidents',
    noActiveIncident: 'No active incident.',
    whatStillWorks: 'What still works',
    translated: 'Unofficial translation',
    composed: 'Text composed for the exercise',
    assembled: 'Assembled from quotes',
    paraphrased: 'Reported speech',
    since: 'since',
    availabilityHeading: 'Availability since the start of the scenario',
    legend: 'Legend',
    notYet: 'Not yet',
    perHour: 'one cell per hour',
    perDay: 'one cell per day',
    nextUpdate: 'Next update',
    runsHeading: 'Live status pages',
    open: 'Open',
    allScenarios: 'All scenarios',
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

/**
 * A scenario text in `language`; failing that in `fallback` (the scenario's first language),
 * then in whatever language it has.
 */
export function pick(text: LocalizedText | undefined, language: Language, fallback?: Language): string {
  if (text === undefined) return '';
  return text[language] ?? (fallback === undefined ? undefined : text[fallback]) ?? Object.values(text)[0] ?? '';
}
