// The live preview: the update being written, in each language of the run, exactly as the public
// page will print it (same markup, same classes, same stylesheet), followed by the statuses it
// will change on the page.
import { h, pick } from './desk-dom.js';
import { PUBLIC, UI } from './desk-i18n.js';
import { incidentArticle } from './desk-incidents.js';

/**
 * The story offset of a "next update at" as typed: `+30m`, `+1h30m`, `+1d`, or a date-time.
 * @param {string} text
 * @param {number} nowMs story offset now
 * @param {number} startsAtMs
 * @returns {number | undefined}
 */
export function nextUpdateOffset(text, nowMs, startsAtMs) {
  const relative = /^\+(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?$/.exec(text);
  if (relative !== null && text !== '+') {
    const [, d = '0', hours = '0', m = '0'] = relative;
    return nowMs + ((Number(d) * 24 + Number(hours)) * 60 + Number(m)) * 60_000;
  }
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : at - startsAtMs;
}

/**
 * @param {HTMLElement} root where the previews go
 * @param {HTMLElement} changes where the list of status changes goes
 * @param {any} draft the composer's `draft()`
 * @param {{
 *   lang: 'fr' | 'en';
 *   channels: any[];
 *   nowMs: number;
 *   startsAtMs: number;
 *   stampIn: (lang: 'fr' | 'en', offsetMs: number) => string;
 * }} context
 */
export function renderPreview(root, changes, draft, { lang, channels, nowMs, startsAtMs, stampIn }) {
  const t = UI[lang];
  const current = draft.current;
  const nextAt = draft.nextUpdateAt === undefined ? undefined : nextUpdateOffset(draft.nextUpdateAt, nowMs, startsAtMs);
  const impactKey = draft.impact ?? current?.impact;
  const previews = draft.languages.map((/** @type {'fr' | 'en'} */ l) => {
    const words = PUBLIC[l];
    const body = pick(draft.body, l);
    const title = current === undefined ? pick(draft.title, l) : pick(current.title, l);
    const article = incidentArticle(
      {
        code: 'preview',
        title: title === '' ? t.untitled : title,
        impact: impactKey === undefined ? '—' : words.impact[impactKey],
        impactCss: impactKey ?? 'none',
        stage: words.stage[draft.status] ?? draft.status,
        started: stampIn(l, current === undefined ? nowMs : current.startedAtMs),
        updates: [
          {
            stage: words.stage[draft.status] ?? draft.status,
            time: stampIn(l, nowMs),
            body: body === '' ? t.emptyPreview : body,
            workaround: pick(draft.workaround, l),
            nextUpdate:
              draft.nextUpdateAt === undefined
                ? ''
                : `${words.nextUpdate} ${nextAt === undefined ? draft.nextUpdateAt : stampIn(l, nextAt)}`,
            publisher: '',
          },
        ],
      },
      { lang: l, heading: 'h4' },
    );
    if (body === '') article.querySelector('.update-body')?.classList.add('preview-placeholder');
    return h('div', { class: 'preview-lang', lang: l }, [
      h('h3', { class: 'preview-lang-name', lang, text: t.inLanguage[l] ?? l }),
      article,
    ]);
  });
  root.replaceChildren(...previews);

  const look = PUBLIC[lang].status;
  const set = Object.entries(draft.channels ?? {});
  const title = h('p', { class: 'preview-changes-title', text: set.length === 0 ? t.noPageChange : t.pageChanges });
  if (set.length === 0) return changes.replaceChildren(title);
  changes.replaceChildren(
    title,
    h(
      'ul',
      {},
      set.map(([id, status]) => {
        const c = channels.find((ch) => ch.id === id);
        const before = c?.published ?? 'operational';
        return h('li', { class: `status-${look[status]?.css ?? 'ok'}` }, [
          `${c?.name ?? id}${lang === 'fr' ? ' : ' : ': '}`,
          `${look[before]?.icon} ${look[before]?.label} → `,
          h('strong', { text: `${look[status]?.icon} ${look[status]?.label}` }),
        ]);
      }),
    ),
  );
}
