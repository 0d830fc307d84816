// The form that creates a run: now, at a date and time (the browser's, sent with its offset), or
// on a cron schedule in a time zone.
import { byId, wallTime } from './console-dom.js';

/**
 * @param {object} deps
 * @param {(name: string, input?: object) => Promise<any>} deps.call
 * @param {(text: string) => void} deps.notify
 * @param {(error: unknown) => void} deps.fail
 * @param {() => Promise<void>} deps.refresh refreshes the lobby's lists
 */
export function createRunForm({ call, notify, fail, refresh }) {
  const form = /** @type {HTMLFormElement} */ (byId('create-form'));

  const startChoice = () =>
    /** @type {HTMLInputElement | null} */ (form.querySelector('input[name="start"]:checked'))?.value ?? 'now';
  const showStartDetail = () => {
    for (const detail of form.querySelectorAll('[data-start]')) {
      /** @type {HTMLElement} */ (detail).hidden = /** @type {HTMLElement} */ (detail).dataset.start !== startChoice();
    }
  };
  form.addEventListener('change', showStartDetail);
  showStartDetail();

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void (async () => {
      try {
        const input = createInput(form, startChoice());
        const result = await call('runs:create', input);
        if (result.run)
          notify(
            `Run ${result.run.id} created and playing at ${result.run.clock.speed}×. Open it from the list of runs.`,
          );
        else notify(`Scheduled: next start ${wallTime(result.scheduled?.nextRunAt)}.`);
        await refresh();
      } catch (error) {
        fail(error);
      }
    })();
  });
}

/** The `runs:create` input from the form; throws an Error saying what to fix. @param {HTMLFormElement} form @param {string} start */
function createInput(form, start) {
  const data = new FormData(form);
  const scenario = String(data.get('scenario') ?? '');
  if (scenario === '') throw new Error('Choose a valid scenario.');
  const speed = Number(data.get('speed'));
  if (!Number.isFinite(speed) || speed < 0.1 || speed > 10_000) throw new Error('Speed: a number from 0.1 to 10000.');
  const input = {
    scenario,
    mode: String(data.get('mode')),
    speed,
    visibility: String(data.get('visibility')),
    requireApproval: data.get('requireApproval') === 'on',
    start: { kind: 'now' },
  };
  if (start === 'at') {
    const local = String(data.get('at') ?? '');
    const date = new Date(local);
    if (local === '' || Number.isNaN(date.getTime())) throw new Error('Start at: choose a date and a time.');
    input.start = { kind: 'at', at: isoWithOffset(date) };
  } else if (start === 'cron') {
    const cron = String(data.get('cron') ?? '').trim();
    const timeZone = String(data.get('timeZone') ?? '').trim() || 'Europe/Paris';
    if (cron === '') throw new Error('Cron expression: required, e.g. "0 9 * * 1".');
    input.start = { kind: 'cron', cron, timeZone };
  }
  return input;
}

/** `2026-01-05T09:00:00+01:00` for a date, with the browser's offset at that date. @param {Date} date */
export function isoWithOffset(date) {
  const pad = (/** @type {number} */ n) => String(Math.floor(Math.abs(n))).padStart(2, '0');
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}` +
    `${sign}${pad(offset / 60)}:${pad(offset % 60)}`
  );
}
