// The responders' desk, live over the `/control` namespace: follows one run (`run:watch`, then
// every `run:view`), keeps the story clock ticking between views, and hands each view to the
// panels: monitoring and alerts, the inbox, the composer and its preview, what has gone out.
// Wire contract: server/events.ts; the view is `RunViewBase` in server/control/views.ts.
import { byId, h, setText } from './desk-dom.js';
import { UI, duration, storyFormats } from './desk-i18n.js';
import { createMonitor } from './desk-monitor.js';
import { createInbox } from './desk-inbox.js';
import { createComposer } from './desk-composer.js';
import { createPublished } from './desk-published.js';
import { renderPreview } from './desk-preview.js';
import { loadNames } from './desk-names.js';

const main = byId('main');
const run = main.dataset.run ?? '';
const lang = document.documentElement.lang === 'en' ? 'en' : 'fr';
const t = UI[lang];
const csrf = document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') ?? '';
const baseTitle = document.title;

const connection = byId('connection');
const pageError = byId('page-error');
const politeRegion = byId('announcer');
const alertRegion = byId('alert-announcer');

/**
 * Says things to screen readers: what is said within 50 ms is said together, after the region
 * is emptied, so that nothing said at once is lost and the same words are said again.
 * @param {HTMLElement} region
 */
const speaker = (region) => {
  /** @type {string[]} */
  let queue = [];
  return (/** @type {string} */ text) => {
    if (queue.length === 0) {
      region.textContent = '';
      setTimeout(() => {
        region.textContent = queue.join(' ');
        queue = [];
      }, 50);
    }
    queue.push(text);
  };
};
const announce = speaker(politeRegion);
const alarm = speaker(alertRegion);

/** The clock as last received, and when (performance.now()). */
let clock = { offsetMs: 0, speed: 1, playing: false, ended: false, durationMs: 0, timeZone: 'UTC', startsAtMs: 0 };
let receivedAt = performance.now();
/** @type {Record<string, ReturnType<typeof storyFormats>>} */
let formats = { fr: storyFormats('fr', 'UTC'), en: storyFormats('en', 'UTC') };
/** @type {any} */
let view;
/** @type {import('./desk-names.js').Names} */
let names = {
  channel: (id) => view?.channels.find((/** @type {any} */ c) => c.id === id)?.name ?? id,
  group: (id) => id,
};
let namesFor = '';
let unread = 0;
/** The facilitator ended the run: nothing more will come, and nothing can be published. */
let ended = false;

const storyNow = () =>
  Math.min(clock.durationMs, clock.offsetMs + (clock.playing ? (performance.now() - receivedAt) * clock.speed : 0));
const stampIn = (/** @type {'fr' | 'en'} */ l, /** @type {number} */ offsetMs) =>
  formats[l].stamp(clock.startsAtMs + offsetMs);
const stamp = (/** @type {number} */ offsetMs) => stampIn(lang, offsetMs);
const timeOf = (/** @type {string} */ iso) => formats[lang].time(Date.parse(iso));

const socket = window.io('/control', {
  path: '/control.io',
  auth: { csrf },
  query: { lang },
  transports: ['websocket', 'polling'],
});

const monitor = createMonitor({
  lang,
  announce: alarm,
  useInUpdate: (channel, status) => composer.useStatus(channel, status),
});
const inbox = createInbox({
  run,
  lang,
  announce,
  onCount: (n) => {
    unread = n;
    document.title = n === 0 ? baseTitle : `(${n}) ${baseTitle}`;
  },
});
const composer = createComposer({ run, lang, socket, onChange: () => preview(), storyNow, stamp });
const published = createPublished({ lang, announce });

let previewStamp = '';
const preview = () => {
  if (view === undefined) return;
  const nowMs = storyNow();
  previewStamp = stamp(nowMs);
  renderPreview(byId('preview'), byId('preview-changes'), composer.draft(), {
    lang,
    channels: view.channels,
    nowMs,
    startsAtMs: clock.startsAtMs,
    stampIn,
  });
};

/** The clock line, the cadence reminder and the preview's times, between views. */
const tick = () => {
  const now = storyNow();
  const at = clock.startsAtMs + now;
  setText(byId('clock-date'), formats[lang].date(at));
  setText(byId('clock-time'), formats[lang].time(at));
  setText(byId('clock-zone'), formats[lang].zone(at));
  if (view === undefined) return;
  const updates = view.incidents.flatMap((/** @type {any} */ i) => i.updates);
  const last = Math.max(...updates.map((/** @type {any} */ u) => u.offsetMs));
  const open = view.incidents.some((/** @type {any} */ i) => i.stage !== 'resolved' && i.stage !== 'postmortem');
  const gap = view.policy?.maxGapMs;
  const overdue = open && gap !== undefined && now - last > gap;
  const lastUpdate = byId('last-update');
  setText(
    lastUpdate,
    updates.length === 0
      ? t.noUpdateYet
      : t.lastUpdate(stamp(last), duration(now - last)) + (overdue ? ` ${t.overdue(duration(gap))}` : ''),
  );
  lastUpdate.classList.toggle('is-warning', overdue);
  if (stamp(now) !== previewStamp) preview();
};

