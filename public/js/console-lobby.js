// The console's lobby: the scenario library, the form that creates runs, the runs and the
// schedules. Lists are fetched again whenever the server says they changed (`lobby:changed`).
import { byId, empty, h, plural, renderInto, wallTime } from './console-dom.js';
import { showClock } from './console-clock.js';
import { createRunForm } from './console-create.js';
import { renderEnded } from './console-ended.js';

/** @typedef {import('../../server/control/views.js').RunSummary} RunSummary */
/** @typedef {import('../../server/control/scenario-list.js').ScenarioItem} ScenarioItem */
/** @typedef {import('../../server/runs/schedules.js').ScheduleView} ScheduleView */

/**
 * @param {object} deps
 * @param {(name: string, input?: object) => Promise<any>} deps.call
 * @param {(text: string) => void} deps.notify
 * @param {(error: unknown) => void} deps.fail
 * @param {string} deps.lang language of scenario texts
 * @param {(runs: RunSummary[]) => void} deps.onRuns
 */
export function createLobby({ call, notify, fail, lang, onRuns }) {
  const library = byId('library');
  const runsList = byId('runs-list');
  const schedules = byId('schedules');
  const ended = byId('ended-runs');
  const scenarioSelect = /** @type {HTMLSelectElement} */ (byId('create-scenario'));

  const refresh = async () => {
    try {
      const [items, runs, plans, past] = await Promise.all([
        call('scenarios:list'),
        call('runs:list'),
        call('schedules:list'),
        call('runs:ended'),
      ]);
      renderLibrary(items);
      renderRuns(runs);
      renderSchedules(plans);
      renderEnded(ended, past, lang);
      onRuns(runs);
    } catch (error) {
      fail(error);
    }
  };

  /** @param {ScenarioItem[]} items */
  const renderLibrary = (items) => {
    renderInto(library, items, () =>
      items.length === 0
        ? empty('No scenario file in the library.')
        : h(
            'ul',
            { class: 'library' },
            items.map((item) =>
              h(
                'li',
                { class: `scenario ${item.ok ? 'scenario-ok' : 'scenario-bad'}`, dataset: { scenario: item.id } },
                h(
                  'div',
                  { class: 'scenario-head' },
                  h('strong', { lang: item.ok ? lang : undefined, text: item.title }),
                  item.ok
                    ? h('span', { class: 'badge st-ok' }, h('span', { 'aria-hidden': 'true', text: '✓' }), ' Valid')
                    : h(
                        'span',
                        { class: 'badge st-major' },
                        h('span', { 'aria-hidden': 'true', text: '✕' }),
                        ' Invalid',
                      ),
                ),
                h(
                  'p',
                  { class: 'muted small' },
                  h('code', { text: item.file }),
                  item.ok
                    ? ` · ${plural(item.channels, 'channel', 'channels')} · ${plural(item.entries, 'entry', 'entries')} · ${item.languages.join(', ')}`
                    : ` · ${plural(item.problems.length, 'problem', 'problems')}`,
                ),
                item.ok
                  ? null
                  : h(
                      'ul',
                      { class: 'problems' },
                      item.problems.map((p) =>
                        h('li', {}, h('code', { text: `${p.line}:${p.column} ${p.path}` }), `: ${p.message}`),
                      ),
                    ),
              ),
            ),
          ),
    );
    const chosen = scenarioSelect.value;
    const valid = items.filter((item) => item.ok);
    renderInto(scenarioSelect, valid, () =>
      valid.length === 0
        ? h('option', { value: '', text: 'No valid scenario' })
        : valid.map((item) => h('option', { value: item.id, lang, text: item.title })),
    );
    if (valid.some((item) => item.id === chosen)) scenarioSelect.value = chosen;
  };

  /** @param {RunSummary[]} runs */
  const renderRuns = (runs) => {
    renderInto(runsList, runs, () =>
      runs.length === 0
        ? empty('No run yet: create one below.')
        : h(
            'table',
            { class: 'table stack-table' },
            h('caption', { class: 'visually-hidden', text: 'Runs' }),
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                ['Scenario', 'Mode', 'State', 'Story time', 'Links', 'Actions'].map((t) =>
                  h('th', { scope: 'col', text: t }),
                ),
              ),
            ),
            h('tbody', {}, runs.map(runRow)),
          ),
    );
    for (const run of runs) {
      const clock = runsList.querySelector(`[data-run="${CSS.escape(run.id)}"] [data-clock]`);
      if (clock instanceof HTMLElement) showClock(clock, run.clock);
    }
  };

  /** @param {RunSummary} run */
  const runRow = (run) =>
    h(
      'tr',
      { dataset: { run: run.id } },
      h(
        'td',
        {},
        h('span', { lang, text: run.scenario.title }),
        h('br'),
        h('code', { class: 'muted small', text: run.id }),
      ),
      h(
        'td',
        { 'data-label': 'Mode' },
        run.mode,
        run.visibility === 'unlisted' ? h('span', { class: 'muted small', text: ' · unlisted' }) : null,
      ),
      h('td', { 'data-label': 'State' }, stateText(run)),
      h('td', { class: 'nowrap', 'data-label': 'Story time' }, h('span', { 'data-clock': '' })),
      h(
        'td',
        { class: 'nowrap' },
        h('a', { href: run.links.page, target: '_blank', rel: 'noopener', text: 'Page' }),
        ' · ',
        h('a', { href: run.links.desk, target: '_blank', rel: 'noopener', text: 'Desk' }),
      ),
      h(
        'td',
        {},
        h(
          'div',
          { class: 'row-actions' },
          h(
            'a',
            { class: 'btn btn-small', href: `#run=${encodeURIComponent(run.id)}`, 'data-focus': `open-${run.id}` },
            'Open',
            h('span', { class: 'visually-hidden', text: ` run ${run.id}` }),
          ),
          h(
            'button',
            {
              type: 'button',
              class: 'btn btn-small btn-danger',
              dataset: { action: 'end-run', run: run.id, focus: `end-${run.id}` },
            },
            'End',
            h('span', { class: 'visually-hidden', text: ` run ${run.id}` }),
          ),
        ),
      ),
    );

  /** @param {ScheduleView[]} plans */
  const renderSchedules = (plans) => {
    renderInto(schedules, plans, () =>
      plans.length === 0
        ? empty('No schedule.')
        : h(
            'table',
            { class: 'table stack-table' },
            h('caption', { class: 'visually-hidden', text: 'Schedules' }),
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                ['Schedule', 'Scenario', 'Next start', 'Runs', 'Actions'].map((t) =>
                  h('th', { scope: 'col', text: t }),
                ),
              ),
            ),
            h(
              'tbody',
              {},
              plans.map((plan) =>
                h(
                  'tr',
                  { dataset: { schedule: plan.id } },
                  h(
                    'td',
                    {},
                    plan.kind === 'cron'
                      ? [
                          h('code', { text: plan.cron ?? '' }),
                          h('br'),
                          h('span', { class: 'muted small', text: plan.timeZone ?? '' }),
                        ]
                      : `once, ${wallTime(plan.at)}`,
                  ),
                  h(
                    'td',
                    {},
                    h('code', { text: plan.scenario }),
                    h('br'),
                    h('span', { class: 'muted small', text: `${plan.mode}, ${plan.speed}×, ${plan.visibility}` }),
                  ),
                  h('td', { 'data-label': 'Next start', text: plan.nextRunAt ? wallTime(plan.nextRunAt) : 'done' }),
                  h('td', { 'data-label': 'Runs started', text: String(plan.runs.length) }),
                  h(
                    'td',
                    {},
                    h(
                      'button',
                      {
                        type: 'button',
                        class: 'btn btn-small btn-danger',
                        dataset: { action: 'remove-schedule', schedule: plan.id, focus: `rm-${plan.id}` },
                      },
                      'Remove',
                      h('span', { class: 'visually-hidden', text: ` schedule ${plan.id}` }),
                    ),
                  ),
                ),
              ),
            ),
          ),
    );
  };

  createRunForm({ call, notify, fail, refresh });

  document.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target.closest('[data-action]') : null;
    if (!(target instanceof HTMLElement)) return;
    const { action, run, schedule } = target.dataset;
    if (action === 'refresh-lobby') void refresh();
    if (action === 'end-run' && run) {
      if (!window.confirm(`End run ${run}? Its page stops, responders are signed out. This cannot be undone.`)) return;
      call('runs:end', { run })
        .then(() => notify(`Run ${run} ended.`))
        .then(refresh)
        .catch(fail);
    }
    if (action === 'remove-schedule' && schedule) {
      call('schedules:remove', { schedule })
        .then(() => notify(`Schedule ${schedule} removed.`))
        .then(refresh)
        .catch(fail);
    }
  });

  return { refresh };
}

/** @param {RunSummary} run */
function stateText(run) {
  const { clock } = run;
  const state = clock.ended ? '■ Ended' : clock.playing ? '▶ Playing' : '‖ Paused';
  return h('span', {}, h('span', { text: state }), h('span', { class: 'muted small', text: ` ${clock.speed}×` }));
}
