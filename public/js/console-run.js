// One run in the console: its header, clock and transport, scrubber, and the sections of
// console-sections.js. The view comes whole with every `run:view`; each part is redrawn only when
// its data changed, so focus and half-typed forms survive the pushes.
import { byId, h, plural, renderInto } from './console-dom.js';
import { liveClock, showClock } from './console-clock.js';
import { createScrubber } from './console-scrubber.js';
import {
  renderChannels,
  renderExpectations,
  renderIncidents,
  renderLog,
  renderPrompts,
  renderUpcoming,
} from './console-sections.js';

/** @typedef {import('../../server/control/views.js').ConsoleView} ConsoleView */

const SPEEDS = [0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600, 1800, 3600];

/**
 * @param {object} deps
 * @param {(name: string, input?: object) => Promise<any>} deps.call
 * @param {(text: string) => void} deps.notify
 * @param {(error: unknown) => void} deps.fail
 * @param {() => string | undefined} deps.runId
 */
export function createRunView({ call, notify, fail, runId }) {
  const el = {
    title: byId('run-title'),
    meta: byId('run-meta'),
    links: byId('run-links'),
    clock: byId('run-clock'),
    clockState: byId('run-clock-state'),
    speed: /** @type {HTMLSelectElement} */ (byId('run-speed')),
    channels: byId('channels'),
    channelsSummary: byId('channels-summary'),
    upcoming: byId('upcoming'),
    prompts: byId('prompts'),
    expectations: byId('expectations'),
    incidents: byId('incidents'),
    log: byId('log'),
  };

  /** Runs a control and says so; errors go to the alert region. @param {object} input @param {string} done */
  const control = (input, done) => {
    const run = runId();
    if (run === undefined) return;
    call('runs:control', { run, ...input })
      .then(() => notify(done))
      .catch(fail);
  };
  const scrubber = createScrubber({ seek: (to) => control({ control: 'seek', to }, 'Moved the story clock.') });

  const CONTROL_DONE = {
    play: 'Playing.',
    pause: 'Paused.',
    'step-next': 'Stepped to the next entry.',
    'step-back': 'Stepped back to the previous entry.',
    restart: 'Restarted from the beginning, paused.',
  };
  byId('run').addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target.closest('[data-control], [data-entry-action]') : null;
    if (!(target instanceof HTMLElement)) return;
    const { control: name, entryAction, entry } = target.dataset;
    if (name) control({ control: name }, CONTROL_DONE[/** @type {keyof typeof CONTROL_DONE} */ (name)] ?? 'Done.');
    const run = runId();
    if (entryAction && entry !== undefined && run !== undefined) {
      call('runs:act', { run, action: { type: entryAction, entry: Number(entry) } })
        .then(() => notify(entryAction === 'fire' ? `Entry ${entry} fired now.` : `Entry ${entry} skipped.`))
        .catch(fail);
    }
  });
  el.speed.addEventListener('change', () =>
    control({ control: 'speed', speed: Number(el.speed.value) }, `Speed set to ${el.speed.value}×.`),
  );

  /** @param {ConsoleView} view */
  const render = (view) => {
    const { summary, lang } = view;
    const title = summary.scenario.title;
    if (el.title.textContent !== title) el.title.textContent = title;
    el.title.lang = lang;
    document.title = `${title} · Facilitator console · statusdrill`;
    renderInto(el.meta, [summary.id, summary.mode, summary.visibility, summary.version, view.modelAnswers], () => [
      h('code', { text: summary.id }),
      ` · ${summary.mode === 'replay' ? 'Replay' : 'Exercise'} mode · ${summary.visibility} · version ${summary.version}`,
      summary.mode === 'exercise' ? ` · ${plural(view.modelAnswers, 'model answer', 'model answers')} withheld` : '',
    ]);
    renderInto(el.links, summary.links, () => [
      h(
        'a',
        { class: 'btn btn-small', href: summary.links.page, target: '_blank', rel: 'noopener' },
        'Status page ',
        h('span', { 'aria-hidden': 'true', text: '↗' }),
        h('span', { class: 'visually-hidden', text: '(new tab)' }),
      ),
      h(
        'a',
        { class: 'btn btn-small', href: summary.links.desk, target: '_blank', rel: 'noopener' },
        'Desk ',
        h('span', { 'aria-hidden': 'true', text: '↗' }),
        h('span', { class: 'visually-hidden', text: '(new tab)' }),
      ),
      h(
        'a',
        { class: 'btn btn-small', href: summary.links.report, target: '_blank', rel: 'noopener' },
        'Report ',
        h('span', { 'aria-hidden': 'true', text: '↗' }),
        h('span', { class: 'visually-hidden', text: '(new tab)' }),
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'btn btn-small btn-danger',
          dataset: { action: 'end-run', run: summary.id, focus: 'end-run' },
        },
        'End run',
      ),
    ]);

    const clock = summary.clock;
    showClock(el.clock, clock);
    el.clockState.textContent = `${clock.ended ? '■ Ended' : clock.playing ? '▶ Playing' : '‖ Paused'} · ${clock.speed}×`;
    document.querySelector('[data-control="play"]')?.classList.toggle('is-current', clock.playing);
    document.querySelector('[data-control="pause"]')?.classList.toggle('is-current', !clock.playing);
    renderInto(el.speed, clock.speed, () =>
      [...new Set([...SPEEDS, clock.speed])]
        .sort((a, b) => a - b)
        .map((speed) => h('option', { value: speed, selected: speed === clock.speed, text: `${speed}×` })),
    );
    if (Number(el.speed.value) !== clock.speed) el.speed.value = String(clock.speed);
    scrubber.update(view.timeline, liveClock(clock));

    renderChannels(el.channels, el.channelsSummary, view);
    renderUpcoming(el.upcoming, view);
    renderPrompts(el.prompts, view);
    renderExpectations(el.expectations, view);
    renderIncidents(el.incidents, view);
    renderLog(el.log, view);
  };

  return { render };
}
