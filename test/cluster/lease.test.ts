/**
 * Leases in a real Redis: one holder at a time, renewal only by the holder, and keepers that hand
 * the lease over when its holder stops or loses Redis, the old holder giving up before the new one
 * takes it.
 */
import { expect } from 'chai';
import { Lease, LeaseKeeper } from '../../server/cluster/lease.js';
import { connectRedis, type RedisClient } from '../../server/cluster/redis.js';
import { systemTimeSource } from '../../server/replay/time-source.js';
import { startRedis, type TestRedis } from '../support/redis.js';
import { until } from '../notify/receiver.js';

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

  it('gives the lease up when its holder loses Redis, before another keeper can take it', async () => {
    const cut = await client();
    const first = keeper(new Lease(cut, KEY, 'first', 600));
    const second = keeper(new Lease(await client(), KEY, 'second', 600));
    const order: string[] = [];
    first.on('lost', () => order.push('first lost'));
    second.on('gained', () => order.push('second gained'));
    first.start();
    await until(() => first.holding, 2_000);
    second.start();
    const overlaps: number[] = [];
    const sampler = setInterval(() => overlaps.push(Number(first.holding) + Number(second.holding)), 5);
    try {
      cut.destroy();
      await until(() => second.holding, 3_000);
    } finally {
      clearInterval(sampler);
    }
    expect(order).to.deep.equal(['first lost', 'second gained']);
    expect(Math.max(...overlaps)).to.equal(1);
  });
});
