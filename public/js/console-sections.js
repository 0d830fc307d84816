// The parts of a run's view that only show: channels (actual versus published), next entries,
// prompts, expectations, incidents and the log. Each is redrawn only when its data changed.
import {
  EXPECTATION,
  STAGE,
  empty,
  h,
  kindTag,
  pick,
  plural,
  renderInto,
  statusBadge,
  storyTimeEl,
  wallTime,
} from './console-dom.js';

/** @typedef {import('../../server/control/views.js').ConsoleView} ConsoleView */

/** @param {ConsoleView} view */
export function renderChannels(/** @type {HTMLElement} */ container, /** @type {HTMLElement} */ summary, view) {
  const differing = view.channels.filter((c) => c.diverges).length;
  summary.textContent =
    differing === 0
      ? 'The page publishes the actual status of every channel.'
      : `${plural(differing, 'channel differs', 'channels differ')} between actual and published.`;
  renderInto(container, view.channels, () =>
    h(
      'table',
      { class: 'table channels-table' },
      h('caption', { class: 'visually-hidden', text: 'Actual and published status of each channel' }),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['Channel', 'Actual', 'Published'].map((t) => h('th', { scope: 'col', text: t })),
          h('th', { scope: 'col', class: 'match', text: 'Match' }),
        ),
      ),
      h(
        'tbody',
        {},
        view.channels.map((c) =>
          h(
            'tr',
            { class: c.diverges ? 'diverges' : undefined, dataset: { channel: c.id } },
            h(
              'th',
              { scope: 'row' },
              h('span', { lang: view.lang, text: c.name }),
              c.diverges
                ? h(
                    'span',
                    { class: 'differs differs-inline' },
                    h('span', { 'aria-hidden': 'true', text: ' ⚠' }),
                    ' differs',
                  )
                : null,
            ),
            h(
              'td',
              {},
              statusBadge(c.actual),
              h('span', { class: 'muted small since' }, ' since ', storyTimeEl(c.actualSince)),
            ),
            h('td', {}, statusBadge(c.published)),
            h(
              'td',
              { class: 'match' },
              c.diverges
                ? h('span', { class: 'differs' }, h('span', { 'aria-hidden': 'true', text: '⚠' }), ' differs')
                : h('span', { class: 'muted', text: 'same' }),
            ),
          ),
        ),
      ),
    ),
  );
}

/** @param {ConsoleView} view */
export function renderUpcoming(/** @type {HTMLElement} */ container, view) {
  renderInto(container, view.upcoming, () =>
    view.upcoming.length === 0
      ? empty('No entry left: the story is at its end.')
      : h(
          'ol',
          { class: 'entries' },
          view.upcoming.map((entry) =>
            h(
              'li',
              { class: 'entry', dataset: { entry: entry.index } },
              h('span', { class: 'entry-time' }, storyTimeEl(entry.time)),
              kindTag(entry.kind),
              h('span', { class: 'entry-label', lang: view.lang, text: entry.label }),
              h(
                'span',
                { class: 'entry-actions' },
                h(
                  'button',
                  {
                    type: 'button',
                    class: 'btn btn-small',
                    dataset: { entryAction: 'fire', entry: entry.index, focus: `fire-${entry.index}` },
                  },
                  'Fire now',
                  h('span', { class: 'visually-hidden', text: ` entry ${entry.index}` }),
                ),
                h(
                  'button',
                  {
                    type: 'button',
                    class: 'btn btn-small btn-quiet',
                    dataset: { entryAction: 'skip', entry: entry.index, focus: `skip-${entry.index}` },
                  },
                  'Skip',
                  h('span', { class: 'visually-hidden', text: ` entry ${entry.index}` }),
                ),
              ),
            ),
          ),
        ),
  );
}

