// Incidents as the public page prints them: the markup and classes of
// views/partials/incident.ejs (styled by public/css/status.css), built from texts. The composer's
// preview and the "what the public sees" panel both use it, so both read exactly as the page.
import { h, pick } from './desk-dom.js';
import { PUBLIC } from './desk-i18n.js';

/**
 * @typedef {{ stage: string; time: string; body: string; workaround: string; nextUpdate: string; publisher: string }} UpdateLine
 * @typedef {{ code: string; title: string; impact: string; impactCss: string; stage: string; started: string; updates: UpdateLine[] }} IncidentBlock
 */

/**
 * One incident, with its updates newest first.
 * @param {IncidentBlock} block
 * @param {{ lang: 'fr' | 'en'; heading?: string; id?: string }} options
 */
export function incidentArticle(block, { lang, heading = 'h3', id }) {
  return h('article', { class: `incident impact-${block.impactCss}`, id }, [
    h(heading, { class: 'incident-title', text: block.title }),
    h('p', { class: 'incident-meta' }, [
      h('span', { class: 'incident-stage', text: block.stage }),
      ` · ${block.impact} · ${block.started}`,
    ]),
    h(
      'ol',
      { class: 'updates' },
      block.updates.map((u) => updateItem(u, lang)),
    ),
  ]);
}

/**
 * @param {UpdateLine} u
 * @param {'fr' | 'en'} lang
 */
function updateItem(u, lang) {
  const head = h('p', { class: 'update-head' }, [
    h('strong', { class: 'update-stage', text: u.stage }),
    ' ',
    h('time', { text: u.time }),
  ]);
  if (u.publisher !== '') head.append(' · ', h('span', { class: 'publisher', text: u.publisher }));
  return h('li', { class: 'update' }, [
    head,
    h('p', { class: 'update-body', text: u.body }),
    u.workaround !== '' &&
      h('p', { class: 'workaround' }, [
        h('span', { class: 'workaround-label', text: PUBLIC[lang].whatStillWorks }),
        ` ${u.workaround}`,
      ]),
    u.nextUpdate !== '' && h('p', { class: 'next-update', text: u.nextUpdate }),
  ]);
}

/**
 * A published incident of the desk's view (an `IncidentState`) as printed in `lang`.
 * @param {any} incident
 * @param {'fr' | 'en'} lang
 * @param {(offsetMs: number) => string} stamp story time of an offset, as the page prints it
 * @returns {IncidentBlock}
 */
export function publishedBlock(incident, lang, stamp) {
  const words = PUBLIC[lang];
  return {
    code: incident.id,
    title: pick(incident.title, lang),
    impact: words.impact[incident.impact] ?? incident.impact,
    impactCss: incident.impact,
    stage: words.stage[incident.stage] ?? incident.stage,
    started: stamp(incident.startedAtMs),
    updates: incident.updates.map((/** @type {any} */ u) => ({
      stage: words.stage[u.stage] ?? u.stage,
      time: stamp(u.offsetMs),
      body: pick(u.body, lang),
      workaround: pick(u.workaround, lang),
      nextUpdate: u.nextUpdateAtMs === undefined ? '' : `${words.nextUpdate} ${stamp(u.nextUpdateAtMs)}`,
      publisher: pick(u.publisher, lang),
    })),
  };
}
