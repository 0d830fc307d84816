/**
 * The public state of runs, from the leader to the other processes of a cluster, through Redis.
 * At each version of a run the leader writes what the public may see of it (its model, clock
 * included) under `statusdrill:run:<id>` and announces it on the `statusdrill:runs` channel; the
 * other processes keep the latest of each run in memory and serve pages, the API and viewers'
 * snapshots from it. A process that starts later reads every run's latest first.
 *
 * Versions start again when a new leader brings a run back, so a publication is told apart by
 * its `instance` (one per run object) before its version: a new instance always wins.
 */
import { EventEmitter } from 'node:events';

const KEY_PREFIX = 'statusdrill:run:';
const SET_KEY = 'statusdrill:runs';
const CHANNEL = 'statusdrill:runs';

/** What the leader publishes of one run at one version. */
export interface RunPublication<Model = unknown> {
  id: string;
  /** Made anew with each run object: after a hand-over, versions start again under a new instance. */
  instance: string;
  scenario: string;
  visibility: string;
  version: number;
  model: Model;
}

type Message<Model = unknown> =
  | { kind: 'run'; run: RunPublication<Model> }
  | { kind: 'ended'; id: string }
  /** Every run live now: the others ended while nobody could hear it. */
  | { kind: 'roster'; ids: string[] };

/** The Redis commands publishing uses. */
export interface PublishRedis {
  multi(): {
    set(key: string, value: string): unknown;
    sAdd(key: string, member: string): unknown;
    sRem(key: string, member: string): unknown;
    del(key: string): unknown;
    publish(channel: string, message: string): unknown;
    exec(): Promise<unknown>;
  };
  sMembers(key: string): Promise<string[]>;
}

/** The leader's side: writes and announces each publication. */
export class StatePublisher {
  constructor(private readonly redis: PublishRedis) {}

  async publish(run: RunPublication): Promise<void> {
    const message: Message = { kind: 'run', run };
    const batch = this.redis.multi();
    batch.set(KEY_PREFIX + run.id, JSON.stringify(run));
    batch.sAdd(SET_KEY, run.id);
    batch.publish(CHANNEL, JSON.stringify(message));
    await batch.exec();
  }

  async ended(id: string): Promise<void> {
    const message: Message = { kind: 'ended', id };
    const batch = this.redis.multi();
    batch.del(KEY_PREFIX + id);
    batch.sRem(SET_KEY, id);
    batch.publish(CHANNEL, JSON.stringify(message));
    await batch.exec();
  }

  /** Says which runs are live now (after Redis was away): every other run is forgotten. */
  async roster(ids: readonly string[]): Promise<void> {
    const live = new Set(ids);
    const gone = (await this.redis.sMembers(SET_KEY)).filter((id) => !live.has(id));
    const message: Message = { kind: 'roster', ids: [...live] };
    const batch = this.redis.multi();
    for (const id of gone) {
      batch.del(KEY_PREFIX + id);
      batch.sRem(SET_KEY, id);
    }
    batch.publish(CHANNEL, JSON.stringify(message));
    await batch.exec();
  }
}

/** The Redis commands a replica uses: one client for commands, one (subscribed) for the channel. */
export interface ReplicaRedis {
  sMembers(key: string): Promise<string[]>;
  mGet(keys: string[]): Promise<Array<string | null>>;
}
export interface SubscriberRedis {
  subscribe(channel: string, listener: (message: string) => void): Promise<unknown>;
  unsubscribe(channel: string): Promise<unknown>;
}

/** What a replica tells. */
export interface ReplicaEvents<Model = unknown> {
  /**
   * A run's publication was taken in (a new run, a new version or a new instance), heard `live` on
   * the channel or read again on `reload`.
   */
  changed: [run: RunPublication<Model>, how: 'live' | 'reload'];
  ended: [id: string];
  /** A message could not be read; it is skipped. */
  error: [error: unknown];
}

/** The other processes' side: the latest publication of each run. */
export class StateReplica<Model = unknown> extends EventEmitter<ReplicaEvents<Model>> {
  private readonly runs = new Map<string, RunPublication<Model>>();

  constructor(
    private readonly redis: ReplicaRedis,
    private readonly subscriber: SubscriberRedis,
  ) {
    super();
  }

  /** Listens to the channel, then reads every run's latest (so nothing published meanwhile is missed). */
  async start(): Promise<void> {
    await this.subscriber.subscribe(CHANNEL, (message) => this.receive(message));
    await this.reload();
  }

  /**
   * Reads every run's latest publication again (after Redis comes back, say). A run Redis no
   * longer has is kept: Redis may have started afresh, and the leader publishes everything again,
   * with the roster of live runs, as soon as it hears Redis back.
   */
  async reload(): Promise<void> {
    const ids = await this.redis.sMembers(SET_KEY);
    const values = ids.length === 0 ? [] : await this.redis.mGet(ids.map((id) => KEY_PREFIX + id));
    for (const value of values) if (value !== null) this.take(JSON.parse(value) as RunPublication<Model>, 'reload');
  }

  async stop(): Promise<void> {
    await this.subscriber.unsubscribe(CHANNEL);
  }

  /** The latest publication of a run. */
  get(id: string): RunPublication<Model> | undefined {
    return this.runs.get(id);
  }

  /** Every run published. */
  list(): RunPublication<Model>[] {
    return [...this.runs.values()];
  }

  private receive(raw: string): void {
    try {
      const message = JSON.parse(raw) as Message<Model>;
      if (message.kind === 'run') this.take(message.run, 'live');
      else if (message.kind === 'ended') this.drop(message.id);
      else for (const id of [...this.runs.keys()]) if (!message.ids.includes(id)) this.drop(id);
    } catch (error) {
      this.emit('error', error);
    }
  }

  private take(run: RunPublication<Model>, how: 'live' | 'reload'): void {
    const held = this.runs.get(run.id);
    if (held !== undefined && held.instance === run.instance && held.version >= run.version) return;
    this.runs.set(run.id, run);
    this.emit('changed', run, how);
  }

  private drop(id: string): void {
    if (this.runs.delete(id)) this.emit('ended', id);
  }
}