/** @param {ConsoleView} view */
export function renderPrompts(/** @type {HTMLElement} */ container, view) {
  const prompts = [...view.prompts].reverse();
  renderInto(container, prompts, () => {
    if (prompts.length === 0) return empty('No prompt yet.');
    const item = (/** @type {(typeof prompts)[number]} */ p, /** @type {boolean} */ latest) =>
      h(
        'li',
        { class: latest ? 'prompt prompt-latest' : 'prompt' },
        h('p', { class: 'prompt-time' }, latest ? h('strong', { text: 'Latest · ' }) : null, storyTimeEl(p.time)),
        h('p', { lang: view.lang, text: p.text }),
      );
    const [latest, ...earlier] = prompts;
    return [
      h('ul', { class: 'prompts' }, latest ? item(latest, true) : null),
      earlier.length === 0
        ? null
        : h(
            'details',
            {},
            h('summary', { text: `Earlier prompts (${earlier.length})` }),
            h(
              'ul',
              { class: 'prompts' },
              earlier.map((p) => item(p, false)),
            ),
          ),
    ];
  });
}

/** @param {ConsoleView} view */
export function renderExpectations(/** @type {HTMLElement} */ container, view) {
  renderInto(container, view.expectations, () =>
    view.expectations.length === 0
      ? empty('No expectation has come due yet.')
      : h(
          'table',
          { class: 'table' },
          h('caption', { class: 'visually-hidden', text: 'Expectations' }),
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              ['Expectation', 'Deadline', 'Status'].map((t) => h('th', { scope: 'col', text: t })),
            ),
          ),
          h(
            'tbody',
            {},
            view.expectations.map((e) => {
              const look = EXPECTATION[/** @type {keyof typeof EXPECTATION} */ (e.status)] ?? {
                icon: '?',
                label: e.status,
                css: 'unknown',
              };
              return h(
                'tr',
                { dataset: { expectation: e.id } },
                h(
                  'td',
                  {},
                  h('span', { lang: view.lang, text: e.description }),
                  h('br'),
                  h('code', { class: 'muted small', text: e.kind }),
                ),
                h('td', { class: 'nowrap' }, storyTimeEl(e.deadline)),
                h(
                  'td',
                  {},
                  h(
                    'span',
                    { class: `badge st-${look.css}` },
                    h('span', { 'aria-hidden': 'true', text: look.icon }),
                    ` ${look.label}`,
                  ),
                ),
              );
            }),
          ),
        ),
  );
}

/** @param {ConsoleView} view */
export function renderIncidents(/** @type {HTMLElement} */ container, view) {
  const incidents = view.incidents.map((i) => ({
    id: i.id,
    title: pick(i.title, view.lang),
    stage: i.stage,
    impact: i.impact,
    updates: i.updates.length,
  }));
  renderInto(container, incidents, () =>
    incidents.length === 0
      ? empty('Nothing published yet.')
      : h(
          'ul',
          { class: 'incidents' },
          incidents.map((i) =>
            h(
              'li',
              {},
              h('strong', { lang: view.lang, text: i.title }),
              ' ',
              h('code', { class: 'muted small', text: i.id }),
              h('br'),
              h('span', {
                class: 'small',
                text: `${STAGE[/** @type {keyof typeof STAGE} */ (i.stage)] ?? i.stage} · impact ${i.impact} · ${plural(i.updates, 'update', 'updates')}`,
              }),
            ),
          ),
        ),
  );
}

/** @param {ConsoleView} view */
export function renderLog(/** @type {HTMLElement} */ container, view) {
  renderInto(container, view.log, () =>
    view.log.length === 0
      ? h('li', { class: 'muted', text: 'Nothing yet.' })
      : view.log.map((line) =>
          h(
            'li',
            { class: `log-line log-${line.kind}` },
            h('span', { class: 'log-time' }, storyTimeEl(line.time)),
            h('span', { class: 'log-kind', text: line.kind }),
            h('span', { class: 'log-text', lang: view.lang, text: line.text }),
            h('span', { class: 'log-author muted', title: `at ${wallTime(line.wall)}`, text: line.author }),
          ),
        ),
  );
}
