/**
 * A lease in Redis: a key whose value names its holder and which expires unless the holder renews
 * it. Taking it is `SET NX PX`; renewing and releasing check the holder first (in a Lua script, so
 * nobody renews or drops a lease another process took meanwhile). A `LeaseKeeper` takes a lease as
 * soon as it is free, renews it while held, and says when it is gained and when it is lost, which
 * it counts from the last renewal Redis confirmed: a holder cut off from Redis gives up before the
 * key can expire, so two processes never both believe they hold it.
 */
import { EventEmitter } from 'node:events';
import type { TimeSource, TimerHandle } from '../replay/time-source.js';

const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

/** The Redis commands a lease uses (a `redis` client has them). */
export interface LeaseRedis {
  set(
    key: string,
    value: string,
    options: { condition: 'NX'; expiration: { type: 'PX'; value: number } },
  ): Promise<unknown>;
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
  get(key: string): Promise<string | null>;
}

/** One lease: its key, its would-be holder and how long it lasts unrenewed. */
export class Lease {
  constructor(
    private readonly redis: LeaseRedis,
    readonly key: string,
    readonly holder: string,
    readonly ttlMs: number,
  ) {}

  /** Takes the lease if nobody holds it; whether it is now ours. */
  async acquire(): Promise<boolean> {
    const reply = await this.redis.set(this.key, this.holder, {
      condition: 'NX',
      expiration: { type: 'PX', value: this.ttlMs },
    });
    return reply === 'OK';
  }

  /** Extends the lease if it is still ours; whether it was. */
  async renew(): Promise<boolean> {
    const reply = await this.redis.eval(RENEW, { keys: [this.key], arguments: [this.holder, String(this.ttlMs)] });
    return reply === 1;
  }

  /** Gives the lease up if it is ours. */
  async release(): Promise<void> {
    await this.redis.eval(RELEASE, { keys: [this.key], arguments: [this.holder] });
  }

  /** Who holds it now, if anyone. */
  holderNow(): Promise<string | null> {
    return this.redis.get(this.key);
  }
}

/** What a keeper tells. */
export interface LeaseKeeperEvents {
  /** The lease is ours. */
  gained: [];
  /** The lease is no longer ours (taken, expired, or Redis out of reach for too long). */
  lost: [reason: string];
  /** A Redis command failed; the keeper goes on trying. */
  error: [error: unknown];
}

/** Takes a lease when it is free and keeps it: renews it every third of its time to live. */
export class LeaseKeeper extends EventEmitter<LeaseKeeperEvents> {
  private held = false;
  /** Wall time until which the lease is surely ours: the start of the last confirmed renewal plus the TTL. */
  private surelyUntil = 0;
  private timer: TimerHandle | undefined;
  private stopped = false;

  constructor(
    private readonly lease: Lease,
    private readonly time: TimeSource,
    /** How often a free lease is tried for. @default a third of the TTL */
    private readonly retryMs = Math.max(50, Math.floor(lease.ttlMs / 3)),
  ) {
    super();
  }

  /** Whether the lease is ours now. */
  get holding(): boolean {
    return this.held;
  }

  /** Starts trying for the lease. */
  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Stops renewing and releases the lease if it is ours. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== undefined) this.time.clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.held) return;
    this.held = false;
    try {
      await this.lease.release();
    } catch (error) {
      this.emit('error', error);
    }
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = this.time.setTimeout(() => void this.tick(), delayMs);
  }

  private async tick(): Promise<void> {
    this.timer = undefined;
    const startedMs = this.time.now();
    const third = Math.floor(this.lease.ttlMs / 3);
    // Given up a third of the TTL before the key could expire, so no other holder can overlap.
    if (this.held && startedMs >= this.surelyUntil - third) this.lose('the lease could not be renewed in time');
    try {
      if (!this.held) {
        if (await this.within(third, this.lease.acquire())) {
          if (this.stopped) return void (await this.lease.release());
          this.held = true;
          this.surelyUntil = startedMs + this.lease.ttlMs;
          this.emit('gained');
        }
      } else if (await this.within(third, this.lease.renew())) {
        this.surelyUntil = startedMs + this.lease.ttlMs;
      } else {
        this.lose('another process holds the lease');
      }
    } catch (error) {
      this.emit('error', error);
    }
    this.schedule(this.held ? Math.max(1, Math.min(third, this.surelyUntil - third - this.time.now())) : this.retryMs);
  }

  /** `promise`, or a rejection after `ms`: a command Redis does not answer counts as failed. */
  private within<T>(ms: number, promise: Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = this.time.setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms);
      promise.then(
        (value) => {
          this.time.clearTimeout(timer);
          resolve(value);
        },
        (error: unknown) => {
          this.time.clearTimeout(timer);
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
  }

  private lose(reason: string): void {
    if (!this.held) return;
    this.held = false;
    this.emit('lost', reason);
  }
}
