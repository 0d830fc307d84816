/**
 * The notifications of every run: one `RunNotifications` (subscribers, outbox, webhooks) per run,
 * made when the run is created and closed when it ends.
 */
import { NotFoundError } from '../errors.js';
import {
  RunNotifications,
  type NotificationsKeep,
  type NotificationsView,
  type RunNotificationsOptions,
} from '../notify/outbox.js';
import type { RunRegistry } from '../runs/registry.js';
import type { NotificationsPort } from './deps.js';

/** Every run's notifications, by run id. */
export class NotificationCenter implements NotificationsPort {
  private readonly byRun = new Map<string, RunNotifications>();
  private readonly listeners: Array<(run: string) => void> = [];

  constructor(
    runs: RunRegistry,
    private readonly options: RunNotificationsOptions,
    /** Where each run's notifications are kept; in memory when absent. */
    private readonly keep?: (run: string) => NotificationsKeep,
  ) {
    for (const run of runs.list()) this.open(run);
    runs.onCreate((run) => this.open(run));
  }

  /** The notifications of a run; NotFoundError if it has none. */
  of(run: string): RunNotifications {
    const notifications = this.byRun.get(run);
    if (notifications === undefined) throw new NotFoundError(`no run "${run}"`);
    return notifications;
  }

  /** The notifications of a run, if it exists. */
  find(run: string): RunNotifications | undefined {
    return this.byRun.get(run);
  }

  view(run: string): NotificationsView {
    return this.of(run).view();
  }

  addWebhook(run: string, url: string): unknown {
    return this.of(run).addWebhook(url);
  }

  removeWebhook(run: string, id: string): void {
    this.of(run).removeWebhook(id);
  }

  /** Calls `listener` with the run whose outbox, webhooks or deliveries changed. */
  onActivity(listener: (run: string) => void): void {
    this.listeners.push(listener);
  }

  /** Closes a run's notifications (when it ends): pending retries are cancelled. */
  forget(run: string): void {
    this.byRun.get(run)?.close();
    this.byRun.delete(run);
  }

  close(): void {
    for (const notifications of this.byRun.values()) notifications.close();
    this.byRun.clear();
  }

  private open(run: Parameters<RunNotifications['attach']>[0]): void {
    const keep = this.keep?.(run.id);
    const notifications = new RunNotifications(keep === undefined ? this.options : { ...this.options, keep });
    notifications.attach(run);
    notifications.onActivity(() => {
      for (const listener of this.listeners) listener(run.id);
    });
    this.byRun.set(run.id, notifications);
  }
}
