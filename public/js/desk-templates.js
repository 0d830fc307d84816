// Templates for incident updates, one per stage, in French and English (and which channels they
// name), after PagerDuty's customer-liaison guidance and Atlassian's incident communication advice
// (/work/shared/reference/exercise-practice.md): say at once that we are aware and investigating,
// then scope (which services), then say what changed; never estimate a resolution time; always
// say what still works; confirm recovery when resolved and say whether data was affected. Text in
// [brackets] is for the responder to confirm or replace. The time of the next update is not
// written in the text: the page prints it under every update that promises one.

/** @typedef {'fr' | 'en'} Language */
/** @typedef {'investigating' | 'identified' | 'monitoring' | 'resolved'} TemplateStage */

/** Stages with a template, in the order an incident moves through them. */
export const TEMPLATE_STAGES = /** @type {const} */ (['investigating', 'identified', 'monitoring', 'resolved']);

const LOCALES = { fr: 'fr-FR', en: 'en-GB' };

/**
 * Names joined the way each language lists them: "A, B et C", "A, B and C".
 * @param {string[]} names
 * @param {Language} lang
 */
function list(names, lang) {
  return new Intl.ListFormat(LOCALES[lang], { style: 'long', type: 'conjunction' }).format(names);
}

/** @type {Record<Language, Record<TemplateStage, (services: string, plural: boolean) => string>>} */
const BODIES = {
  fr: {
    investigating: (services) =>
      `Nous avons connaissance d’un incident affectant ${services}. Nos équipes sont mobilisées et recherchent la cause. ` +
      'Nous préciserons très vite quels services sont concernés.',
    identified: (services) =>
      `Nous avons identifié l’origine de l’incident. Services actuellement indisponibles ou perturbés : ${services}. ` +
      'Nos équipes travaillent à leur rétablissement ; nous ne sommes pas encore en mesure d’annoncer une heure de retour à la normale.',
    monitoring: (services, plural) =>
      `Une correction a été mise en place : ${services} ${plural ? 'fonctionnent' : 'fonctionne'} de nouveau. ` +
      'Nous surveillons la situation de près pour nous assurer que le service reste stable.',
    resolved: (services, plural) =>
      `L’incident est résolu : ${services} ${plural ? 'fonctionnent' : 'fonctionne'} normalement. ` +
      '[À confirmer : aucune donnée n’a été perdue ni compromise.] Merci de votre patience.',
  },
  en: {
    investigating: (services) =>
      `We are aware of an incident affecting ${services}. Our teams are investigating. ` +
      'We will confirm shortly which services are affected.',
    identified: (services) =>
      `We have identified the cause of the incident. Currently unavailable or disrupted: ${services}. ` +
      'Our teams are working to restore them; we cannot yet say when service will be back to normal.',
    monitoring: (services, plural) =>
      `A fix has been applied and ${services} ${plural ? 'are' : 'is'} working again. ` +
      'We are monitoring closely to make sure service stays stable.',
    resolved: (services, plural) =>
      `This incident has been resolved: ${services} ${plural ? 'are' : 'is'} working normally. ` +
      '[To confirm: no data was lost or compromised.] Thank you for your patience.',
  },
};

const SOME_SERVICES = { fr: 'certains de nos services', en: 'some of our services' };
const WORKAROUND = {
  fr: (services) => `Toujours disponibles : ${services}.`,
  en: (services) => `Still working: ${services}.`,
};

/**
 * The text of an update at `stage` in `lang`. `affected` names the services the update is about
 * (down ones, or recovered ones once monitoring); `working` the ones customers can still use,
 * both in `lang`. Resolved updates have no workaround.
 * @param {TemplateStage} stage
 * @param {Language} lang
 * @param {{ affected: string[]; working: string[] }} facts
 * @returns {{ body: string; workaround: string }}
 */
export function updateTemplate(stage, lang, facts) {
  const services = facts.affected.length === 0 ? SOME_SERVICES[lang] : list(facts.affected, lang);
  const body = BODIES[lang][stage](services, facts.affected.length !== 1);
  const workaround =
    stage === 'resolved' || facts.working.length === 0 ? '' : WORKAROUND[lang](list(facts.working, lang));
  return { body, workaround };
}

const TROUBLE = new Set(['degraded_performance', 'partial_outage', 'major_outage']);

/**
 * Which channels a template names, by id. `affected`: the ones this update sets (down ones at
 * the early stages), else at the early stages the ones monitoring says are down, at the late
 * ones those the incident covers (or the page shows down). `working`: up to six channels that
 * monitoring says work, those in the affected channels' groups first (the nearest alternatives).
 * @param {string} stage
 * @param {Array<{ id: string; group: string; actual: string; published: string }>} channels the view's channels
 * @param {Record<string, string>} set the statuses this update sets, by channel
 * @param {string[] | undefined} incidentChannels the channels of the incident updated, if any
 * @returns {{ affected: string[]; working: string[] }}
 */
export function templateFacts(stage, channels, set, incidentChannels) {
  const early = stage === 'investigating' || stage === 'identified';
  let affected = Object.entries(set)
    .filter(([, status]) => !early || TROUBLE.has(status))
    .map(([id]) => id);
  if (affected.length === 0)
    affected = early
      ? channels.filter((c) => TROUBLE.has(c.actual)).map((c) => c.id)
      : (incidentChannels ?? channels.filter((c) => TROUBLE.has(c.published)).map((c) => c.id));
  const groups = new Set(channels.filter((c) => affected.includes(c.id)).map((c) => c.group));
  const up = channels.filter(
    (c) => c.actual === 'operational' && !affected.includes(c.id) && !TROUBLE.has(set[c.id] ?? ''),
  );
  const working = [...up.filter((c) => groups.has(c.group)), ...up.filter((c) => !groups.has(c.group))]
    .slice(0, 6)
    .map((c) => c.id);
  return { affected, working };
}
