/**
 * Leases in a real Redis: one holder at a time, renewal only by the holder, keepers that hand the
 * lease over when its holder stops, keep it while Redis is away, and give it up as soon as Redis
 * names another holder.
 */
import { expect } from 'chai';
import { Lease, LeaseKeeper } from '../../server/cluster/lease.js';
import { connectRedis, type RedisClient } from '../../server/cluster/redis.js';
import { systemTimeSource } from '../../server/replay/time-source.js';
import { startRedis, type TestRedis } from '../support/redis.js';
import { until } from '../notify/receiver.js';
import { fakeTime, type FakeTime } from '../support/fake-time.js';

const KEY = 'statusdrill:test:lease';

describe('leases in Redis', function () {
  this.timeout(20_000);
  let redis: TestRedis;
  let clients: RedisClient[] = [];
  let keepers: LeaseKeeper[] = [];
  const client = async (): Promise<RedisClient> => {
    const made = await connectRedis(redis.url, () => undefined);
    clients.push(made);
    return made;
  };
  const keeper = (lease: Lease): LeaseKeeper => {
    const made = new LeaseKeeper(lease, systemTimeSource);
    made.on('error', () => undefined);
    keepers.push(made);
    return made;
  };

  before(async () => {
    redis = await startRedis();
  });
  after(async () => {
    await redis?.stop();
  });
  afterEach(async () => {
    await Promise.all(keepers.map((k) => k.stop()));
    await Promise.all(clients.filter((c) => c.isOpen).map((c) => c.quit()));
    keepers = [];
    clients = [];
    const cleaner = await connectRedis(redis.url, () => undefined);
    await cleaner.del(KEY);
    await cleaner.quit();
  });

  it('is held by one process at a time, and free again once released', async () => {
    const a = new Lease(await client(), KEY, 'a', 5_000);
    const b = new Lease(await client(), KEY, 'b', 5_000);
    expect(await a.acquire()).to.equal(true);
    expect(await b.acquire()).to.equal(false);
    expect(await a.holderNow()).to.equal('a');
    await b.release();
    expect(await a.holderNow()).to.equal('a');
    await a.release();
    expect(await b.acquire()).to.equal(true);
  });

  it('is renewed only by its holder', async () => {
    const a = new Lease(await client(), KEY, 'a', 300);
    const b = new Lease(await client(), KEY, 'b', 300);
    expect(await a.acquire()).to.equal(true);
    expect(await b.renew()).to.equal(false);
    expect(await a.renew()).to.equal(true);
    await new Promise((r) => setTimeout(r, 400));
    expect(await a.renew()).to.equal(false);
    expect(await b.acquire()).to.equal(true);
  });

  it('is kept by a keeper past its time to live, and handed to the next keeper when the first stops', async () => {
    const first = keeper(new Lease(await client(), KEY, 'first', 300));
    const second = keeper(new Lease(await client(), KEY, 'second', 300));
    first.start();
    await until(() => first.holding, 2_000);
    second.start();
    await new Promise((r) => setTimeout(r, 1_000));
    expect([first.holding, second.holding]).to.deep.equal([true, false]);
    await first.stop();
    await until(() => second.holding, 2_000);
  });

  it('is kept by its holder while Redis is away, and renewed again when Redis is back', async () => {
    const first = keeper(new Lease(await client(), KEY, 'first', 300));
    const events: string[] = [];
    first.on('unreachable', () => events.push('unreachable'));
    first.on('reachable', () => events.push('reachable'));
    first.on('lost', () => events.push('lost'));
    first.start();
    await until(() => first.holding, 2_000);
    const port = redis.port;
    await redis.stop(true);
    await until(() => first.unreachable, 2_000);
    // Well past the time to live: the holder still holds.
    await new Promise((r) => setTimeout(r, 900));
    expect(first.holding).to.equal(true);
    // Back empty, as a Redis without persistence restarts: the holder takes the lease again.
    redis = await startRedis(port);
    await until(() => !first.unreachable, 5_000);
    expect(await (await client()).get(KEY)).to.equal('first');
    expect(events).to.deep.equal(['unreachable', 'reachable']);
    expect(first.holding).to.equal(true);
  });

  it('is given up at once when Redis says another process holds it', async () => {
    const first = keeper(new Lease(await client(), KEY, 'first', 300));
    const reasons: string[] = [];
    first.on('lost', (reason) => reasons.push(reason));
    first.start();
    await until(() => first.holding, 2_000);
    await (await client()).set(KEY, 'second', { expiration: { type: 'PX', value: 5_000 } });
    await until(() => !first.holding, 1_000);
    expect(reasons).to.deep.equal(['another process holds the lease']);
  });
});

describe('a lease keeper waiting for a lease', () => {
  /** A lease in memory whose holder the test sets, counting attempts to take it. */
  const memoryLease = (ttlMs: number) => {
    const state = { holder: null as string | null, attempts: 0 };
    const lease = Object.assign(Object.create(Lease.prototype) as Lease, {
      key: KEY,
      holder: 'waiting',
      ttlMs,
      holderNow: () => Promise.resolve(state.holder),
      acquire: () => {
        state.attempts += 1;
        if (state.holder !== null) return Promise.resolve(false);
        state.holder = 'waiting';
        return Promise.resolve(true);
      },
      renew: () => Promise.resolve(state.holder === 'waiting'),
      release: () => Promise.resolve(),
    });
    return { lease, state };
  };
  /** Lets the keeper's promises settle, then moves fake time on. */
  const step = async (fake: FakeTime, ms: number): Promise<void> => {
    for (let i = 0; i < 5; i += 1) await Promise.resolve();
    fake.tick(ms);
    for (let i = 0; i < 5; i += 1) await Promise.resolve();
  };

  it('takes a free lease at once when it never saw a holder (a cluster starting)', async () => {
    const fake = fakeTime();
    const { lease, state } = memoryLease(3_000);
    const keeper = new LeaseKeeper(lease, fake.time);
    keeper.start();
    await step(fake, 0);
    expect([keeper.holding, state.attempts]).to.deep.equal([true, 1]);
    await keeper.stop();
  });

  it('waits a whole time to live once the holder it knew is gone, so that holder can take it back first', async () => {
    const fake = fakeTime();
    const { lease, state } = memoryLease(3_000);
    state.holder = 'leader';
    const keeper = new LeaseKeeper(lease, fake.time);
    keeper.start();
    await step(fake, 0);
    // Redis came back empty: the lease is free, and stays free.
    state.holder = null;
    for (let elapsed = 0; elapsed < 3_000; elapsed += 1_000) {
      await step(fake, 1_000);
      expect(state.attempts, `after ${elapsed + 1_000} ms`).to.equal(0);
    }
    await step(fake, 1_000);
    expect([keeper.holding, state.attempts]).to.deep.equal([true, 1]);
    await keeper.stop();
  });
});
