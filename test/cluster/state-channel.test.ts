/**
 * Runs' public state from the leader to the other processes through a real Redis: each version
 * reaches a replica, a replica started later reads every run's latest, an older version never
 * replaces a newer one of the same run object, a new instance (a run brought back by a new leader)
 * always does, and an ended run goes.
 */
import { expect } from 'chai';
import { connectRedis, type RedisClient } from '../../server/cluster/redis.js';
import { StatePublisher, StateReplica, type RunPublication } from '../../server/cluster/state-channel.js';
import { startRedis, type TestRedis } from '../support/redis.js';
import { until } from '../notify/receiver.js';

const publication = (version: number, instance = 'i1', id = 'drill'): RunPublication => ({
  id,
  instance,
  scenario: 'la-poste',
  visibility: 'public',
  version,
  model: { version },
});

describe('the public state channel', function () {
  this.timeout(20_000);
  let redis: TestRedis;
  let clients: RedisClient[] = [];
  let replicas: StateReplica[] = [];
  let publisher: StatePublisher;

  const client = async (): Promise<RedisClient> => {
    const made = await connectRedis(redis.url, () => undefined);
    clients.push(made);
    return made;
  };
  const replica = async (): Promise<StateReplica> => {
    const made = new StateReplica(await client(), await client());
    replicas.push(made);
    await made.start();
    return made;
  };

  before(async () => {
    redis = await startRedis();
  });
  after(async () => {
    await redis?.stop();
  });
  beforeEach(async () => {
    const admin = await client();
    await admin.flushAll();
    publisher = new StatePublisher(admin);
  });
  afterEach(async () => {
    await Promise.all(replicas.map((r) => r.stop()));
    await Promise.all(clients.map((c) => c.quit()));
    replicas = [];
    clients = [];
  });

  it('brings each version of a run to a replica', async () => {
    const seen: number[] = [];
    const r = await replica();
    r.on('changed', (run) => seen.push(run.version));
    await publisher.publish(publication(1));
    await publisher.publish(publication(2));
    await until(() => r.get('drill')?.version === 2);
    expect(seen).to.deep.equal([1, 2]);
    expect(r.get('drill')?.model).to.deep.equal({ version: 2 });
  });

  it('gives a replica started later every run’s latest publication', async () => {
    await publisher.publish(publication(1, 'i1', 'a'));
    await publisher.publish(publication(7, 'i1', 'b'));
    await publisher.publish(publication(8, 'i1', 'b'));
    const r = await replica();
    const latest = r.list().map((run) => [run.id, run.version]);
    expect(latest.sort()).to.deep.equal([
      ['a', 1],
      ['b', 8],
    ]);
  });

  it('keeps the newer version of a run object, and takes any version of a new instance', async () => {
    const r = await replica();
    await publisher.publish(publication(5));
    await until(() => r.get('drill')?.version === 5);
    await publisher.publish(publication(4));
    await publisher.publish(publication(1, 'i2'));
    await until(() => r.get('drill')?.instance === 'i2');
    expect(r.get('drill')?.version).to.equal(1);
  });

  it('forgets an ended run, live and on reload', async () => {
    const r = await replica();
    await publisher.publish(publication(1));
    await until(() => r.get('drill') !== undefined);
    await publisher.ended('drill');
    await until(() => r.get('drill') === undefined);
    const late = await replica();
    expect(late.list()).to.deep.equal([]);
  });

  it('forgets the runs a roster leaves out, in Redis too', async () => {
    const r = await replica();
    await publisher.publish(publication(1, 'i1', 'a'));
    await publisher.publish(publication(1, 'i1', 'b'));
    await until(() => r.list().length === 2);
    await publisher.roster(['a']);
    await until(() => r.get('b') === undefined);
    expect(r.list().map((run) => run.id)).to.deep.equal(['a']);
    const late = await replica();
    expect(late.list().map((run) => run.id)).to.deep.equal(['a']);
  });

  it('keeps what it holds when Redis has lost it, and takes what Redis has on reload', async () => {
    const r = await replica();
    const heard: string[] = [];
    r.on('changed', (run, how) => heard.push(`${run.id}@${run.version} ${how}`));
    await publisher.publish(publication(1, 'i1', 'a'));
    await until(() => r.get('a') !== undefined);
    const admin = await client();
    await admin.flushAll();
    await r.reload();
    expect(r.get('a')?.version).to.equal(1);
    await admin.set('statusdrill:run:a', JSON.stringify(publication(2, 'i1', 'a')));
    await admin.sAdd('statusdrill:runs', 'a');
    await r.reload();
    expect(heard).to.deep.equal(['a@1 live', 'a@2 reload']);
  });
});
