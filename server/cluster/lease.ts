/**
 * A lease in Redis: a key whose value names its holder and which expires unless the holder renews
 * it. Taking it is `SET NX PX`; renewing and releasing check the holder first (in a Lua script, so
 * nobody renews or drops a lease another process took meanwhile). A `LeaseKeeper` takes a lease as
 * soon as it is free, renews it while held, and says when it is gained and when it is lost.
 *
 * A holder that cannot reach Redis keeps the lease (it says so, and takes it again when Redis is
 * back if nobody took it meanwhile, before any other keeper would): while Redis is away nobody
 * else can take it either, and the work the lease guards goes on. The lease is not what keeps two holders from acting at once:
 * statusdrill's database is (see `server/store/fence.ts`); a holder that finds another one in
 * Redis gives the lease up at once.
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
  /** The lease is no longer ours: Redis says another process holds it. */
  lost: [reason: string];
  /** We hold the lease but cannot reach Redis to renew it; we keep it meanwhile. */
  unreachable: [error: unknown];
  /** Redis answers again and the lease is still (or again) ours. */
  reachable: [];
  /** A Redis command failed; the keeper goes on trying. */
  error: [error: unknown];
}

/** Takes a lease when it is free and keeps it: renews it every third of its time to live. */
export class LeaseKeeper extends EventEmitter<LeaseKeeperEvents> {
  private held = false;
  /** Whether the last renewal failed for want of Redis. */
  private cutOff = false;
  /** Whether a holder was ever seen; since when the lease has been seen free. */
  private sawHolder = false;
  private freeSince: number | undefined;
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

  /** Whether we hold the lease without being able to reach Redis. */
  get unreachable(): boolean {
    return this.held && this.cutOff;
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
    const third = Math.max(1, Math.floor(this.lease.ttlMs / 3));
    try {
      if (!this.held) {
        if (
          this.mayTry(await this.within(third, this.lease.holderNow())) &&
          (await this.within(third, this.lease.acquire()))
        ) {
          if (this.stopped) return void (await this.lease.release());
          this.held = true;
          this.cutOff = false;
          this.emit('gained');
        }
      } else if (
        (await this.within(third, this.lease.renew())) ||
        // Not ours any more: expired while Redis was away (or Redis started afresh). Ours again
        // if nobody took it meanwhile.
        (await this.within(third, this.lease.acquire()))
      ) {
        if (this.cutOff) {
          this.cutOff = false;
          this.emit('reachable');
        }
      } else {
        this.held = false;
        this.cutOff = false;
        this.emit('lost', 'another process holds the lease');
      }
    } catch (error) {
      if (this.held && !this.cutOff) {
        this.cutOff = true;
        this.emit('unreachable', error);
      }
      this.emit('error', error);
    }
    this.schedule(this.held ? third : this.retryMs);
  }

  /**
   * Whether to try for a lease whose holder is `holder` now. A keeper that has known a holder
   * waits until the lease has stayed free a whole time to live: after Redis was away and came back
   * empty, the holder it had takes the lease again first, rather than the runs changing hands for
   * an outage; after a holder died, its lease expired first anyway.
   */
  private mayTry(holder: string | null): boolean {
    if (holder !== null) {
      this.sawHolder = true;
      this.freeSince = undefined;
      return false;
    }
    if (!this.sawHolder) return true;
    const now = this.time.now();
    this.freeSince ??= now;
    return now - this.freeSince >= this.lease.ttlMs;
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
}
