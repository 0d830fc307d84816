// The monitoring panel: every channel's actual status beside what the page says, grouped, and
// an alert each time monitoring reports a change between two views. Rows are built once per
// channel and updated in place, so a focused button keeps its focus while views stream in.
import { byId, h, setText } from './desk-dom.js';
import { PUBLIC, UI } from './desk-i18n.js';

/** Statuses that mean a channel does not work normally. */
const TROUBLE = new Set(['degraded_performance', 'partial_outage', 'major_outage']);

/**
 * @param {{
 *   lang: 'fr' | 'en';
 *   announce: (text: string) => void;
 *   useInUpdate: (channel: string, status: string) => void;
 * }} options
 */
export function createMonitor({ lang, announce, useInUpdate }) {
  const t = UI[lang];
  const look = PUBLIC[lang].status;
  const summary = byId('monitor-summary');
  const alerts = byId('alerts');
  const alertsEmpty = byId('alerts-empty');
  const groupsRoot = byId('channels');
  /** @type {Map<string, string>} channel id to the actual status of the last view */
  let previous = new Map();
  /** @type {Map<string, ReturnType<typeof channelRow>>} */
  const rows = new Map();
  let layout = '';

  const statusText = (/** @type {string} */ status) => `${look[status]?.icon ?? ''} ${look[status]?.label ?? status}`;

  /** @param {any} c a ChannelView */
  const channelRow = (c) => {
    const actual = h('span', { class: 'monitor-status' });
    const since = h('span', { class: 'since' });
    const page = h('span', { class: 'monitor-page' });
    const flag = h('strong', { class: 'monitor-flag', hidden: true });
    const button = h('button', { type: 'button', class: 'small-button', hidden: true, text: t.useInUpdate });
    button.addEventListener('click', () => useInUpdate(c.id, row.dataset.actual ?? 'operational'));
    const row = h('li', { class: 'monitor-channel', id: `monitor-${c.id}`, 'data-channel': c.id }, [
      h('span', { class: 'monitor-name', text: c.name }),
      h('span', { class: 'monitor-actual' }, [
        h('span', { class: 'visually-hidden', text: `${t.monitoringSays} ` }),
        actual,
        since,
      ]),
      page,
      flag,
      button,
    ]);
    return { row, actual, since, page, flag, button };
  };

  /** Rebuilds the groups when the channels themselves change (a new run, a new language). */
  const build = (/** @type {any[]} */ channels, /** @type {(group: string) => string} */ groupName) => {
    rows.clear();
    /** @type {Map<string, HTMLElement>} */
    const lists = new Map();
    const sections = [];
    for (const c of channels) {
      let list = lists.get(c.group);
      if (list === undefined) {
        list = h('ul', { class: 'monitor-channels' });
        lists.set(c.group, list);
        sections.push(
          h('div', { class: 'monitor-group' }, [
            h('h4', { class: 'monitor-group-name', text: groupName(c.group) }),
            list,
          ]),
        );
      }
      const parts = channelRow(c);
      rows.set(c.id, parts);
      list.append(parts.row);
    }
    groupsRoot.replaceChildren(...sections);
  };

  /**
   * Shows a view's channels; raises an alert for each actual status that changed since the last.
   * @param {any[]} channels ChannelView[]
   * @param {{ groupName: (group: string) => string; time: (iso: string) => string }} helpers
   */
  const update = (channels, { groupName, time }) => {
    const shape = channels.map((c) => `${c.id}:${c.group}:${c.name}:${groupName(c.group)}`).join('|');
    if (shape !== layout) {
      build(channels, groupName);
      layout = shape;
    }
    let down = 0;
    let notOnPage = 0;
    for (const c of channels) {
      const parts = rows.get(c.id);
      if (parts === undefined) continue;
      const missing = TROUBLE.has(c.actual) && c.published === 'operational';
      if (TROUBLE.has(c.actual)) down += 1;
      if (missing) notOnPage += 1;
      parts.row.className = `monitor-channel status-${look[c.actual]?.css ?? 'ok'}${missing ? ' is-missing' : c.diverges ? ' is-diverging' : ''}`;
      parts.row.dataset.actual = c.actual;
      setText(parts.actual, statusText(c.actual));
      setText(parts.since, c.actual === 'operational' ? '' : ` ${t.since} ${time(c.actualSince)}`);
      setText(parts.page, `${t.pageSays} ${statusText(c.published)}`);
      const flag = missing ? t.notOnPage : !c.diverges ? '' : c.actual === 'operational' ? t.backUp : t.pageDiffers;
      parts.flag.hidden = flag === '';
      setText(parts.flag, flag === '' ? '' : `⚑ ${flag}`);
      parts.button.hidden = !c.diverges;
      parts.button.setAttribute('aria-label', t.useInUpdateFor(c.name));
      const before = previous.get(c.id);
      if (before !== undefined && before !== c.actual) raise(c, before, time(c.actualSince));
    }
    previous = new Map(channels.map((c) => [c.id, c.actual]));
    setText(summary, notOnPage === 0 ? `${t.down(down)}.` : `${t.down(down)} · ${t.notOnPageCount(notOnPage)}.`);
    summary.classList.toggle('is-warning', notOnPage > 0);
  };

  /**
   * @param {any} c
   * @param {string} before
   * @param {string} at
   */
  const raise = (c, before, at) => {
    const from = look[before]?.label ?? before;
    const to = look[c.actual]?.label ?? c.actual;
    for (const old of alerts.querySelectorAll('.is-new')) old.classList.remove('is-new');
    alerts.prepend(
      h('li', { class: `alert is-new status-${look[c.actual]?.css ?? 'ok'}`, 'data-channel': c.id }, [
        h('time', { class: 'alert-time', text: at }),
        ' ',
        h('span', { class: 'alert-text' }, [
          lang === 'fr' ? `${c.name} : ` : `${c.name}: `,
          h('span', { class: 'alert-from', text: statusText(before) }),
          ' → ',
          h('strong', { class: 'alert-to', text: statusText(c.actual) }),
        ]),
      ]),
    );
    alertsEmpty.hidden = true;
    announce(t.alertAnnounce(c.name, from, to));
  };

  return { update };
}
