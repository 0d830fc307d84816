// The desk's words in French and English, and how story times are written. The labels the public
// page prints (statuses, stages, impacts) come from the server (`/js/public-words.js`), so that the
// preview reads exactly as the page will.

/** @typedef {'fr' | 'en'} Language */

/** The desk's own words. */
export const UI = {
  fr: {
    languageName: { fr: 'français', en: 'anglais' },
    inLanguage: { fr: 'En français', en: 'En anglais' },
    reconnecting: 'Connexion perdue, reconnexion…',
    refused:
      'Connexion refusée : votre session a peut-être expiré ou votre code a été révoqué. Rejoignez l’exercice de nouveau.',
    ended: 'L’animateur a terminé cet exercice.',
    noAnswer: 'Le serveur n’a pas répondu. Vérifiez la connexion et réessayez.',
    playing: 'en cours',
    paused: 'en pause',
    storyEnded: 'terminé',
    speed: 'vitesse',
    // Monitoring
    down: (n) =>
      n === 0
        ? 'Aucun service en panne selon la supervision'
        : `${n} service${n > 1 ? 's' : ''} en difficulté selon la supervision`,
    notOnPageCount: (n) => `${n} pas encore sur la page`,
    monitoringSays: 'Supervision :',
    pageSays: 'Page :',
    since: 'depuis',
    notOnPage: 'Pas encore sur la page',
    backUp: 'Rétabli, la page dit encore autre chose',
    pageDiffers: 'La page dit autre chose',
    useInUpdate: 'Reprendre dans la mise à jour',
    useInUpdateFor: (name) => `Reprendre dans la mise à jour : ${name}`,
    alertAnnounce: (name, from, to) => `Alerte supervision : ${name} passe de ${from} à ${to}.`,
    // Inbox
    unread: (n) => (n === 0 ? 'aucun non lu' : `${n} non lu${n > 1 ? 's' : ''}`),
    newMessage: 'Nouveau',
    from: 'De :',
    noSubject: '(sans objet)',
    markRead: 'Marquer comme lu',
    markReadFor: (subject) => `Marquer comme lu : ${subject}`,
    injectAnnounce: (channel, from, subject) => `Nouveau message, ${channel}, de ${from} : ${subject}`,
    channels: { press: 'Presse', social: 'Réseaux sociaux', phone: 'Téléphone', email: 'E-mail', internal: 'Interne' },
    // Composer
    newIncident: 'Nouvel incident',
    chooseImpact: 'Choisir…',
    unchangedImpact: (label) => `Inchangé (${label})`,
    unchanged: 'Inchangé',
    showAll: (n) => `Afficher les ${n} services`,
    showConcerned: 'N’afficher que les services concernés',
    pageNow: (page, actual) => `page : ${page} · supervision : ${actual}`,
    titleIn: (l) => `Titre (${l})`,
    bodyIn: (l) => `Message (${l})`,
    workaroundIn: (l) => `Ce qui fonctionne toujours (${l}, facultatif)`,
    publish: 'Publier',
    submitForApproval: 'Envoyer pour validation',
    publishing: 'Envoi…',
    published: (time) => `Publié à ${time}.`,
    drafted: 'Envoyé à l’animateur pour validation : voir « Vos brouillons ».',
    templateFilled: (stage) => `Modèle « ${stage} » inséré dans chaque langue. Remplacez le texte entre crochets.`,
    nextSetTo: (v) => ` Prochaine mise à jour réglée sur ${v}.`,
    errorsTitle: 'La mise à jour n’est pas partie :',
    needTitle: 'Donnez un titre au nouvel incident.',
    needId: 'Donnez un identifiant au nouvel incident.',
    needImpact: 'Choisissez l’impact du nouvel incident.',
    needBody: 'Écrivez le message dans au moins une langue.',
    needNext: 'Indiquez l’heure de la prochaine mise à jour (par exemple +45m).',
    emptyPreview: 'Votre message apparaîtra ici.',
    untitled: '(sans titre)',
    pageChanges: 'Changements sur la page :',
    noPageChange: 'Aucun changement de statut sur la page.',
    lastUpdate: (time, ago) => `Dernière mise à jour publique : ${time} (il y a ${ago}).`,
    noUpdateYet: 'Aucune mise à jour publique pour l’instant.',
    overdue: (gap) => `Plus de ${gap} sans mise à jour : la politique de l’exercice est dépassée.`,
    policy: (first, gap) =>
      `Politique de l’exercice : premier message dans les ${first} suivant l’impact, puis au plus ${gap} entre deux messages.`,
    policyNext: ' Chaque message annonce l’heure du suivant.',
    // Drafts and incidents
    draftState: { pending: 'En attente de validation', approved: 'Validé et publié', rejected: 'Refusé' },
    reason: 'Motif :',
  },
  en: {
    languageName: { fr: 'French', en: 'English' },
    inLanguage: { fr: 'In French', en: 'In English' },
    reconnecting: 'Connection lost, reconnecting…',
    refused:
      'Connection refused: your session may have expired or your code may have been revoked. Join the exercise again.',
    ended: 'The facilitator has ended this exercise.',
    noAnswer: 'The server did not answer. Check the connection and try again.',
    playing: 'playing',
    paused: 'paused',
    storyEnded: 'ended',
    speed: 'speed',
    down: (n) =>
      n === 0
        ? 'No service down according to monitoring'
        : `${n} service${n > 1 ? 's' : ''} in trouble according to monitoring`,
    notOnPageCount: (n) => `${n} not on the page yet`,
    monitoringSays: 'Monitoring:',
    pageSays: 'Page:',
    since: 'since',
    notOnPage: 'Not on the page yet',
    backUp: 'Back up; the page still says otherwise',
    pageDiffers: 'The page says otherwise',
    useInUpdate: 'Use in the update',
    useInUpdateFor: (name) => `Use in the update: ${name}`,
    alertAnnounce: (name, from, to) => `Monitoring alert: ${name} went from ${from} to ${to}.`,
    unread: (n) => (n === 0 ? 'none unread' : `${n} unread`),
    newMessage: 'New',
    from: 'From:',
    noSubject: '(no subject)',
    markRead: 'Mark as read',
    markReadFor: (subject) => `Mark as read: ${subject}`,
    injectAnnounce: (channel, from, subject) => `New message, ${channel}, from ${from}: ${subject}`,
    channels: { press: 'Press', social: 'Social media', phone: 'Phone', email: 'Email', internal: 'Internal' },
    newIncident: 'New incident',
    chooseImpact: 'Choose…',
    unchangedImpact: (label) => `Unchanged (${label})`,
    unchanged: 'Unchanged',
    showAll: (n) => `Show all ${n} services`,
    showConcerned: 'Show only the services concerned',
    pageNow: (page, actual) => `page: ${page} · monitoring: ${actual}`,
    titleIn: (l) => `Title (${l})`,
    bodyIn: (l) => `Message (${l})`,
    workaroundIn: (l) => `What still works (${l}, optional)`,
    publish: 'Publish',
    submitForApproval: 'Submit for approval',
    publishing: 'Sending…',
    published: (time) => `Published at ${time}.`,
    drafted: 'Sent to the facilitator for approval: see “Your drafts”.',
    templateFilled: (stage) => `“${stage}” template inserted in every language. Replace the text in brackets.`,
    nextSetTo: (v) => ` Next update set to ${v}.`,
    errorsTitle: 'The update was not sent:',
    needTitle: 'Give the new incident a title.',
    needId: 'Give the new incident an id.',
    needImpact: 'Choose the new incident’s impact.',
    needBody: 'Write the message in at least one language.',
    needNext: 'Give the time of the next update (for example +45m).',
    emptyPreview: 'Your message will appear here.',
    untitled: '(untitled)',
    pageChanges: 'Changes on the page:',
    noPageChange: 'No status change on the page.',
    lastUpdate: (time, ago) => `Last public update: ${time} (${ago} ago).`,
    noUpdateYet: 'No public update yet.',
    overdue: (gap) => `More than ${gap} without an update: the exercise policy is exceeded.`,
    policy: (first, gap) =>
      `Exercise policy: first message within ${first} of the impact, then at most ${gap} between messages.`,
    policyNext: ' Every message gives the time of the next one.',
    draftState: { pending: 'Waiting for approval', approved: 'Approved and published', rejected: 'Rejected' },
    reason: 'Reason:',
  },
};

