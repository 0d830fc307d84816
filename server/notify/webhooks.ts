/**
 * Webhook deliveries of one run: each change's envelope is POSTed as JSON to every webhook, with a
 * timeout and retries after a network error or a non-2xx answer. Each webhook has its own queue,
 * so a receiver gets changes in order, and a slow receiver never delays another. Every attempt is
 * logged. The dispatcher owns its timers and requests: `close()` cancels them all.
 */
import { randomBytes } from 'node:crypto';
import { NotFoundError, ValidationError } from '../errors.js';
import type { TimeSource, TimerHandle } from '../replay/time-source.js';
import { envelopeEvent, type WebhookEnvelope } from './envelopes.js';
import { DeliveryLog, type AttemptRecord, type Delivery, type WebhookEvent } from './delivery-log.js';
import { postJson } from './webhook-post.js';
import { validateWebhookUrl } from './webhook-url.js';
import { memoryItems, runItems, type RunItems } from '../store/item-store.js';

export type { Delivery, WebhookEvent } from './delivery-log.js';

/** A registered webhook. */
export interface WebhookView {
  id: string;
  url: string;
  /** Wall time, ISO 8601. */
  createdAt: string;
}

/** How deliveries are made. */
export interface WebhookOptions {
  time: TimeSource;
  /** @default globalThis.fetch */
  fetch?: typeof fetch;
  /** Per attempt. @default 5000 */
  timeoutMs?: number;
  /** Waits before each retry; their count is the number of retries. @default [1000, 5000, 25000] */
  retryDelaysMs?: readonly number[];
  /** @default 20 */
  maxWebhooks?: number;
  /** Envelopes waiting per webhook; beyond, the oldest waiting one is dropped (and logged). @default 100 */
  maxQueue?: number;
  /** Attempts kept in the log. @default 500 */
  logSize?: number;
  /** Called after every logged attempt. */
  onDelivery?: (delivery: Delivery) => void;
  /** Where the webhooks and the delivery log are kept; in memory when absent. */
  keep?: { webhooks: RunItems<WebhookView>; deliveries: RunItems<Delivery> };
}

interface Job {
  event: WebhookEvent;
  body: string;
}

interface Hook extends WebhookView {
  queue: Job[];
  busy: boolean;
  removed: boolean;
  /** Cancels what the hook is waiting for now: a retry timer or a request. */
  cancel?: () => void;
}

/** The webhooks of one run and their deliveries. */
export class WebhookDispatcher {
  private readonly hooks = new Map<string, Hook>();
  private readonly log: DeliveryLog;
  private readonly fetch: typeof fetch;
  private readonly retryDelaysMs: readonly number[];
  private readonly kept: RunItems<WebhookView>;
  private closed = false;

  constructor(private readonly options: WebhookOptions) {
    this.fetch = options.fetch ?? globalThis.fetch;
    this.retryDelaysMs = options.retryDelaysMs ?? [1_000, 5_000, 25_000];
    this.log = new DeliveryLog(options.logSize, options.keep?.deliveries);
    this.kept = options.keep?.webhooks ?? runItems(memoryItems(), '');
    for (const { id, url, createdAt } of this.kept.list())
      this.hooks.set(id, { id, url, createdAt, queue: [], busy: false, removed: false });
  }

  /** Registers a webhook; the same URL again returns the existing one. Throws a ValidationError. */
  add(input: unknown): WebhookView {
    const url = validateWebhookUrl(input);
    const existing = [...this.hooks.values()].find((h) => h.url === url);
    if (existing !== undefined) return view(existing);
    const max = this.options.maxWebhooks ?? 20;
    if (this.hooks.size >= max) throw new ValidationError(`this run already has ${max} webhooks`);
    const createdAt = new Date(this.options.time.now()).toISOString();
    const hook: Hook = {
      id: `wh_${randomBytes(6).toString('hex')}`,
      url,
      createdAt,
      queue: [],
      busy: false,
      removed: false,
    };
    this.kept.put(hook.id, view(hook));
    this.hooks.set(hook.id, hook);
    return view(hook);
  }

