// What has gone out: the incidents the public sees (newest first, as the page prints them) and
// the responder's drafts with the facilitator's decision. Each is redrawn only when it changed,
// and a decision on a draft is announced.
import { byId, h, pick } from './desk-dom.js';
import { PUBLIC, UI } from './desk-i18n.js';
import { incidentArticle, publishedBlock } from './desk-incidents.js';

const DRAFT_ICON = { pending: '…', approved: '✓', rejected: '✕' };

/**
 * @param {{ lang: 'fr' | 'en'; announce: (text: string) => void }} options
 */
export function createPublished({ lang, announce }) {
  const t = UI[lang];
  const incidentsRoot = byId('incidents');
  const incidentsEmpty = byId('incidents-empty');
  const draftsRoot = byId('drafts-list');
  const draftsEmpty = byId('drafts-empty');
  let incidentsKey = '';
  let draftsKey = '';
  /** @type {Map<string, string> | undefined} draft id to state, as last shown */
  let states;

  /**
   * @param {any[]} incidents the view's incidents
   * @param {(offsetMs: number) => string} stamp
   */
  const incidents = (incidents, stamp) => {
    const sorted = [...incidents].sort((a, b) => b.updatedAtMs - a.updatedAtMs);
    const blocks = sorted.map((i) => publishedBlock(i, lang, stamp));
    const key = JSON.stringify(blocks);
    if (key === incidentsKey) return;
    incidentsKey = key;
    incidentsRoot.replaceChildren(
      ...blocks.map((b) => incidentArticle(b, { lang, heading: 'h3', id: `published-${b.code}` })),
    );
    incidentsEmpty.hidden = blocks.length > 0;
  };

  /**
   * @param {any[]} drafts the view's drafts, newest first
   * @param {(offsetMs: number) => string} stamp
   * @param {any[]} known the view's incidents, to name a draft's incident
   */
  const drafts = (drafts, stamp, known) => {
    const key = JSON.stringify(drafts);
    if (key !== draftsKey) {
      draftsKey = key;
      draftsRoot.replaceChildren(
        ...drafts.map((d) => {
          const incident = known.find((i) => i.id === d.update.incident);
          const title = pick(d.update.title, lang) || pick(incident?.title, lang) || d.update.incident;
          return h('li', { class: `draft draft-${d.state}`, id: `draft-${d.id}` }, [
            h('p', { class: 'draft-head' }, [
              h('strong', {
                class: 'draft-state',
                text: `${DRAFT_ICON[d.state] ?? ''} ${t.draftState[d.state] ?? d.state}`,
              }),
              ' · ',
              h('time', { text: stamp(d.offsetMs) }),
            ]),
            h('p', {
              class: 'draft-what',
              text: `${title} · ${PUBLIC[lang].stage[d.update.status] ?? d.update.status}`,
            }),
            h('p', { class: 'draft-body', text: pick(d.update.body, lang) }),
            d.reason === undefined ? null : h('p', { class: 'draft-reason', text: `${t.reason} ${d.reason}` }),
          ]);
        }),
      );
      draftsEmpty.hidden = drafts.length > 0;
    }
    if (states !== undefined) {
      for (const d of drafts) {
        const before = states.get(d.id);
        if (before === 'pending' && d.state !== 'pending')
          announce(`${t.draftState[d.state] ?? d.state}${d.reason === undefined ? '' : ` (${t.reason} ${d.reason})`}`);
      }
    }
    states = new Map(drafts.map((d) => [d.id, d.state]));
  };

  return { incidents, drafts };
}
