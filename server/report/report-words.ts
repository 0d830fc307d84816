/** The after-action report's words in each language statusdrill speaks. */
import type { Language } from '../scenario/vocabulary.js';
import type { ExpectationStatus } from '../replay/expectations.js';
import type { Origin } from '../replay/state.js';

/** Every phrase the report, its chart and its exports use. */
export interface ReportWords {
  heading: string;
  exercise: string;
  replay: string;
  summary: string;
  scenario: string;
  mode: string;
  participants: string;
  nobody: string;
  wallDuration: string;
  storyDuration: string;
  metrics: string;
  metric: string;
  value: string;
  timeToFirstUpdate: string;
  scopingLatency: string;
  updatesPublished: string;
  gapsWithinPolicy: string;
  longestGap: string;
  openGap: string;
  accuracyExact: string;
  accuracyWithinOne: string;
  whatStillWorks: string;
  prematureResolutions: string;
  nextUpdatePromised: string;
  staleness: string;
  channel: string;
  staleFor: string;
  longestStale: string;
  staleAtEnd: string;
  expectations: string;
  expectation: string;
  due: string;
  deadline: string;
  metAt: string;
  status: string;
  noExpectations: string;
  expectationStatus: Record<ExpectationStatus, string>;
  modelAnswers: string;
  published: string;
  publishedUpdates: string;
  noUpdates: string;
  origin: Record<Origin, string>;
  timeline: string;
  actual: string;
  update: string;
  inject: string;
  exports: string;
  yes: string;
  no: string;
  none: string;
  withinPolicy: string;
  late: string;
  notYet: string;
  chartDesc: string;
  printHint: string;
  notes: string;
  note: string;
  noNotes: string;
  noteText: string;
  noteAt: string;
  noteAtHint: string;
  addNote: string;
  remove: string;
  sharing: string;
  sharingHelp: string;
  shareLabel: string;
  createShare: string;
  shareCreated: string;
  revoke: string;
  revoked: string;
  noShares: string;
  created: string;
  ended: string;
  sharedCopy: string;
}

const EN: ReportWords = {
  heading: 'After-action report',
  exercise: 'EXERCISE',
  replay: 'REPLAY',
  summary: 'Summary',
  scenario: 'Scenario',
  mode: 'Mode',
  participants: 'Participants',
  nobody: 'Nobody acted',
  wallDuration: 'Wall-clock duration',
  storyDuration: 'Story time covered',
  metrics: 'Communication metrics',
  metric: 'Metric',
  value: 'Value',
  timeToFirstUpdate: 'Time to first public update',
  scopingLatency: 'Scoping latency (first update naming channels)',
  updatesPublished: 'Public updates published',
  gapsWithinPolicy: 'Gaps between updates within policy',
  longestGap: 'Longest gap between updates',
  openGap: 'Silence at the end (incident still open)',
  accuracyExact: 'Status accuracy, exact',
  accuracyWithinOne: 'Status accuracy, within one level',
  whatStillWorks: 'Said what still works',
  prematureResolutions: 'Premature resolutions',
  nextUpdatePromised: 'Updates promising a next update',
  staleness: 'Staleness per channel',
  channel: 'Channel',
  staleFor: 'Page wrong for',
  longestStale: 'Longest stretch',
  staleAtEnd: 'Still wrong at the end',
  expectations: 'Expectations',
  expectation: 'Expectation',
  due: 'Set at',
  deadline: 'Deadline',
  metAt: 'Met at',
  status: 'Status',
  noExpectations: 'No expectation came due.',
  expectationStatus: { pending: 'Pending', met: 'Met', late: 'Met late', missed: 'Missed' },
  modelAnswers: 'Model answers (scripted)',
  published: 'Published',
  publishedUpdates: 'What was published',
  noUpdates: 'None.',
  origin: { script: 'script', facilitator: 'facilitator', responder: 'responder' },
  timeline: 'Timeline',
  actual: 'Actual',
  update: 'Incident update',
  inject: 'Inject',
  exports: 'Exports',
  yes: 'yes',
  no: 'no',
  none: '—',
  withinPolicy: 'within policy',
  late: 'outside policy',
  notYet: 'not yet',
  chartDesc:
    'For each channel, the upper bar is the status the page published and the lower bar the actual status, over story time. Marks above the chart are incident updates, injects and the facilitator’s notes.',
  printHint: 'Print this page to save it as PDF.',
  notes: 'Facilitator notes',
  note: 'Note',
  noNotes: 'No note yet.',
  noteText: 'Note',
  noteAt: 'Story time (optional)',
  noteAtHint: 'e.g. 2025-12-22T10:00+01:00 or +3h; where the story stands when empty',
  addNote: 'Add note',
  remove: 'Remove',
  sharing: 'Share this report',
  sharingHelp:
    'A share link opens this report read-only, without signing in, until you revoke it. It is shown once: copy it now.',
  shareLabel: 'For whom',
  createShare: 'Create share link',
  shareCreated: 'Share link (shown once):',
  revoke: 'Revoke',
  revoked: 'revoked',
  noShares: 'No share link.',
  created: 'Created',
  ended: 'Ended',
  sharedCopy: 'Read-only copy shared by the facilitator.',
};