const LOCALES = { fr: 'fr-FR', en: 'en-GB' };

/**
 * How story times are written in `lang`, in the scenario's zone: `stamp` as the public page
 * prints update times ("22 déc. 07:00 CET"), `time` as "07:00", `date` and `zone` for the clock.
 * @param {Language} lang
 * @param {string} timeZone
 */
export function storyFormats(lang, timeZone) {
  const locale = LOCALES[lang];
  const short = new Intl.DateTimeFormat(locale, {
    timeZone,
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const time = new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const date = new Intl.DateTimeFormat(locale, {
    timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
  const zone = new Intl.DateTimeFormat('en-GB', { timeZone, timeZoneName: 'short' });
  const zoneOf = (/** @type {Date} */ at) =>
    zone.formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
  return {
    stamp: (/** @type {number} */ epochMs) => `${short.format(epochMs)} ${zoneOf(new Date(epochMs))}`,
    time: (/** @type {number} */ epochMs) => time.format(epochMs),
    date: (/** @type {number} */ epochMs) => date.format(epochMs),
    zone: (/** @type {number} */ epochMs) => zoneOf(new Date(epochMs)),
  };
}

/**
 * A duration in words: "15 min", "2 h", "1 h 30".
 * @param {number} ms
 */
export function duration(ms) {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${String(rest).padStart(2, '0')}`;
}
