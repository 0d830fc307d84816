/**
 * Simulated notifications of one run: who subscribed (email, SMS), the outbox of what they would
 * have been sent, and the webhooks that really are called. One `RunNotifications` per run: the
 * caller creates it, `attach`es it to its run and `close`s it with the run. Nothing is ever
 * emailed or texted; the outbox only shows what would have been.
 */
import type { Run } from '../replay/run.js';
import { publicState } from '../replay/run-views.js';
import { systemTimeSource, type TimeSource } from '../replay/time-source.js';
import { statusModel } from '../status/status-model.js';
import { runPageUrl } from '../status/statuspage.js';
import { spTime } from '../status/statuspage-objects.js';
import { publicChanges, type PublicChange } from './changes.js';
import { modelEnvelopes } from './envelopes.js';
import { notificationText } from './messages.js';
import { Subscribers, type Subscriber, type SubscriberKind, type SubscriberView } from './subscribers.js';
import { memoryItems, runItems, type RunItems } from '../store/item-store.js';
import { WebhookDispatcher, type Delivery, type WebhookOptions, type WebhookView } from './webhooks.js';

/** What a subscriber would have been sent about one change (one message for every recipient). */
export interface OutboxMessage {
  id: string;
  /** Wall time, ISO 8601. */
  at: string;
  /** Story time of the change, as the API writes it. */
  storyTime: string;
  /** The run's version the change led to. */
  version: number;
  kind: PublicChange['kind'];
  subject: string;
  /** The email's or SMS's text, in the scenario's first language. */
  text: string;
  /** How many subscribers would have received it. */
  recipients: number;
  /** By which means. */
  channels: SubscriberKind[];
}

/** Everything the facilitator sees of a run's notifications; lists newest first, addresses masked. */
export interface NotificationsView {
  subscribers: SubscriberView[];
  outbox: OutboxMessage[];
  webhooks: WebhookView[];
  deliveries: Delivery[];
}

/** What changed: a console listening can refresh just that part. */
export interface Activity {
  type: keyof NotificationsView;
}

/** How a run's notifications behave. */
export interface RunNotificationsOptions extends Partial<Omit<WebhookOptions, 'onDelivery' | 'logSize'>> {
  /** Base of the links in messages and envelopes, e.g. config `PUBLIC_URL` (a trailing slash is dropped). */
  publicUrl: string;
  /** Wall time and retry timers. @default systemTimeSource */
  time?: TimeSource;
  /** @default 500 */
  maxSubscribers?: number;
  /** Messages kept in the outbox. @default 1000 */
  outboxSize?: number;
  /** Delivery attempts kept in the log. @default 500 */
  deliveryLogSize?: number;
  /** `meta.documentation` of the envelopes. @default NOTIFICATIONS_DOCUMENTATION */
  documentation?: string;
  /** Called when handling a change or an activity listener fails; the change is skipped. */
  onError?: (error: unknown) => void;
  /** Where this run's subscribers, outbox, webhooks and deliveries are kept; in memory when absent. */
  keep?: NotificationsKeep;
}

/** Where one run's notifications are kept beyond the process. */
export interface NotificationsKeep {
  subscribers: RunItems<Subscriber>;
  outbox: RunItems<OutboxMessage>;
  webhooks: RunItems<WebhookView>;
  deliveries: RunItems<Delivery>;
}

/** The subscribers, outbox and webhooks of one run. */
export class RunNotifications {
  private readonly time: TimeSource;
  private readonly publicUrl: string;
  private readonly subscribers: Subscribers;
  private readonly webhooks: WebhookDispatcher;
  private readonly outbox: OutboxMessage[];
  private readonly keptOutbox: RunItems<OutboxMessage>;
  private readonly listeners = new Set<(activity: Activity) => void>();
  private messageSeq: number;
  private detach: (() => void) | undefined;
  private closed = false;

  constructor(private readonly options: RunNotificationsOptions) {
    this.time = options.time ?? systemTimeSource;
    this.publicUrl = options.publicUrl.replace(/\/+$/, '');
    const keep = options.keep;
    this.subscribers = new Subscribers(options.maxSubscribers, undefined, keep?.subscribers);
    this.keptOutbox = keep?.outbox ?? runItems(memoryItems(), '');
    this.outbox = this.keptOutbox.list().slice(-(options.outboxSize ?? 1000));
    this.messageSeq = Math.max(0, ...this.outbox.map((m) => Number(m.id.slice(1)) || 0));
    const { fetch, timeoutMs, retryDelaysMs, maxWebhooks, maxQueue } = options;
    this.webhooks = new WebhookDispatcher({
      time: this.time,
      ...(fetch === undefined ? {} : { fetch }),
      ...(timeoutMs === undefined ? {} : { timeoutMs }),
      ...(retryDelaysMs === undefined ? {} : { retryDelaysMs }),
      ...(maxWebhooks === undefined ? {} : { maxWebhooks }),
      ...(maxQueue === undefined ? {} : { maxQueue }),
      logSize: options.deliveryLogSize ?? 500,
      onDelivery: () => this.emit('deliveries'),
      ...(keep === undefined ? {} : { keep: { webhooks: keep.webhooks, deliveries: keep.deliveries } }),
    });
  }

