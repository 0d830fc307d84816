/** The log of webhook delivery attempts: the latest ones, each with its outcome. */
import { memoryItems, runItems, type RunItems } from '../store/item-store.js';

/** The event a delivery carried, as Statuspage names its webhook kinds. */
export type WebhookEvent = 'component_update' | 'incident_update';

/** One attempt to deliver one envelope to one webhook. */
export interface Delivery {
  id: string;
  /** The webhook's id. */
  webhook: string;
  url: string;
  event: WebhookEvent;
  /** 1 for the first try, 2 for the first retry, …; 0 for an envelope dropped unsent. */
  attempt: number;
  ok: boolean;
  /** The receiver's HTTP status, when it answered. */
  status?: number;
  /** Why the attempt failed without an answer. */
  error?: string;
  durationMs: number;
  /** Wall time of the attempt's start, ISO 8601. */
  at: string;
}

/** What an attempt is logged from. */
export interface AttemptRecord extends Omit<Delivery, 'id' | 'at'> {
  /** Wall time of the attempt's start, ms. */
  startedMs: number;
}

/** The latest `size` attempts, in order, kept in `items`. */
export class DeliveryLog {
  private readonly entries: Delivery[];
  private seq: number;

  constructor(
    private readonly size = 500,
    private readonly items: RunItems<Delivery> = runItems(memoryItems(), ''),
  ) {
    this.entries = items.list().slice(-size);
    this.seq = Math.max(0, ...this.entries.map((d) => Number(d.id.slice(1)) || 0));
  }

  /** Logs an attempt, forgetting the oldest beyond `size`, and returns the logged delivery. */
  add(record: AttemptRecord): Delivery {
    const delivery: Delivery = {
      id: `d${++this.seq}`,
      webhook: record.webhook,
      url: record.url,
      event: record.event,
      attempt: record.attempt,
      ok: record.ok,
      ...(record.status === undefined ? {} : { status: record.status }),
      ...(record.error === undefined ? {} : { error: record.error }),
      durationMs: record.durationMs,
      at: new Date(record.startedMs).toISOString(),
    };
    this.items.put(delivery.id, delivery);
    this.items.trim(this.size);
    this.entries.push(delivery);
    if (this.entries.length > this.size) this.entries.shift();
    return delivery;
  }

  /** Logged attempts, newest first. */
  newestFirst(): Delivery[] {
    return [...this.entries].reverse();
  }
}