  /** Removes a webhook, cancelling what it was waiting for and dropping its queue. */
  remove(id: string): void {
    const hook = this.hooks.get(id);
    if (hook === undefined) throw new NotFoundError(`no webhook "${id}"`);
    this.kept.remove(id);
    this.hooks.delete(id);
    this.stop(hook);
  }

  /** Every webhook, oldest first. */
  list(): WebhookView[] {
    return [...this.hooks.values()].map(view);
  }

  /** Logged attempts, newest first. */
  deliveries(): Delivery[] {
    return this.log.newestFirst();
  }

  /** Queues `envelope` for every webhook. */
  send(envelope: WebhookEnvelope): void {
    if (this.closed || this.hooks.size === 0) return;
    const job: Job = { event: envelopeEvent(envelope), body: JSON.stringify(envelope) };
    for (const hook of this.hooks.values()) {
      hook.queue.push(job);
      // The head of the queue may be in flight; drop the oldest one behind it.
      if (hook.queue.length > (this.options.maxQueue ?? 100)) this.drop(hook, hook.queue.splice(1, 1)[0]!);
      if (!hook.busy) void this.drain(hook);
    }
  }

  /** Cancels every retry timer and request in flight and drops every queue; nothing is sent after. */
  close(): void {
    this.closed = true;
    for (const hook of this.hooks.values()) this.stop(hook);
  }

  private stop(hook: Hook): void {
    hook.removed = true;
    hook.queue.length = 0;
    hook.cancel?.();
  }

  private async drain(hook: Hook): Promise<void> {
    hook.busy = true;
    try {
      for (let job = hook.queue[0]; job !== undefined && !this.stopped(hook); job = hook.queue[0]) {
        await this.deliver(hook, job);
        hook.queue.shift();
      }
    } finally {
      hook.busy = false;
    }
  }

  /** Tries `job` until it is accepted or the retries run out. */
  private async deliver(hook: Hook, job: Job): Promise<void> {
    for (let attempt = 1; !this.stopped(hook); attempt++) {
      if (await this.attempt(hook, job, attempt)) return;
      const delay = this.retryDelaysMs[attempt - 1];
      // Stopped during the attempt: no retry timer may outlive close() or remove().
      if (delay === undefined || this.stopped(hook) || !(await this.wait(hook, delay))) return;
    }
  }

  private async attempt(hook: Hook, job: Job, attempt: number): Promise<boolean> {
    const { time } = this.options;
    const startedMs = time.now();
    const controller = new AbortController();
    hook.cancel = () => controller.abort();
    const outcome = await postJson(hook.url, job.body, {
      fetch: this.fetch,
      time,
      timeoutMs: this.options.timeoutMs ?? 5_000,
      signal: controller.signal,
    });
    hook.cancel = undefined;
    if (this.stopped(hook)) return false;
    this.record(hook, { event: job.event, attempt, startedMs, ...outcome });
    return outcome.ok;
  }

  /** Waits `delayMs`; false if the hook was stopped meanwhile. */
  private wait(hook: Hook, delayMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer: TimerHandle = this.options.time.setTimeout(() => {
        hook.cancel = undefined;
        resolve(!this.stopped(hook));
      }, delayMs);
      hook.cancel = () => {
        this.options.time.clearTimeout(timer);
        hook.cancel = undefined;
        resolve(false);
      };
    });
  }

  private drop(hook: Hook, job: Job): void {
    const error = 'dropped: too many deliveries waiting for this webhook';
    this.record(hook, {
      event: job.event,
      attempt: 0,
      ok: false,
      error,
      durationMs: 0,
      startedMs: this.options.time.now(),
    });
  }

  private record(hook: Hook, entry: Omit<AttemptRecord, 'webhook' | 'url'>): void {
    this.options.onDelivery?.(this.log.add({ webhook: hook.id, url: hook.url, ...entry }));
  }

  private stopped(hook: Hook): boolean {
    return this.closed || hook.removed;
  }
}

function view({ id, url, createdAt }: Hook): WebhookView {
  return { id, url, createdAt };
}
