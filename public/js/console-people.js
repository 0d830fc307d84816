// The people side of a run: approval of responders' drafts, join codes, and the controls of the
// simulated notifications (webhooks); console-notify.js shows the notifications.
import { STAGE, byId, empty, h, pick, renderInto, wallTime } from './console-dom.js';
import { renderNotifications } from './console-notify.js';

/** @typedef {import('../../server/control/views.js').ConsoleView} ConsoleView */
/** @typedef {import('../../server/notify/outbox.js').NotificationsView} NotificationsView */
/** @typedef {{ id: string, label: string, code: string, createdAt: string, link: string }} CodeView */
/** @typedef {ConsoleView & { codes?: CodeView[], notifications?: NotificationsView }} FacilitatorView */

/**
 * @param {object} deps
 * @param {(name: string, input?: object) => Promise<any>} deps.call
 * @param {(text: string) => void} deps.notify
 * @param {(error: unknown) => void} deps.fail
 * @param {() => string | undefined} deps.runId
 * @param {() => Promise<void>} deps.reload fetches the run's view again
 */
export function createPeople({ call, notify, fail, runId, reload }) {
  const toggle = /** @type {HTMLInputElement} */ (byId('approval-toggle'));
  const drafts = byId('drafts');
  const codes = byId('codes');
  const notifications = byId('notifications');
  const codeForm = /** @type {HTMLFormElement} */ (byId('code-form'));
  const webhookForm = /** @type {HTMLFormElement} */ (byId('webhook-form'));

  /** @param {string} name @param {object} input @param {string} done */
  const send = (name, input, done) => {
    const run = runId();
    if (run === undefined) return Promise.resolve(undefined);
    return call(name, { run, ...input })
      .then((data) => {
        notify(done);
        return data;
      })
      .catch((error) => {
        fail(error);
        return undefined;
      });
  };

  toggle.addEventListener('change', () => {
    const requireApproval = toggle.checked;
    void send(
      'runs:settings',
      { requireApproval },
      requireApproval ? 'Responders’ updates now wait for your approval.' : 'Responders now publish directly.',
    );
  });

  codeForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const label = String(new FormData(codeForm).get('label') ?? '').trim() || 'Responders';
    // The server pushes no new view after a code changes: ask for it.
    void send('codes:create', { label }, `Join code created for “${label}”.`).then(reload);
  });
  webhookForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const url = String(new FormData(webhookForm).get('url') ?? '').trim();
    void send('webhooks:add', { url }, `Webhook added: ${url}.`).then((added) => {
      if (added) webhookForm.reset();
    });
  });

  byId('run').addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target.closest('[data-people]') : null;
    if (!(target instanceof HTMLElement)) return;
    const { people, id, link } = target.dataset;
    if (!id && !link) return;
    if (people === 'approve' || people === 'reject') {
      const reason = /** @type {HTMLInputElement | null} */ (document.getElementById(`reason-${id}`))?.value.trim();
      void send(
        'drafts:decide',
        { draft: id, decision: people, ...(reason ? { reason } : {}) },
        people === 'approve' ? 'Draft approved and published.' : 'Draft rejected.',
      );
    } else if (
      people === 'revoke' &&
      window.confirm('Revoke this code? Responders who joined with it are signed out.')
    ) {
      void send('codes:revoke', { code: id }, 'Join code revoked; its responders are signed out.').then(reload);
    } else if (people === 'remove-webhook') {
      void send('webhooks:remove', { webhook: id }, 'Webhook removed.');
    } else if (people === 'copy' && link) {
      navigator.clipboard
        .writeText(link)
        .then(() => notify('Join link copied.'))
        .catch(() => {
          const field = document.getElementById(`link-${id}`);
          if (field instanceof HTMLInputElement) field.select();
          notify('Copy is not allowed here: the link is selected, press Ctrl+C.');
        });
    }
  });

  /** @param {FacilitatorView} view */
  const render = (view) => {
    if (document.activeElement !== toggle) toggle.checked = view.summary.requireApproval;
    renderDrafts(view);
    renderCodes(view.codes ?? []);
    renderNotifications(
      notifications,
      view.notifications ?? { subscribers: [], outbox: [], webhooks: [], deliveries: [] },
    );
  };

  /** @param {FacilitatorView} view */
  const renderDrafts = (view) => {
    const pending = view.drafts.filter((d) => d.state === 'pending');
    const decided = view.drafts.filter((d) => d.state !== 'pending');
    renderInto(drafts, view.drafts, () => [
      h('h3', { text: `Waiting for a decision (${pending.length})` }),
      pending.length === 0
        ? empty('No draft waiting.')
        : h(
            'ul',
            { class: 'drafts' },
            pending.map((d) => draftItem(d, view.lang, true)),
          ),
      decided.length === 0
        ? null
        : h(
            'details',
            {},
            h('summary', { text: `Decided (${decided.length})` }),
            h(
              'ul',
              { class: 'drafts' },
              decided.map((d) => draftItem(d, view.lang, false)),
            ),
          ),
    ]);
  };

  /** @param {CodeView[]} list */
  const renderCodes = (list) => {
    renderInto(codes, list, () =>
      list.length === 0
        ? empty('No code yet: responders need one to join the desk.')
        : h(
            'ul',
            { class: 'codes' },
            list.map((code) => {
              const link = new URL(code.link, location.origin).href;
              return h(
                'li',
                { class: 'code', dataset: { code: code.id } },
                h(
                  'div',
                  { class: 'code-head' },
                  h('strong', { text: code.label }),
                  ' ',
                  h('code', { class: 'join-code', text: code.code }),
                ),
                h(
                  'div',
                  { class: 'code-link' },
                  h('label', { class: 'visually-hidden', for: `link-${code.id}`, text: `Join link for ${code.label}` }),
                  h('input', { id: `link-${code.id}`, value: link, readonly: true, spellcheck: 'false' }),
                  h(
                    'button',
                    {
                      type: 'button',
                      class: 'btn btn-small',
                      dataset: { people: 'copy', id: code.id, link, focus: `copy-${code.id}` },
                    },
                    'Copy link',
                  ),
                  h(
                    'button',
                    {
                      type: 'button',
                      class: 'btn btn-small btn-danger',
                      dataset: { people: 'revoke', id: code.id, focus: `revoke-${code.id}` },
                    },
                    'Revoke',
                    h('span', { class: 'visually-hidden', text: ` code ${code.label}` }),
                  ),
                ),
              );
            }),
          ),
    );
  };

  return { render };
}

