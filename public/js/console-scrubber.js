// The scrubber: the story's timeline as a track with one marker per entry, a lane per kind (shape
// and lane both tell the kind, the legend names them), the playhead ticking live. Click or drag
// the track, use its arrow keys, or press Enter on a marker, to seek.
import { KIND, byId, s, shortTime } from './console-dom.js';
import { formatOffset, offsetNow, onTick } from './console-clock.js';

/** @typedef {import('../../server/control/views.js').EntryView} EntryView */
/** @typedef {import('./console-clock.js').LiveClock} LiveClock */

const KEY_DEBOUNCE_MS = 500;
const LANES = Object.keys(KIND).length;
const laneY = (/** @type {string} */ kind) =>
  `${((KIND[/** @type {keyof typeof KIND} */ (kind)]?.lane ?? 0) + 0.5) * (100 / LANES)}%`;

/** @param {{ seek: (offsetMs: number) => void }} deps */
export function createScrubber({ seek }) {
  const track = byId('scrubber-track');
  const markers = byId('scrubber-markers');
  const tip = byId('scrubber-tip');

  const progress = s('rect', { class: 'track-progress', x: 0, y: 0, height: '100%', width: '0%' });
  const playhead = s('line', { class: 'track-playhead', x1: '0%', x2: '0%', y1: 0, y2: '100%' });
  const preview = s('line', { class: 'track-preview', x1: '0%', x2: '0%', y1: 0, y2: '100%', visibility: 'hidden' });
  const lanes = Object.keys(KIND).map((kind) =>
    s('line', { class: 'track-lane', x1: 0, x2: '100%', y1: laneY(kind), y2: laneY(kind) }),
  );
  track.append(
    s('svg', { class: 'track-svg', 'aria-hidden': 'true', focusable: 'false' }, progress, lanes, playhead, preview),
  );

  /** @type {LiveClock | null} */
  let live = null;
  /** Where a drag or the arrow keys are about to seek to. @type {number | null} */
  let pending = null;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let keyTimer;
  let lastValueText = '';

  const duration = () => live?.clock.durationMs ?? 0;
  const percent = (/** @type {number} */ offsetMs) => `${duration() > 0 ? (offsetMs / duration()) * 100 : 0}%`;
  const offsetAt = (/** @type {number} */ clientX) => {
    const rect = markers.getBoundingClientRect();
    const fraction = rect.width > 0 ? Math.min(1, Math.max(0, (clientX - rect.left) / rect.width)) : 0;
    return Math.round(fraction * duration());
  };

  const showTip = (/** @type {string} */ text, /** @type {number} */ offsetMs) => {
    tip.textContent = text;
    tip.hidden = false;
    tip.style.left = percent(offsetMs);
    // Slides along the marker so that it never sticks out of the track.
    tip.style.transform = `translateX(${duration() > 0 ? -(offsetMs / duration()) * 100 : 0}%)`;
  };
  const hideTip = () => {
    tip.hidden = true;
  };

  const paint = () => {
    if (live === null) return;
    const now = offsetNow(live);
    progress.setAttribute('width', percent(now));
    playhead.setAttribute('x1', percent(now));
    playhead.setAttribute('x2', percent(now));
    const shown = pending ?? now;
    preview.setAttribute('visibility', pending === null ? 'hidden' : 'visible');
    preview.setAttribute('x1', percent(shown));
    preview.setAttribute('x2', percent(shown));
    track.setAttribute('aria-valuenow', String(Math.round(shown)));
    // Minutes only: a screen reader on the slider is not told every tick.
    const valueText = formatOffset(live, Math.floor(shown / 60_000) * 60_000).replace(/:\d\d(?= )/, '');
    if (valueText !== lastValueText) track.setAttribute('aria-valuetext', (lastValueText = valueText));
  };
  onTick(paint);

  const setPending = (/** @type {number} */ offsetMs) => {
    pending = Math.round(Math.max(0, Math.min(duration(), offsetMs)));
    if (live) showTip(`Go to ${formatOffset(live, pending)}`, pending);
    paint();
  };
  const commit = () => {
    if (pending === null) return;
    const to = pending;
    pending = null;
    hideTip();
    seek(to);
    paint();
  };

  track.addEventListener('pointerdown', (event) => {
    if (live === null || event.button !== 0) return;
    track.setPointerCapture(event.pointerId);
    track.focus();
    setPending(offsetAt(event.clientX));
  });
  track.addEventListener('pointermove', (event) => {
    if (track.hasPointerCapture(event.pointerId)) setPending(offsetAt(event.clientX));
  });
  track.addEventListener('pointerup', (event) => {
    if (!track.hasPointerCapture(event.pointerId)) return;
    track.releasePointerCapture(event.pointerId);
    commit();
  });
  track.addEventListener('pointercancel', () => {
    pending = null;
    hideTip();
    paint();
  });
  track.addEventListener('keydown', (event) => {
    if (live === null) return;
    const base = pending ?? offsetNow(live);
    const step = { ArrowLeft: -0.01, ArrowDown: -0.01, ArrowRight: 0.01, ArrowUp: 0.01, PageDown: -0.1, PageUp: 0.1 }[
      event.key
    ];
    /** @type {number | undefined} */
    let to;
    if (step !== undefined) to = base + step * duration();
    else if (event.key === 'Home') to = 0;
    else if (event.key === 'End') to = duration();
    else if (event.key === 'Enter' && pending !== null) {
      event.preventDefault();
      clearTimeout(keyTimer);
      commit();
      return;
    }
    if (to === undefined) return;
    event.preventDefault();
    setPending(to);
    clearTimeout(keyTimer);
    keyTimer = setTimeout(commit, KEY_DEBOUNCE_MS);
  });
  track.addEventListener('blur', () => {
    if (pending === null) hideTip();
  });

  // Markers: one tab stop for all of them (arrow keys move between them), Enter or a click seeks.
  const markerList = () => /** @type {SVGGElement[]} */ ([...markers.querySelectorAll('.marker')]);
  const moveFocus = (/** @type {SVGGElement} */ from, /** @type {number} */ delta) => {
    const list = markerList();
    const next = list[Math.min(list.length - 1, Math.max(0, list.indexOf(from) + delta))];
    if (!next) return;
    for (const marker of list) marker.setAttribute('tabindex', marker === next ? '0' : '-1');
    next.focus();
  };
  const markerOf = (/** @type {EventTarget | null} */ target) =>
    target instanceof Element ? /** @type {SVGGElement | null} */ (target.closest('.marker')) : null;
  const describe = (/** @type {SVGGElement} */ marker) => marker.dataset.tip ?? '';
  markers.addEventListener('click', (event) => {
    const marker = markerOf(event.target);
    if (marker) seek(Number(marker.dataset.offset));
  });
  markers.addEventListener('keydown', (event) => {
    const marker = markerOf(event.target);
    if (!marker) return;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      seek(Number(marker.dataset.offset));
    } else if (event.key === 'ArrowRight' || event.key === 'ArrowDown') {
      event.preventDefault();
      moveFocus(marker, 1);
    } else if (event.key === 'ArrowLeft' || event.key === 'ArrowUp') {
      event.preventDefault();
      moveFocus(marker, -1);
    }
  });
  for (const type of ['focusin', 'pointerover']) {
    markers.addEventListener(type, (event) => {
      const marker = markerOf(event.target);
      if (marker) showTip(describe(marker), Number(marker.dataset.offset));
    });
  }
  for (const type of ['focusout', 'pointerout']) markers.addEventListener(type, hideTip);

  let timelineSignature = '';

  return {
    /** Shows a run's timeline and clock. @param {EntryView[]} timeline @param {LiveClock} clock */
    update(timeline, clock) {
      live = clock;
      track.setAttribute('aria-valuemax', String(clock.clock.durationMs));
      const signature = JSON.stringify([clock.clock.durationMs, timeline]);
      if (signature !== timelineSignature) {
        timelineSignature = signature;
        const focused = markerOf(document.activeElement)?.dataset.index;
        markers.replaceChildren(...timeline.map((entry, i) => marker(entry, percent(entry.offsetMs), i === 0)));
        const again = focused === undefined ? null : markers.querySelector(`[data-index="${focused}"]`);
        if (again instanceof SVGGElement) {
          for (const m of markerList()) m.setAttribute('tabindex', m === again ? '0' : '-1');
          again.focus();
        }
      }
      paint();
    },
  };
}

/** @param {EntryView} entry @param {string} x @param {boolean} first */
function marker(entry, x, first) {
  const kind = KIND[/** @type {keyof typeof KIND} */ (entry.kind)]?.label ?? entry.kind;
  const text = `${kind} · ${shortTime(entry.time)}${entry.displaced ? ' (fired early or skipped)' : ''}: ${entry.label}`;
  return s(
    'g',
    {
      class: `marker kind-${entry.kind}${entry.displaced ? ' displaced' : ''}`,
      tabindex: first ? '0' : '-1',
      role: 'button',
      'aria-label': `${text}. Press Enter to go to this time.`,
      dataset: { offset: entry.offsetMs, index: entry.index, tip: text },
    },
    s('title', { text }),
    s('circle', { class: 'marker-halo', cx: x, cy: laneY(entry.kind), r: 10 }),
    s('use', { href: `#shape-${entry.kind}`, x, y: laneY(entry.kind) }),
  );
}
