/**
 * Roles in a cluster over a real Redis: one leader, whose address every follower reads; when the
 * leader stops, a follower is promoted and the others follow it.
 */
import { expect } from 'chai';
import { ClusterRole, parseHolder } from '../../server/cluster/cluster-role.js';
import { connectRedis, type RedisClient } from '../../server/cluster/redis.js';
import { systemTimeSource } from '../../server/replay/time-source.js';
import { startRedis, type TestRedis } from '../support/redis.js';
import { until } from '../notify/receiver.js';

describe('cluster roles', function () {
  this.timeout(20_000);
  let redis: TestRedis;
  let clients: RedisClient[] = [];
  let roles: ClusterRole[] = [];

  const role = async (name: string, port: number): Promise<ClusterRole> => {
    const client = await connectRedis(redis.url, () => undefined);
    clients.push(client);
    const made = new ClusterRole(client, {
      name,
      address: { host: '127.0.0.1', port },
      time: systemTimeSource,
      ttlMs: 600,
    });
    made.on('error', () => undefined);
    roles.push(made);
    made.start();
    return made;
  };

  before(async () => {
    redis = await startRedis();
  });
  after(async () => {
    await redis?.stop();
  });
  afterEach(async () => {
    await Promise.all(roles.map((r) => r.stop()));
    await Promise.all(clients.map((c) => c.quit()));
    roles = [];
    clients = [];
  });

  it('has one leader, whose address the others read, and promotes another when it stops', async () => {
    const a = await role('a', 4001);
    await until(() => a.leading, 2_000);
    const b = await role('b', 4002);
    const c = await role('c', 4003);
    await until(() => b.leaderAddress()?.port === 4001 && c.leaderAddress()?.port === 4001, 2_000);
    expect([b.leading, c.leading]).to.deep.equal([false, false]);

    await a.stop();
    await until(() => b.leading || c.leading, 2_000);
    const next = b.leading ? b : c;
    const other = b.leading ? c : b;
    const port = next === b ? 4002 : 4003;
    await until(() => other.leaderAddress()?.port === port, 2_000);
    expect(next.leaderAddress()?.port).to.equal(port);
  });

  it('tells when a leader is known: the leader at once, a follower once it has read who leads', async () => {
    const a = await role('a', 4001);
    await a.leaderKnown();
    // Known to itself: its keeper took the lease, or its reading found it holds the lease already.
    expect(a.leaderAddress()?.port).to.equal(4001);
    await until(() => a.leading, 2_000);
    const b = await role('b', 4002);
    expect(b.leaderAddress(), 'not read yet').to.equal(undefined);
    await b.leaderKnown();
    expect(b.leaderAddress()?.port).to.equal(4001);
    await b.leaderKnown();
  });

  [
    { value: 'w1@127.0.0.1:3001', expected: { host: '127.0.0.1', port: 3001 } },
    { value: 'w1', expected: undefined },
    { value: null, expected: undefined },
  ].forEach(({ value, expected }) => {
    it(`reads ${JSON.stringify(value)} as ${JSON.stringify(expected)}`, () => {
      expect(parseHolder(value)).to.deep.equal(expected);
    });
  });
});
