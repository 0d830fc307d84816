// The composer's fields that depend on the run: a title, a message and "what still works" per
// language of the run, and a status choice per channel. Built once per run (not per view), so
// what a responder types survives every update of the view.
import { h, setText } from './desk-dom.js';
import { PUBLIC } from './desk-i18n.js';

/** Statuses a responder may set on the page, worst last. */
export const SETTABLE = ['operational', 'degraded_performance', 'partial_outage', 'major_outage'];

/**
 * An incident id from a title: lowercase ASCII letters, digits and dashes, at most 64.
 * @param {string} title
 */
export function slug(title) {
  return title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, 64)
    .replace(/-+$/, '');
}

/**
 * Grows a text area to its content (CSSOM: the page's CSP allows no inline style attribute).
 * @param {HTMLTextAreaElement} area
 */
function fit(area) {
  area.style.height = 'auto';
  area.style.height = `${area.scrollHeight + 2}px`;
}

/**
 * @param {{ lang: 'fr' | 'en'; titles: HTMLElement; texts: HTMLElement; statuses: HTMLElement }} roots
 */
export function fieldsOf({ lang, titles, texts, statuses }) {
  /** @type {string[]} */
  let languages = [];
  let channelsKey = '';
  /** @type {Map<string, HTMLSelectElement>} */
  const selects = new Map();
  /** @type {Map<string, HTMLElement>} */
  const hintsOf = new Map();

  // Message boxes grow with their text, so a template or a long message reads without scrolling.
  texts.addEventListener('input', (event) => {
    if (event.target instanceof HTMLTextAreaElement) fit(event.target);
  });

  statuses.addEventListener('change', (event) => {
    const select = event.target;
    if (select instanceof HTMLSelectElement)
      select.closest('.status-row')?.classList.toggle('is-changed', select.value !== '');
  });

  const value = (/** @type {string} */ id) => {
    const element = document.getElementById(id);
    return element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement ? element.value.trim() : '';
  };

  /** Non-empty texts by language. */
  const collect = (/** @type {string} */ kind) =>
    Object.fromEntries(languages.map((l) => [l, value(`${kind}-${l}`)]).filter(([, text]) => text !== ''));

  /**
   * (Re)builds the language fields and channel choices when the run's languages or channels change.
   * @param {string[]} nextLanguages
   * @param {any[]} channels
   * @param {import('./desk-names.js').Names} names
   * @param {any} t
   */
  const build = (nextLanguages, channels, names, t) => {
    if (nextLanguages.join() !== languages.join()) {
      const kept = Object.fromEntries(['title', 'body', 'workaround'].map((k) => [k, collect(k)]));
      languages = [...nextLanguages];
      titles.replaceChildren(
        ...languages.map((l) =>
          h('div', { class: 'field' }, [
            h('label', { for: `title-${l}`, text: t.titleIn(t.languageName[l] ?? l) }),
            h('input', {
              id: `title-${l}`,
              lang: l,
              'data-role': 'title',
              maxlength: 200,
              autocomplete: 'off',
              value: kept.title?.[l],
            }),
          ]),
        ),
      );
      texts.replaceChildren(
        ...languages.map((l) =>
          h('fieldset', { class: 'lang-texts' }, [
            h('legend', { text: t.inLanguage[l] ?? l }),
            h('div', { class: 'field' }, [
              h('label', { for: `body-${l}`, text: t.bodyIn(t.languageName[l] ?? l) }),
              h('textarea', { id: `body-${l}`, lang: l, rows: 5, maxlength: 5000, 'data-role': 'body' }),
            ]),
            h('div', { class: 'field' }, [
              h('label', { for: `workaround-${l}`, text: t.workaroundIn(t.languageName[l] ?? l) }),
              h('textarea', { id: `workaround-${l}`, lang: l, rows: 2, maxlength: 5000, 'data-role': 'workaround' }),
            ]),
          ]),
        ),
      );
      for (const l of languages) {
        setField(`body-${l}`, kept.body?.[l] ?? '');
        setField(`workaround-${l}`, kept.workaround?.[l] ?? '');
      }
    }
    const key = channels.map((c) => `${c.id}:${c.name}:${names.group(c.group)}`).join('|');
    if (key === channelsKey) return;
    channelsKey = key;
    const kept = Object.fromEntries([...selects].map(([id, select]) => [id, select.value]));
    selects.clear();
    hintsOf.clear();
    /** @type {Map<string, HTMLElement>} */
    const groups = new Map();
    const look = PUBLIC[lang].status;
    for (const c of channels) {
      let group = groups.get(c.group);
      if (group === undefined) {
        group = h('fieldset', { class: 'status-group' }, [h('legend', { text: names.group(c.group) })]);
        groups.set(c.group, group);
      }
      const id = `status-${c.id}`;
      const select = /** @type {HTMLSelectElement} */ (
        h('select', { id, 'data-channel': c.id, 'aria-describedby': `${id}-hint` }, [
          h('option', { value: '', text: t.unchanged }),
          ...SETTABLE.map((s) => h('option', { value: s, text: `${look[s].icon} ${look[s].label}` })),
        ])
      );
      select.value = kept[c.id] ?? '';
      const hint = h('span', { class: 'hint', id: `${id}-hint` });
      selects.set(c.id, select);
      hintsOf.set(c.id, hint);
      group.append(
        h('div', { class: `status-row${select.value === '' ? '' : ' is-changed'}` }, [
          h('label', { for: id, text: c.name }),
          select,
          hint,
        ]),
      );
    }
    statuses.replaceChildren(...groups.values());
  };

  const setField = (/** @type {string} */ id, /** @type {string} */ text) => {
    const element = document.getElementById(id);
    if (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) element.value = text;
    if (element instanceof HTMLTextAreaElement) fit(element);
  };

  const firstId = (/** @type {string} */ kind) => `${kind}-${languages.includes(lang) ? lang : languages[0]}`;

  return {
    build,
    /** Updates each channel's "page says / monitoring says" hint. */
    hints: (/** @type {any[]} */ channels, /** @type {(c: any) => string} */ text) => {
      for (const c of channels) {
        const hint = hintsOf.get(c.id);
        if (hint !== undefined) setText(hint, text(c));
      }
    },
    titles: () => collect('title'),
    title: (/** @type {string} */ l) => value(`title-${l}`),
    texts: (/** @type {'body' | 'workaround'} */ kind) => collect(kind),
    setText: (/** @type {string} */ l, /** @type {string} */ kind, /** @type {string} */ text) =>
      setField(`${kind}-${l}`, text),
    /** The statuses chosen, by channel; "unchanged" ones left out. */
    statuses: () => Object.fromEntries([...selects].filter(([, s]) => s.value !== '').map(([id, s]) => [id, s.value])),
    setStatus: (/** @type {string} */ channel, /** @type {string} */ status) => {
      const select = selects.get(channel);
      if (select === undefined) return;
      select.value = status;
      select.closest('.status-row')?.classList.toggle('is-changed', status !== '');
    },
    statusId: (/** @type {string} */ channel) => (selects.has(channel) ? `status-${channel}` : undefined),
    /** The id of a language field, or of the first one when `l` is not a language of the run. */
    idOf: (/** @type {string} */ kind, /** @type {string} */ l) =>
      languages.includes(l) ? `${kind}-${l}` : firstId(kind),
    firstId,
    /**
     * Shows every channel, or only those `concerned` says and those the update changes; hides
     * groups left empty. Answers how many channels show.
     * @param {boolean} all
     * @param {(channel: string) => boolean} concerned
     */
    filter: (all, concerned) => {
      let shown = 0;
      for (const [id, select] of selects) {
        const row = select.closest('.status-row');
        if (!(row instanceof HTMLElement)) continue;
        row.hidden = !all && select.value === '' && !concerned(id);
        if (!row.hidden) shown += 1;
      }
      for (const group of statuses.querySelectorAll('.status-group')) {
        if (group instanceof HTMLElement)
          group.hidden = [...group.querySelectorAll('.status-row')].every((r) => r instanceof HTMLElement && r.hidden);
      }
      return shown;
    },
    count: () => selects.size,
    clear: () => {
      for (const l of languages) for (const kind of ['title', 'body', 'workaround']) setField(`${kind}-${l}`, '');
      for (const select of selects.values()) {
        select.value = '';
        select.closest('.status-row')?.classList.remove('is-changed');
      }
    },
  };
}