const FR: ReportWords = {
  heading: 'Retour d’expérience',
  exercise: 'EXERCICE',
  replay: 'REJEU',
  summary: 'Résumé',
  scenario: 'Scénario',
  mode: 'Mode',
  participants: 'Participants',
  nobody: 'Personne n’a agi',
  wallDuration: 'Durée réelle',
  storyDuration: 'Temps du scénario couvert',
  metrics: 'Indicateurs de communication',
  metric: 'Indicateur',
  value: 'Valeur',
  timeToFirstUpdate: 'Délai avant la première mise à jour publique',
  scopingLatency: 'Délai de cadrage (première mise à jour nommant les canaux)',
  updatesPublished: 'Mises à jour publiques',
  gapsWithinPolicy: 'Intervalles entre mises à jour conformes',
  longestGap: 'Plus long intervalle entre mises à jour',
  openGap: 'Silence à la fin (incident encore ouvert)',
  accuracyExact: 'Exactitude du statut, stricte',
  accuracyWithinOne: 'Exactitude du statut, à un niveau près',
  whatStillWorks: 'A dit ce qui fonctionne',
  prematureResolutions: 'Résolutions prématurées',
  nextUpdatePromised: 'Mises à jour annonçant la suivante',
  staleness: 'Retard par canal',
  channel: 'Canal',
  staleFor: 'Page fausse pendant',
  longestStale: 'Plus longue période',
  staleAtEnd: 'Encore fausse à la fin',
  expectations: 'Attendus',
  expectation: 'Attendu',
  due: 'Posé à',
  deadline: 'Échéance',
  metAt: 'Atteint à',
  status: 'État',
  noExpectations: 'Aucun attendu n’est arrivé à échéance.',
  expectationStatus: { pending: 'En attente', met: 'Atteint', late: 'Atteint en retard', missed: 'Manqué' },
  modelAnswers: 'Réponses modèles (scénario)',
  published: 'Publié',
  publishedUpdates: 'Ce qui a été publié',
  noUpdates: 'Aucune.',
  origin: { script: 'scénario', facilitator: 'animateur', responder: 'joueur' },
  timeline: 'Chronologie',
  actual: 'Réel',
  update: 'Mise à jour d’incident',
  inject: 'Stimulus',
  exports: 'Exports',
  yes: 'oui',
  no: 'non',
  none: '—',
  withinPolicy: 'conforme',
  late: 'hors délai',
  notYet: 'pas encore',
  chartDesc:
    'Pour chaque canal, la barre du haut est le statut publié par la page et celle du bas le statut réel, au fil du temps du scénario. Les marques au-dessus sont les mises à jour d’incident, les stimuli et les notes de l’animateur.',
  printHint: 'Imprimez cette page pour l’enregistrer en PDF.',
  notes: 'Notes de l’animateur',
  note: 'Note',
  noNotes: 'Aucune note pour l’instant.',
  noteText: 'Note',
  noteAt: 'Heure du scénario (facultatif)',
  noteAtHint: 'par ex. 2025-12-22T10:00+01:00 ou +3h ; là où en est le scénario si vide',
  addNote: 'Ajouter la note',
  remove: 'Supprimer',
  sharing: 'Partager ce retour d’expérience',
  sharingHelp:
    'Un lien de partage ouvre ce retour d’expérience en lecture seule, sans connexion, jusqu’à ce que vous le révoquiez. Il n’est montré qu’une fois : copiez-le maintenant.',
  shareLabel: 'Pour qui',
  createShare: 'Créer un lien de partage',
  shareCreated: 'Lien de partage (montré une seule fois) :',
  revoke: 'Révoquer',
  revoked: 'révoqué',
  noShares: 'Aucun lien de partage.',
  created: 'Créé',
  ended: 'Terminé',
  sharedCopy: 'Copie en lecture seule partagée par l’animateur.',
};

/** The report's words in `lang`. */
export function reportWords(lang: Language): ReportWords {
  return lang === 'fr' ? FR : EN;
}
