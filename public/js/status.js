// statusdrill status page, live. Progressive enhancement: the server-rendered page is complete;
// this script keeps it current. Wire contract: server/events.ts.
/** @typedef {import('../../server/events.js').StatusSnapshot} StatusSnapshot */
/** @typedef {import('../../server/events.js').ClockSnapshot} ClockSnapshot */
/** @typedef {import('../../server/events.js').StatusChange} StatusChange */
/** @typedef {import('../../server/events.js').LivePart} LivePart */

const main = document.getElementById('main');
const live = document.getElementById('live');
const announcer = document.getElementById('announcer');
const clockElement = document.getElementById('clock');
const connection = document.getElementById('connection');

if (main && live && clockElement && typeof window.io === 'function') {
  const run = main.dataset.run ?? '';
  const lang = main.dataset.lang === 'en' ? 'en' : 'fr';
  const locale = lang === 'fr' ? 'fr-FR' : 'en-GB';
  let instance = main.dataset.instance ?? '';
  let version = Number(main.dataset.version);

  /** The clock as last received, and when (performance.now()). */
  let clock = {
    offsetMs: Number(clockElement.dataset.offset),
    speed: Number(clockElement.dataset.speed),
    playing: clockElement.dataset.playing === 'true',
    startsAtMs: Number(clockElement.dataset.starts),
    durationMs: Number(clockElement.dataset.duration),
    timeZone: clockElement.dataset.zone ?? 'UTC',
  };
  let receivedAt = performance.now();

  const field = (/** @type {string} */ name) => clockElement.querySelector(`[data-clock="${name}"]`);
  const formats = () => ({
    date: new Intl.DateTimeFormat(locale, {
      timeZone: clock.timeZone,
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
    }),
    time: new Intl.DateTimeFormat(locale, {
      timeZone: clock.timeZone,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }),
    zone: new Intl.DateTimeFormat('en-GB', { timeZone: clock.timeZone, timeZoneName: 'short' }),
  });
  let format = formats();

  /** Shows the story time now: the last offset received, moved on by elapsed time times speed. */
  const tick = () => {
    const elapsed = clock.playing ? (performance.now() - receivedAt) * clock.speed : 0;
    const at = new Date(clock.startsAtMs + Math.min(clock.durationMs, clock.offsetMs + elapsed));
    const set = (/** @type {string} */ name, /** @type {string} */ text) => {
      const element = field(name);
      if (element && element.textContent !== text) element.textContent = text;
    };
    set('date', format.date.format(at));
    set('time', format.time.format(at));
    set('zone', format.zone.formatToParts(at).find((part) => part.type === 'timeZoneName')?.value ?? '');
  };

  /**
   * Puts a version's live region in place: the whole markup, or only the parts that changed since
   * the version held (each element of the same `data-part` replaced). False when a part has no
   * element to replace, which only a page that is not at the version before can see.
   * @param {{ html: string } | { parts: LivePart[] }} region
   */
  const replaceRegion = (region) => {
    if ('html' in region) {
      live.innerHTML = region.html;
      return true;
    }
    /** @type {Map<string, Element>} */
    const elements = new Map();
    for (const element of live.querySelectorAll('[data-part]'))
      elements.set(element.getAttribute('data-part') ?? '', element);
    if (!region.parts.every((part) => elements.has(part.key))) return false;
    for (const part of region.parts) {
      const element = elements.get(part.key);
      if (element) element.outerHTML = part.html;
    }
    return true;
  };

  /** @param {StatusSnapshot | StatusChange} snapshot @param {boolean} announce */
  const apply = (snapshot, announce) => {
    if (snapshot.instance !== instance || snapshot.version !== version) {
      if (!replaceRegion(snapshot)) return join();
      instance = snapshot.instance;
      version = snapshot.version;
      main.dataset.instance = instance;
      main.dataset.version = String(version);
      if (announce && announcer) announcer.textContent = snapshot.announcement;
    }
    const zoneChanged = snapshot.clock.timeZone !== clock.timeZone;
    clock = { ...snapshot.clock };
    receivedAt = performance.now();
    if (zoneChanged) format = formats();
    const speed = field('speed');
    const state = field('state');
    if (speed) speed.textContent = snapshot.clock.texts.speed;
    if (state) state.textContent = snapshot.clock.texts.state;
    tick();
  };

  // The run named in the handshake: the server sends its snapshot on every connection, no join needed.
  const socket = window.io('/status', { auth: { run, lang }, transports: ['websocket', 'polling'] });
  const join = () => socket.emit('status:join', { run, lang });
  socket.on('connect', () => {
    if (connection) connection.hidden = true;
  });
  socket.on('disconnect', (reason) => {
    if (connection) connection.hidden = false;
    // socket.io retries by itself only when the connection was lost. When the server let go of
    // the viewers on purpose (a restart, a rebalance), come back too, at a random moment within
    // a second or two so that every viewer does not knock at once.
    if (reason === 'io server disconnect') setTimeout(() => socket.connect(), 1000 + Math.random() * 1000);
  });
  socket.on('status:snapshot', (/** @type {StatusSnapshot} */ snapshot) =>
    apply(snapshot, instance !== snapshot.instance || version !== snapshot.version),
  );
  socket.on('status:changed', (/** @type {StatusChange} */ snapshot) => {
    // Another instance of the run (brought back by another process, or recreated): its versions
    // started again, so only a whole snapshot says where it stands.
    if (snapshot.instance !== instance) return join();
    if (snapshot.version <= version) return;
    // A gap means something was missed: ask for the whole state rather than guess.
    if (snapshot.version > version + 1) join();
    else apply(snapshot, true);
  });

  // Fast enough for the minutes to turn smoothly at any speed, slow enough to cost nothing.
  setInterval(tick, 250);
}
