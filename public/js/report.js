// statusdrill after-action report, the facilitator's copy: add and remove notes, create and
// revoke share links, through the control API (server/control/report-commands.ts) with the
// session's anti-forgery token. The page is rendered by the server; after a change it is loaded
// again, so what it shows is always what the server holds.

const main = document.getElementById('main');
const csrf = document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') ?? '';
const errorBox = document.getElementById('report-error');
const run = main?.dataset.run ?? '';
const lang = main?.dataset.lang === 'fr' ? 'fr' : 'en';
const api = `/api/runs/${encodeURIComponent(run)}`;

/**
 * Calls the control API; resolves with the JSON answer, rejects with the server's message.
 * @param {'POST' | 'DELETE'} method @param {string} path @param {Record<string, unknown>} [body]
 */
const call = async (method, path, body) => {
  const response = await fetch(`${api}${path}?lang=${lang}`, {
    method,
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
  });
  const data = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(data?.error?.message ?? `HTTP ${response.status}`);
  return data;
};

/** Shows what went wrong, read out at once. @param {unknown} error */
const fail = (error) => {
  const text = error instanceof Error ? error.message : String(error);
  if (errorBox) {
    errorBox.textContent = text;
    errorBox.hidden = false;
  } else window.alert(text);
};

document.getElementById('note-form')?.addEventListener('submit', (event) => {
  event.preventDefault();
  const form = /** @type {HTMLFormElement} */ (event.currentTarget);
  const text = /** @type {HTMLTextAreaElement} */ (form.elements.namedItem('text')).value.trim();
  const at = /** @type {HTMLInputElement} */ (form.elements.namedItem('at')).value.trim();
  if (text === '') return fail(lang === 'fr' ? 'La note est vide.' : 'The note is empty.');
  call('POST', '/notes', at === '' ? { text } : { text, at }).then(() => location.reload(), fail);
});

for (const button of document.querySelectorAll('[data-remove-note]')) {
  button.addEventListener('click', () => {
    const note = /** @type {HTMLElement} */ (button).dataset.removeNote ?? '';
    call('DELETE', `/notes/${encodeURIComponent(note)}`).then(() => location.reload(), fail);
  });
}

document.getElementById('share-form')?.addEventListener('submit', (event) => {
  event.preventDefault();
  const form = /** @type {HTMLFormElement} */ (event.currentTarget);
  const label = /** @type {HTMLInputElement} */ (form.elements.namedItem('label')).value.trim();
  call('POST', '/shares', { label }).then((share) => {
    // Shown once: the server keeps only the token's digest. The list below is refreshed on the next load.
    const box = document.getElementById('share-created');
    const field = /** @type {HTMLInputElement | null} */ (document.getElementById('share-link'));
    if (box === null || field === null) return;
    field.value = new URL(share.link, location.href).href;
    box.hidden = false;
    field.focus();
    field.select();
  }, fail);
});

for (const button of document.querySelectorAll('[data-revoke-share]')) {
  button.addEventListener('click', () => {
    const share = /** @type {HTMLElement} */ (button).dataset.revokeShare ?? '';
    call('DELETE', `/shares/${encodeURIComponent(share)}`).then(() => location.reload(), fail);
  });
}
