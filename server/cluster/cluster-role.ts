/**
 * A process's part in a cluster. One process, the leader, holds the lease `statusdrill:leader`:
 * it owns every run's clock and serves the control plane; the others serve the public surfaces
 * from what it publishes and pass the control plane on to it. The lease's value says where the
 * leader listens for them (`<process>@<host>:<port>`), so followers read the leader's address
 * where they read who leads. When the leader dies its lease expires and a follower takes it; while
 * Redis is away the leader goes on leading (see `lease.ts`).
 */
import { EventEmitter } from 'node:events';
import type { TimeSource, TimerHandle } from '../replay/time-source.js';
import { Lease, LeaseKeeper, type LeaseRedis } from './lease.js';

/** The key of the leader's lease. */
export const LEADER_KEY = 'statusdrill:leader';

/** An address to reach a process at. */
export interface Address {
  host: string;
  port: number;
}

/** What a role tells. */
export interface ClusterRoleEvents {
  /** This process now leads. */
  promoted: [];
  /** This process led and no longer may: it must stop owning runs at once. */
  deposed: [reason: string];
  /** This process leads but cannot reach Redis: the other processes hear nothing from it. */
  degraded: [error: unknown];
  /** Redis answers the leader again. */
  recovered: [];
  /** A leader is known (this process or another): told at every reading that finds one. */
  known: [];
  error: [error: unknown];
}

/** How a role is set up. */
export interface ClusterRoleOptions {
  /** This process's name in the lease (unique in the cluster). */
  name: string;
  /** Where this process listens for the others, should it lead. */
  address: Address;
  time: TimeSource;
  /** How long the lease lasts unrenewed: a dead leader is replaced within about this. @default 3000 */
  ttlMs?: number;
}

/** The role of this process: leader or follower, and where the leader is. */
export class ClusterRole extends EventEmitter<ClusterRoleEvents> {
  private readonly keeper: LeaseKeeper;
  private readonly lease: Lease;
  private known: Address | undefined;
  private timer: TimerHandle | undefined;
  private stopped = false;

  constructor(
    redis: LeaseRedis,
    private readonly options: ClusterRoleOptions,
  ) {
    super();
    const holder = `${options.name}@${options.address.host}:${options.address.port}`;
    this.lease = new Lease(redis, LEADER_KEY, holder, options.ttlMs ?? 3_000);
    this.keeper = new LeaseKeeper(this.lease, options.time);
    this.keeper.on('gained', () => {
      this.emit('promoted');
      this.emit('known');
    });
    this.keeper.on('lost', (reason) => this.emit('deposed', reason));
    this.keeper.on('unreachable', (error) => this.emit('degraded', error));
    this.keeper.on('reachable', () => this.emit('recovered'));
    this.keeper.on('error', (error) => this.emit('error', error));
  }

  /** Whether this process leads now. */
  get leading(): boolean {
    return this.keeper.holding;
  }

  /** Where the leader listens: this process's own address when it leads, else the last one read. */
  leaderAddress(): Address | undefined {
    return this.leading ? this.options.address : this.known;
  }

  /**
   * Resolves once a leader is known, at once if one is: until then, this process could not pass
   * the control plane on, and would answer 503 to the facilitator.
   */
  leaderKnown(): Promise<void> {
    if (this.leaderAddress() !== undefined) return Promise.resolve();
    return new Promise((done) => this.once('known', done));
  }

  /** Tries for the lease, and keeps reading who leads. */
  start(): void {
    this.stopped = false;
    this.keeper.start();
    void this.watch();
  }

  /** Stops, giving the lease up if held so another process can lead at once. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== undefined) this.options.time.clearTimeout(this.timer);
    await this.keeper.stop();
  }

  private async watch(): Promise<void> {
    this.timer = undefined;
    try {
      this.known = parseHolder(await this.lease.holderNow());
      if (this.known !== undefined) this.emit('known');
    } catch (error) {
      this.known = undefined;
      this.emit('error', error);
    }
    if (!this.stopped) this.timer = this.options.time.setTimeout(() => void this.watch(), 250);
  }
}

/** The address in a lease's value, `<name>@<host>:<port>`. */
export function parseHolder(value: string | null): Address | undefined {
  const match = value === null ? null : /@([^@]+):(\d{1,5})$/.exec(value);
  if (match === null) return undefined;
  return { host: match[1]!, port: Number(match[2]) };
}