/** @param {import('../../server/control/drafts.js').Draft} d @param {string} lang @param {boolean} open */
function draftItem(d, lang, open) {
  const u = d.update;
  const channels = Object.entries(u.channels ?? {})
    .map(([id, status]) => `${id}: ${status}`)
    .join(', ');
  return h(
    'li',
    { class: `draft draft-${d.state}`, dataset: { draft: d.id } },
    h(
      'p',
      { class: 'draft-head' },
      h('strong', { text: d.author }),
      h('span', { class: 'muted small', text: ` · ${wallTime(d.submittedAt)} · incident ` }),
      h('code', { text: u.incident }),
      h('span', {
        class: 'small',
        text: ` · ${STAGE[/** @type {keyof typeof STAGE} */ (u.status)] ?? u.status}${u.impact ? ` · impact ${u.impact}` : ''}`,
      }),
      open ? null : h('span', { class: `tag tag-${d.state}`, text: d.state }),
    ),
    u.title ? h('p', { lang, class: 'draft-title', text: pick(u.title, lang) }) : null,
    h('p', { lang, class: 'draft-body', text: pick(u.body, lang) }),
    channels === '' ? null : h('p', { class: 'muted small', text: `Channels: ${channels}` }),
    d.reason ? h('p', { class: 'muted small', text: `Reason: ${d.reason}` }) : null,
    open
      ? h(
          'div',
          { class: 'draft-actions' },
          h('label', { for: `reason-${d.id}`, class: 'small', text: 'Reason (optional, shown to the responder)' }),
          h('input', { id: `reason-${d.id}`, maxlength: 500, dataset: { focus: `reason-${d.id}` } }),
          h(
            'button',
            {
              type: 'button',
              class: 'btn btn-small btn-primary',
              dataset: { people: 'approve', id: d.id, focus: `approve-${d.id}` },
            },
            'Approve and publish',
          ),
          h(
            'button',
            {
              type: 'button',
              class: 'btn btn-small btn-danger',
              dataset: { people: 'reject', id: d.id, focus: `reject-${d.id}` },
            },
            'Reject',
          ),
        )
      : null,
  );
}
