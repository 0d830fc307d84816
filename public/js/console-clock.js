// Story clocks that keep ticking between pushes: the last clock received, moved on by the time
// elapsed since (times its speed) while it plays.
/** @typedef {import('../../server/replay/run-views.js').ClockView} ClockView */

/**
 * @typedef {object} LiveClock
 * @property {ClockView} clock
 * @property {number} receivedAt performance.now() when the clock arrived
 * @property {number} startsAtMs the story's start, wall ms
 * @property {Intl.DateTimeFormat} format
 */

/** @type {Map<HTMLElement, LiveClock>} */
const clocks = new Map();
/** @type {Set<() => void>} */
const listeners = new Set();

/** @param {ClockView} clock @returns {LiveClock} */
export function liveClock(clock) {
  // storyTime is written to the second, cut (not rounded): the start is the next whole second.
  const startsAtMs = Math.ceil((Date.parse(clock.storyTime) - clock.offsetMs) / 1000) * 1000;
  const format = new Intl.DateTimeFormat('en-GB', {
    timeZone: clock.timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  });
  return { clock, receivedAt: performance.now(), startsAtMs, format };
}

/** The story offset now. @param {LiveClock} live */
export function offsetNow(live) {
  const { clock } = live;
  const elapsed = clock.playing ? (performance.now() - live.receivedAt) * clock.speed : 0;
  return Math.max(0, Math.min(clock.durationMs, clock.offsetMs + elapsed));
}

/** The story time at an offset, in the scenario's zone. @param {LiveClock} live @param {number} offsetMs */
export function formatOffset(live, offsetMs) {
  const date = new Date(live.startsAtMs + offsetMs);
  return Number.isNaN(date.getTime()) ? '—' : live.format.format(date);
}

/** Shows `clock` in `element`, ticking; `null` stops. @param {HTMLElement} element @param {ClockView | null} clock */
export function showClock(element, clock) {
  if (clock === null) {
    clocks.delete(element);
    return;
  }
  const live = liveClock(clock);
  clocks.set(element, live);
  paint(element, live);
}

/** Calls `listener` at every tick (for the scrubber's playhead). @param {() => void} listener */
export function onTick(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** @param {HTMLElement} element @param {LiveClock} live */
function paint(element, live) {
  const text = formatOffset(live, offsetNow(live));
  if (element.textContent !== text) element.textContent = text;
}

function tick() {
  for (const [element, live] of clocks) {
    if (!element.isConnected) clocks.delete(element);
    else paint(element, live);
  }
  for (const listener of listeners) listener();
}

// Fast enough for the seconds to turn at 1x, slow enough to cost nothing.
setInterval(tick, 250);
