/**
 * One process of a cluster sharing its runs through Redis (`REDIS_URL`). Every process serves the
 * public surfaces and holds viewers; one, the leader (the holder of the lease, see
 * `cluster-role.ts`), owns every run's clock and the control plane. The leader publishes each
 * version of each run (see `state-channel.ts`), then relays the change to the other processes'
 * viewers through socket.io's Redis adapter; the others serve pages, the API and viewers' snapshots
 * from what it published, and pass the control plane on to it.
 *
 * The two travel over one connection each way (the leader's command connection, the others'
 * subscriber connection), state first, so a viewer anywhere never hears of a version its process
 * has not got. When Redis goes away the leader goes on, its own viewers still served (local
 * broadcasting, with a warning), and the others serve what they last heard; when it is back the
 * leader publishes everything again and the others catch their viewers up.
 */
import { EventEmitter } from 'node:events';
import type { Logger } from '../logger.js';
import type { LibraryEntry } from '../scenario/library.js';
import type { TimeSource } from '../replay/time-source.js';
import { localPublicRuns, type LocalRegistry, type PublicRun, type PublicRuns } from '../status/public-run.js';
import { ClusterRole, type Address } from './cluster-role.js';
import { mirrorRuns, roleRuns, type PublishedRun } from './mirror-runs.js';
import { connectRedis, type RedisClient } from './redis.js';
import { StatePublisher, StateReplica } from './state-channel.js';

/** How a process joins a cluster. */
export interface ClusterOptions {
  redisUrl: string;
  /** This process's name in the cluster (unique). */
  name: string;
  library: readonly LibraryEntry[];
  time: TimeSource;
  logger: Logger;
  /** How long the leader's lease lasts unrenewed. @default 3000 */
  ttlMs?: number;
}

/** What a node tells. */
export interface ClusterNodeEvents {
  /** This process now leads: it must take charge of the runs. */
  promoted: [];
  /** This process led and another one leads now: it must stop at once. */
  deposed: [reason: string];
}

/** What the registry of this process's runs offers the node. */
export interface OwnRuns extends LocalRegistry {
  /** Calls `listener` with the id of every run ended from now on. */
  onEnd(listener: (id: string) => void): void;
}

/** This process's part in a cluster. */
export class ClusterNode extends EventEmitter<ClusterNodeEvents> {
  /** The runs the public surfaces serve: this process's while it leads, the leader's otherwise. */
  readonly runs: PublicRuns & { resync(): void };
  /** The room every viewer of this process is in (see `Relay.ownRoom`). */
  readonly ownRoom: string;
  private role: ClusterRole | undefined;
  private readonly publisher: StatePublisher;
  private readonly replica: StateReplica<PublishedRun['model']>;
  private redisAway = false;

  private constructor(
    /** Commands, the lease, publishing: the leader's state and its relayed changes leave in order on it. */
    readonly commands: RedisClient,
    /** Subscriptions: the state channel and the socket.io adapter's, heard in order on it. */
    readonly subscriber: RedisClient,
    own: OwnRuns,
    private readonly options: ClusterOptions,
  ) {
    super();
    const { logger } = options;
    this.ownRoom = `process:${options.name}`;
    this.publisher = new StatePublisher(commands);
    this.replica = new StateReplica(commands, subscriber);
    this.replica.on('error', (error) => logger.warn({ err: error }, 'a message of the state channel was skipped'));
    this.runs = roleRuns(localPublicRuns(own), mirrorRuns(this.replica, options.library), () => this.leading);
    own.onEnd((id) => {
      if (this.leading) this.publisher.ended(id).catch((error: unknown) => this.away(error));
    });
    subscriber.on('error', (error: unknown) => this.away(error));
    commands.on('error', (error: unknown) => this.away(error));
    // Reconnected: the leader publishes again what the others missed; a follower, whose
    // subscription missed it, reads it again.
    commands.on('ready', () => {
      if (this.leading) this.back();
    });
    subscriber.on('ready', () => {
      if (!this.leading)
        this.replica.reload().then(
          () => this.back(),
          (error: unknown) => this.away(error),
        );
    });
  }