  /** Adds a subscriber (`{kind: 'email' | 'sms', address}`); the same one again is returned as is. Throws a ValidationError. */
  subscribe(input: unknown): SubscriberView {
    const { subscriber, added } = this.subscribers.add(input, this.nowIso());
    if (added) this.emit('subscribers');
    return subscriber;
  }

  /** Removes a subscriber; a NotFoundError if there is none with this id. */
  unsubscribe(id: string): void {
    this.subscribers.remove(id);
    this.emit('subscribers');
  }

  /** Registers a webhook (http: or https:); the same URL again is returned as is. Throws a ValidationError. */
  addWebhook(url: unknown): WebhookView {
    const before = this.webhooks.list().length;
    const webhook = this.webhooks.add(url);
    if (this.webhooks.list().length !== before) this.emit('webhooks');
    return webhook;
  }

  /** Removes a webhook, cancelling its pending deliveries; a NotFoundError if there is none with this id. */
  removeWebhook(id: string): void {
    this.webhooks.remove(id);
    this.emit('webhooks');
  }

  /**
   * Listens to `run`: from now on, each public change is put in the outbox and sent to the
   * webhooks. Returns the function that stops listening. One run at a time.
   */
  attach(run: Run): () => void {
    if (this.closed) throw new Error('notifications are closed');
    if (this.detach !== undefined) throw new Error('notifications are already attached to a run');
    let previous = publicState(run);
    const off = run.on('changed', ({ version }) => {
      try {
        const after = publicState(run);
        const changes = publicChanges(previous, after);
        previous = after;
        if (changes.length > 0) this.handle(run, version, changes);
      } catch (error) {
        this.options.onError?.(error);
      }
    });
    this.detach = () => {
      off();
      this.detach = undefined;
    };
    return this.detach;
  }

  /** Calls `listener` whenever the subscribers, outbox, webhooks or delivery log change; returns the unsubscribe. */
  onActivity(listener: (activity: Activity) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The facilitator's view: addresses masked, outbox and deliveries newest first. */
  view(): NotificationsView {
    return {
      subscribers: this.subscribers.list(),
      outbox: [...this.outbox].reverse(),
      webhooks: this.webhooks.list(),
      deliveries: this.webhooks.deliveries(),
    };
  }

  /** Stops listening, cancels every retry timer and request in flight, and drops the listeners. */
  close(): void {
    this.closed = true;
    this.detach?.();
    this.webhooks.close();
    this.listeners.clear();
  }

  private handle(run: Run, version: number, changes: PublicChange[]): void {
    const model = statusModel(run);
    const lang = run.scenario.languages[0] ?? 'fr';
    const at = this.nowIso();
    const recipients = this.subscribers.size;
    if (recipients > 0) {
      const channels = this.subscribers.kinds();
      const pageUrl = runPageUrl(this.publicUrl, run.id);
      for (const change of changes) {
        const words = notificationText(model, change, lang, pageUrl);
        if (words === undefined) continue;
        const storyTime = spTime(model, change.atMs);
        const message: OutboxMessage = {
          id: `m${++this.messageSeq}`,
          at,
          storyTime,
          version,
          kind: change.kind,
          ...words,
          recipients,
          channels: [...channels],
        };
        this.keptOutbox.put(message.id, message);
        this.outbox.push(message);
      }
      const size = this.options.outboxSize ?? 1000;
      this.keptOutbox.trim(size);
      const excess = this.outbox.length - size;
      if (excess > 0) this.outbox.splice(0, excess);
      this.emit('outbox');
    }
    if (this.webhooks.list().length === 0) return;
    const { documentation } = this.options;
    const envelopes = modelEnvelopes(model, changes, {
      publicUrl: this.publicUrl,
      generatedAt: at,
      lang,
      ...(documentation === undefined ? {} : { documentation }),
    });
    for (const envelope of envelopes) this.webhooks.send(envelope);
  }

  private emit(type: Activity['type']): void {
    for (const listener of this.listeners) {
      try {
        listener({ type });
      } catch (error) {
        this.options.onError?.(error);
      }
    }
  }

  private nowIso(): string {
    return new Date(this.time.now()).toISOString();
  }
}