/** The latest view while the names it needs are being read. */
let waiting = /** @type {any} */ (undefined);

/**
 * Shows a view; first reads the names of its channels and groups in every language when they
 * are new (a first view, another language), so that groups never show as bare ids.
 */
const show = (/** @type {any} */ next) => {
  const key = `${next.languages.join()}|${next.channels.map((/** @type {any} */ ch) => ch.id).join()}`;
  if (waiting !== undefined) {
    waiting = next;
    return;
  }
  if (key === namesFor) return apply(next);
  namesFor = key;
  waiting = next;
  void loadNames(run, lang, next.languages, next.channels).then((loaded) => {
    names = loaded;
    const latest = waiting;
    waiting = undefined;
    show(latest);
  });
};

/** Shows a view with the names known. */
const apply = (/** @type {any} */ next) => {
  view = next;
  const c = next.summary.clock;
  // The story's start: `storyTime` is written to the second, rounded down.
  const startsAtMs = Math.ceil((Date.parse(c.storyTime) - c.offsetMs) / 1000) * 1000;
  if (c.timeZone !== clock.timeZone)
    formats = { fr: storyFormats('fr', c.timeZone), en: storyFormats('en', c.timeZone) };
  clock = { ...c, startsAtMs };
  receivedAt = performance.now();

  const title = next.summary.scenario.title;
  setText(byId('run-title'), title);
  document.title = `${unread === 0 ? '' : `(${unread}) `}${baseTitle}`;
  setText(byId('clock-speed'), `${t.speed} ${c.speed}×`);
  setText(byId('clock-state'), c.ended ? t.storyEnded : c.playing ? t.playing : t.paused);
  byId('mode-notice').hidden = next.summary.mode === 'exercise';

  monitor.update(next.channels, { groupName: names.group, time: timeOf });
  inbox.update(next.injects.map((/** @type {any} */ i) => ({ ...i, displayTime: timeOf(i.time) })));
  composer.update(next, names);
  published.incidents(next.incidents, stamp);
  published.drafts(next.drafts, stamp, next.incidents);
  const policy = next.policy ?? {};
  const policyText =
    policy.firstUpdateWithinMs === undefined || policy.maxGapMs === undefined
      ? ''
      : t.policy(duration(policy.firstUpdateWithinMs), duration(policy.maxGapMs)) +
        (policy.requireNextUpdate ? t.policyNext : '');
  setText(byId('policy'), policyText);
  byId('policy').hidden = policyText === '';
  tick();
  preview();
  document.body.dataset.desk = 'live';
};

const showProblem = (/** @type {string} */ message, /** @type {boolean} */ rejoin) => {
  pageError.replaceChildren(
    h('p', { text: message }),
    rejoin ? h('p', {}, [h('a', { href: '/join', text: '/join' })]) : null,
  );
};

const watch = () => {
  socket.timeout(10_000).emit('run:watch', { run }, (/** @type {Error | null} */ err, /** @type {any} */ ack) => {
    if (err) return showProblem(t.noAnswer, false);
    if (!ack?.ok) return showProblem(ack?.error?.message ?? t.refused, true);
    pageError.replaceChildren();
    show(ack.data);
  });
};

socket.on('connect', () => {
  connection.hidden = true;
  watch();
});
/** The run is over: say so, and let nothing more be sent. */
const end = () => {
  ended = true;
  showProblem(t.ended, false);
  byId('publish').setAttribute('disabled', '');
};

socket.on('connect_error', (/** @type {Error} */ error) => {
  connection.hidden = true;
  if (ended) return;
  if (error.message === 'unauthorized') {
    showProblem(t.refused, true);
    // Refused because the run ended (its codes die with it)? Its public page is gone too.
    void fetch(`/r/${encodeURIComponent(run)}/api/v2/status.json`, { method: 'HEAD' }).then(
      (response) => {
        if (response.status === 404) end();
      },
      () => undefined,
    );
  } else {
    setText(connection, t.reconnecting);
    connection.hidden = false;
  }
});
socket.on('disconnect', (/** @type {string} */ reason) => {
  if (ended) return;
  setText(connection, t.reconnecting);
  connection.hidden = false;
  // The server lets go on purpose when a code is revoked or the run ends; try once more so that
  // a refusal, if it is one, is said plainly.
  if (reason === 'io server disconnect') setTimeout(() => socket.connect(), 1000 + Math.random() * 1000);
});
socket.on('run:view', (/** @type {{ run: string; view: unknown }} */ event) => {
  if (event.run === run) show(event.view);
});
socket.on('run:ended', (/** @type {{ run: string }} */ event) => {
  if (event.run === run) end();
});

// Fast enough for the minutes to turn smoothly at any speed, slow enough to cost nothing.
setInterval(tick, 250);