  /** Connects to Redis and joins the cluster as a follower; `start()` then tries for the lease. */
  static async join(options: ClusterOptions, own: OwnRuns): Promise<ClusterNode> {
    const onError = (): void => undefined;
    const commands = await connectRedis(options.redisUrl, onError);
    const subscriber = await connectRedis(options.redisUrl, onError);
    return new ClusterNode(commands, subscriber, own, options);
  }

  /** Whether this process leads now. */
  get leading(): boolean {
    return this.role?.leading ?? false;
  }

  /** Where the leader listens for the others, when one is known. */
  leaderAddress(): Address | undefined {
    return this.role?.leaderAddress();
  }

  /** Resolves once a leader is known (see `ClusterRole.leaderKnown`); once `start` was called. */
  leaderKnown(): Promise<void> {
    return this.role?.leaderKnown() ?? Promise.reject(new Error('the node has not started'));
  }

  /** Reads what the leader published so far, and follows what it publishes: before serving anyone. */
  async load(): Promise<void> {
    await this.replica.start();
  }

  /**
   * Tries for the lease, saying that this process listens for the others at `address`, should it
   * lead. Once `load()` is done.
   */
  start(address: Address): void {
    const { logger, name, time, ttlMs } = this.options;
    const role = new ClusterRole(this.commands, { name, address, time, ...(ttlMs === undefined ? {} : { ttlMs }) });
    role.on('promoted', () => {
      logger.info(`${name} leads the cluster: it takes charge of the runs`);
      this.emit('promoted');
      // The runs it brought back are new instances: everyone's viewers must hear of them.
      this.publishAll();
    });
    role.on('deposed', (reason) => this.emit('deposed', reason));
    role.on('degraded', (error) => this.away(error));
    role.on('recovered', () => this.back());
    role.on('error', (error) => logger.debug({ err: error }, 'a Redis command of the lease failed'));
    this.role = role;
    role.start();
  }

  /** Told of what Redis refused: while it is away, broadcasting stays local. */
  redisError(error: unknown): void {
    this.away(error);
  }

  /**
   * Publishes a run's state, then calls `send` to relay the change to the other processes'
   * viewers; while Redis is away, neither (the others are caught up when it is back).
   */
  relay(run: PublicRun, send: () => void): void {
    this.publisher.publish(publication(run)).then(send, (error: unknown) => this.away(error));
  }

  /** Gives the lease up (another process can lead at once) and closes the connections. */
  async stop(): Promise<void> {
    await this.role?.stop();
    await this.replica.stop().catch(() => undefined);
    for (const client of [this.commands, this.subscriber]) if (client.isOpen) client.destroy();
  }

  private away(error: unknown): void {
    if (this.redisAway) return;
    this.redisAway = true;
    this.options.logger.warn(
      { err: error },
      this.leading
        ? 'Redis is out of reach: the runs go on and this process’s viewers get every change; the other processes hear nothing until it is back'
        : 'Redis is out of reach: this process shows what it last heard from the leader until it is back',
    );
  }

  private back(): void {
    if (!this.redisAway) return;
    this.redisAway = false;
    this.options.logger.info('Redis answers again: the processes catch up');
    // The leader publishes everything again (Redis may have started afresh); a follower's viewers
    // were caught up by the reload.
    if (this.leading) this.publishAll();
  }

  /** Publishes every run, relays it to every viewer, and says which runs are live. */
  private publishAll(): void {
    this.runs.resync();
    this.publisher.roster(this.runs.list().map((run) => run.id)).catch((error: unknown) => this.away(error));
  }
}

/** What the leader publishes of a run now. */
export function publication(run: PublicRun): PublishedRun {
  return {
    id: run.id,
    instance: run.instance,
    scenario: run.scenario.id,
    visibility: run.visibility,
    version: run.version,
    model: run.model(),
  };
}
