// statusdrill facilitator console: the lobby (scenarios, runs, schedules) and one run at a time,
// live over the `/control` socket. The open run is in the URL: `/console#run=<id>`.
import { connectControl } from './console-client.js';
import { byId } from './console-dom.js';
import { createLobby } from './console-lobby.js';
import { createRunView } from './console-run.js';
import { createRunForms } from './console-forms.js';
import { createPeople } from './console-people.js';
import { createNotes } from './console-notes.js';

const lang = document.body.dataset.lang === 'fr' ? 'fr' : 'en';
const alertBox = byId('alert');
const alertText = byId('alert-text');
const notice = byId('notice');
const connection = byId('connection');
const lobbyPanel = byId('lobby');
const runPanel = byId('run');

const NOTICE_MS = 8_000;
/** @type {ReturnType<typeof setTimeout> | undefined} */
let noticeTimer;

/** Says what went wrong, in the alert region (read out at once); it stays until dismissed. @param {unknown} error */
const fail = (error) => {
  const message = error instanceof Error ? error.message : String(error);
  alertText.replaceChildren(document.createTextNode(`Error: ${message}`));
  alertBox.hidden = false;
};
/** Says what was done, in the polite status region, for a few seconds. @param {string} text */
const notify = (text) => {
  alertBox.hidden = true;
  notice.textContent = text;
  clearTimeout(noticeTimer);
  noticeTimer = setTimeout(() => {
    notice.textContent = '';
  }, NOTICE_MS);
};
byId('alert-dismiss').addEventListener('click', () => {
  alertBox.hidden = true;
});

if (typeof window.io !== 'function') {
  fail('The socket.io client did not load; reload the page.');
} else {
  const { socket, call } = connectControl(lang);
  /** @type {string | undefined} */
  let current;
  const runId = () => current;
  const deps = { call, notify, fail, runId };
  const view = createRunView(deps);
  const forms = createRunForms(deps);
  const notes = createNotes(deps);
  const people = createPeople({
    ...deps,
    reload: async () => {
      const run = current;
      if (run === undefined) return;
      try {
        const data = await call('runs:get', { run });
        if (run === current) render(data);
      } catch (error) {
        fail(error);
      }
    },
  });
  const lobby = createLobby({
    call,
    notify,
    fail,
    lang,
    onRuns: (runs) => {
      if (current !== undefined && socket.connected && !runs.some((run) => run.id === current)) {
        notify(`Run ${current} has ended.`);
        location.hash = '';
      }
    },
  });

  /** @param {any} data */
  const render = (data) => {
    view.render(data);
    forms.update(data);
    people.render(data);
    notes.render(data);
  };

  const hashRun = () => {
    const match = /^#run=([A-Za-z0-9_-]{1,64})$/.exec(location.hash);
    return match ? match[1] : undefined;
  };

  /** Opens the run named in the URL, or the lobby. @param {boolean} moveFocus */
  const route = async (moveFocus) => {
    const wanted = hashRun();
    if (current !== undefined && current !== wanted) {
      socket.emit('run:unwatch', { run: current });
      current = undefined;
      forms.reset();
    }
    updateLangLinks();
    if (wanted === undefined) {
      runPanel.hidden = true;
      lobbyPanel.hidden = false;
      document.title = 'Facilitator console · statusdrill';
      if (moveFocus) byId('runs-title').focus();
      return;
    }
    try {
      const data = await call('run:watch', { run: wanted });
      if (hashRun() !== wanted) return;
      current = wanted;
      lobbyPanel.hidden = true;
      runPanel.hidden = false;
      render(data);
      if (moveFocus) byId('run-title').focus();
    } catch (error) {
      fail(error);
      if (hashRun() === wanted) history.replaceState(null, '', location.pathname + location.search);
      void route(false);
    }
  };

  socket.on('run:view', (/** @type {{ run: string, view: unknown }} */ push) => {
    if (push.run === current) render(push.view);
  });
  socket.on('lobby:changed', () => void lobby.refresh());
  socket.on('run:ended', (/** @type {{ run: string }} */ event) => {
    if (event.run !== current) return;
    notify(`Run ${event.run} has ended.`);
    location.hash = '';
  });
  socket.on('connect', () => {
    connection.textContent = 'Live';
    connection.className = 'connection connection-live';
    call('lobby:watch')
      .then(() => lobby.refresh())
      .catch(fail);
    // After a reconnection the server has forgotten what this socket watched.
    current = undefined;
    void route(false);
  });
  socket.on('disconnect', () => {
    connection.textContent = 'Reconnecting…';
    connection.className = 'connection connection-lost';
  });
  socket.on('connect_error', (error) => {
    connection.textContent = 'Offline';
    connection.className = 'connection connection-lost';
    if (error.message === 'unauthorized') {
      fail('Your session has ended: sign in again.');
      socket.disconnect();
      location.assign('/login?next=/console');
    }
  });

  window.addEventListener('hashchange', () => void route(true));
  byId('back-link').addEventListener('click', (event) => {
    event.preventDefault();
    location.hash = '';
  });
}

/** The language links keep the open run. */
function updateLangLinks() {
  for (const link of document.querySelectorAll('[data-lang-link]')) {
    const target = /** @type {HTMLElement} */ (link).dataset.langLink;
    link.setAttribute('href', `?lang=${target}${location.hash}`);
  }
}
