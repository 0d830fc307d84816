// The console's list of ended runs, each with its after-action report (server/control/report-commands.ts).
import { empty, h, renderInto, wallTime } from './console-dom.js';

/**
 * @typedef {{ id: string, scenario: string, title: string, mode: string, createdAt: string, endedAt: string, report: string }} EndedRun
 */

/**
 * Shows `runs` in `container`, the most recently ended first.
 * @param {HTMLElement} container @param {EndedRun[]} runs @param {string} lang language of scenario texts
 */
export function renderEnded(container, runs, lang) {
  renderInto(container, runs, () =>
    runs.length === 0
      ? empty('No run has ended yet.')
      : h(
          'table',
          { class: 'table stack-table' },
          h('caption', { class: 'visually-hidden', text: 'Ended runs' }),
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              ['Scenario', 'Mode', 'Ended', 'Report'].map((t) => h('th', { scope: 'col', text: t })),
            ),
          ),
          h(
            'tbody',
            {},
            runs.map((run) =>
              h(
                'tr',
                { dataset: { endedRun: run.id } },
                h(
                  'td',
                  {},
                  h('span', { lang, text: run.title }),
                  h('br'),
                  h('code', { class: 'muted small', text: run.id }),
                ),
                h('td', { 'data-label': 'Mode', text: run.mode }),
                h('td', { class: 'nowrap', 'data-label': 'Ended', text: wallTime(run.endedAt) }),
                h(
                  'td',
                  {},
                  h(
                    'a',
                    { class: 'btn btn-small', href: `${run.report}?lang=${lang}` },
                    'Report',
                    h('span', { class: 'visually-hidden', text: ` of run ${run.id}` }),
                  ),
                ),
              ),
            ),
          ),
        ),
  );
}
