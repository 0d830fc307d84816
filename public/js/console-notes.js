// The facilitator's notes on the open run: pinned to the story time (where the story stands, or a
// time typed), shown in the after-action report. Commands: notes:add, notes:remove.
import { byId, empty, h, renderInto } from './console-dom.js';

/** @typedef {{ id: string, offsetMs: number, time: string, text: string, author: string }} NoteView */

/**
 * @param {object} deps
 * @param {(name: string, input?: object) => Promise<any>} deps.call
 * @param {(text: string) => void} deps.notify
 * @param {(error: unknown) => void} deps.fail
 * @param {() => string | undefined} deps.runId
 */
export function createNotes({ call, notify, fail, runId }) {
  const list = byId('notes');
  const form = /** @type {HTMLFormElement} */ (byId('note-form'));

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const run = runId();
    if (run === undefined) return;
    const data = new FormData(form);
    const text = String(data.get('text') ?? '').trim();
    const at = String(data.get('at') ?? '').trim();
    if (text === '') return fail('The note is empty.');
    call('notes:add', { run, text, ...(at === '' ? {} : { at }) })
      .then((/** @type {NoteView} */ note) => {
        form.reset();
        notify(`Note pinned at ${note.time}; it will be in the report.`);
      })
      .catch(fail);
  });

  list.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target.closest('[data-remove-note]') : null;
    const run = runId();
    if (!(target instanceof HTMLElement) || run === undefined) return;
    call('notes:remove', { run, note: target.dataset.removeNote })
      .then(() => notify('Note removed.'))
      .catch(fail);
  });

  /** @param {{ notes?: NoteView[] }} view */
  const render = (view) => {
    const notes = view.notes ?? [];
    renderInto(list, notes, () =>
      notes.length === 0
        ? empty('No note yet.')
        : h(
            'ol',
            { class: 'notes' },
            notes.map((note) =>
              h(
                'li',
                { dataset: { note: note.id } },
                h('p', { class: 'muted small' }, h('time', { text: note.time }), ` · ${note.author}`),
                h('p', { class: 'note-text', text: note.text }),
                h(
                  'button',
                  {
                    type: 'button',
                    class: 'btn btn-small btn-quiet',
                    dataset: { removeNote: note.id, focus: `rm-note-${note.id}` },
                  },
                  'Remove',
                  h('span', { class: 'visually-hidden', text: ` note at ${note.time}` }),
                ),
              ),
            ),
          ),
    );
  };

  return { render };
}
