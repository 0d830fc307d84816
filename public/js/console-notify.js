// A run's simulated notifications, as the facilitator sees them: the outbox of messages that
// would have been sent, the subscribers (addresses masked), the webhooks and their delivery log.
import { empty, h, plural, renderInto, wallTime } from './console-dom.js';

/** @typedef {import('../../server/notify/outbox.js').NotificationsView} NotificationsView */

const SHOWN = 20;

/** @param {NotificationsView} n */
export function renderNotifications(/** @type {HTMLElement} */ container, n) {
  renderInto(container, n, () => [
    h('h3', { text: `Outbox (${n.outbox.length})` }),
    n.outbox.length === 0
      ? empty('No message would have been sent yet.')
      : h(
          'ul',
          { class: 'outbox' },
          n.outbox.slice(0, SHOWN).map((m) =>
            h(
              'li',
              {},
              h(
                'details',
                {},
                h(
                  'summary',
                  {},
                  h('strong', { text: m.subject }),
                  h('span', {
                    class: 'muted small',
                    text: ` · ${m.kind} · ${plural(m.recipients, 'recipient', 'recipients')}${m.channels.length > 0 ? ` by ${m.channels.join(', ')}` : ''} · ${wallTime(m.at)}`,
                  }),
                ),
                h('pre', { class: 'message', text: m.text }),
              ),
            ),
          ),
        ),
    h('h3', { text: `Subscribers (${n.subscribers.length})` }),
    n.subscribers.length === 0
      ? empty('Nobody subscribed on the status page.')
      : h(
          'ul',
          { class: 'plain' },
          n.subscribers
            .slice(0, SHOWN)
            .map((sub) =>
              h(
                'li',
                {},
                h('span', { class: 'tag', text: sub.kind }),
                ' ',
                h('code', { text: sub.address }),
                h('span', { class: 'muted small', text: ` · ${wallTime(sub.createdAt)}` }),
              ),
            ),
        ),
    h('h3', { text: `Webhooks (${n.webhooks.length})` }),
    n.webhooks.length === 0
      ? empty('No webhook.')
      : h(
          'ul',
          { class: 'plain' },
          n.webhooks.map((w) =>
            h(
              'li',
              { class: 'webhook' },
              h('code', { class: 'url', text: w.url }),
              ' ',
              h(
                'button',
                {
                  type: 'button',
                  class: 'btn btn-small btn-danger',
                  dataset: { people: 'remove-webhook', id: w.id, focus: `rmw-${w.id}` },
                },
                'Remove',
                h('span', { class: 'visually-hidden', text: ` webhook ${w.url}` }),
              ),
            ),
          ),
        ),
    h('h3', { text: `Delivery log (${n.deliveries.length})` }),
    n.deliveries.length === 0
      ? empty('No delivery attempted.')
      : h(
          'ul',
          { class: 'plain deliveries' },
          n.deliveries.slice(0, SHOWN).map((d) =>
            h(
              'li',
              {},
              h(
                'span',
                { class: `badge ${d.ok ? 'st-ok' : 'st-major'}` },
                h('span', { 'aria-hidden': 'true', text: d.ok ? '✓' : '✕' }),
                `\u00a0${d.ok ? 'Delivered' : 'Failed'}`,
              ),
              h('span', {
                class: 'small',
                text: ` ${d.event} · try ${d.attempt} · ${wallTime(d.at)} · ${Math.round(d.durationMs)} ms`,
              }),
              h('br'),
              h('code', { class: 'url small', text: d.url }),
              h('span', {
                class: 'muted small',
                text: d.status === undefined ? (d.error ? ` · ${d.error}` : '') : ` · HTTP ${d.status}`,
              }),
            ),
          ),
        ),
  ]);
}
