/**
 * What an email or SMS about a change would say, in one language: a subject marked as an
 * exercise and a short text ending with the run's page. Words come from the status model and the
 * shared label tables; only the sentences are written here.
 */
import { exerciseMarking } from '../status/page-view.js';
import type { Language } from '../scenario/vocabulary.js';
import { pick } from '../status/i18n.js';
import { STAGE_LABEL, STATUS_LOOK } from '../status/labels.js';
import type { StatusModel } from '../status/status-model.js';
import { updateBody } from '../status/statuspage-objects.js';
import type { PublicChange } from './changes.js';

/** A notification's words. */
export interface NotificationText {
  subject: string;
  text: string;
}

const SENTENCES: Record<
  Language,
  {
    component: (page: string, channel: string, status: string) => string;
    incident: (page: string, title: string, stage: string) => string;
    footer: (url: string) => string;
  }
> = {
  fr: {
    component: (page, channel, status) => `${page} : ${channel} est désormais en état « ${status} »`,
    incident: (page, title, stage) => `${page} : ${title} (${stage})`,
    footer: (url) => `Page de statut : ${url}\nMessage simulé pour un exercice ; rien n’a été envoyé.`,
  },
  en: {
    component: (page, channel, status) => `${page}: ${channel} is now ${status}`,
    incident: (page, title, stage) => `${page}: ${title} (${stage})`,
    footer: (url) => `Status page: ${url}\nSimulated message for an exercise; nothing was sent.`,
  },
};

/** The words of a notification about `change`, or undefined when the model lacks its subject. */
export function notificationText(
  model: StatusModel,
  change: PublicChange,
  lang: Language,
  pageUrl: string,
): NotificationText | undefined {
  const say = SENTENCES[lang];
  const marking = `[${exerciseMarking(model.page.marking, lang)}]`;
  const page = pick(model.page.name, lang);
  if (change.kind === 'component') {
    const channel = model.channels.find((c) => c.id === change.channel);
    if (channel === undefined) return undefined;
    const subject = `${marking} ${say.component(page, pick(channel.name, lang), STATUS_LOOK[lang][change.new].label)}`;
    return { subject, text: `${subject}\n\n${say.footer(pageUrl)}` };
  }
  const incident = model.incidents.find((i) => i.id === change.incident);
  const update = incident?.updates.find((u) => u.id === change.update);
  if (incident === undefined || update === undefined) return undefined;
  const subject = `${marking} ${say.incident(page, pick(incident.title, lang), STAGE_LABEL[lang][update.stage])}`;
  const url = `${pageUrl}#incident-${incident.code}`;
  return { subject, text: `${subject}\n\n${updateBody(update, lang)}\n\n${say.footer(url)}` };
}
