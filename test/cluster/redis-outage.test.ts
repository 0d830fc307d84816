/**
 * Redis going away under a cluster of two processes: the leader goes on (actions acknowledged,
 * its own viewers served: local broadcasting) and says so; the other process goes on showing what
 * it last heard; when Redis is back, empty, the same leader keeps the runs and the other process's
 * viewers catch up, never applying a change out of order.
 */
import { expect } from 'chai';
import type { Status } from '../../server/scenario/vocabulary.js';
import { killServer, startServerProcess, type ServerProcess } from '../support/server-process.js';
import { startRedis, type TestRedis } from '../support/redis.js';
import { tempDir } from '../support/temp-dir.js';
import { orderedViewer, outOfOrder, type OrderedViewer } from '../support/ordered-viewers.js';
import { eventually } from '../support/acknowledged.js';

const TOKEN = 'redis-outage-test-token-0123456';
const AUTH = { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' };
const WARN = 40;

describe('a cluster while Redis is away', function () {
  this.timeout(90_000);
  let redis: TestRedis;
  const servers: ServerProcess[] = [];
  let viewers: OrderedViewer[] = [];
  let cleanup: () => Promise<void> = () => Promise.resolve();

  afterEach(async () => {
    viewers.forEach((v) => v.socket.close());
    await Promise.all(servers.map((s) => killServer(s)));
    await redis?.stop();
    await cleanup();
  });

  it('goes on with local broadcasting, says so, and catches every viewer up when Redis is back', async () => {
    redis = await startRedis();
    let dir: string;
    ({ dir, cleanup } = await tempDir());
    const env = { DATA_DIR: dir, REDIS_URL: redis.url, STATUSDRILL_ADMIN_TOKEN: TOKEN, DEFAULT_SCENARIO: 'tutorial' };
    const leader = await startServerProcess(env);
    servers.push(leader);
    await eventually(() => leader.lines.some((l) => l.msg.includes('leads the cluster')), 'a leader');
    const follower = await startServerProcess(env);
    servers.push(follower);
    const run = 'tutorial';
    const version = async (server: ServerProcess): Promise<string> => {
      const html = await (await fetch(`${server.url}/r/${run}`)).text();
      return /data-instance="[^"]+" data-version="\d+"/.exec(html)?.[0] ?? '';
    };
    await eventually(async () => (await version(follower)) === (await version(leader)), 'the follower to mirror');
    await fetch(`${leader.url}/api/runs/${run}/control`, {
      method: 'POST',
      headers: AUTH,
      body: JSON.stringify({ control: 'pause' }),
    });
    const showAll = (group: OrderedViewer[], shown: string): boolean =>
      group.every((v) => `data-instance="${v.current()!.instance}" data-version="${v.current()!.version}"` === shown);
    const onLeader = await Promise.all([1, 2, 3].map(() => orderedViewer(leader.url, run)));
    const onFollower = await Promise.all([1, 2, 3].map(() => orderedViewer(follower.url, run)));
    viewers = [...onLeader, ...onFollower];

    await redis.stop(true);
    const set = async (status: Status): Promise<number> =>
      (
        await fetch(`${leader.url}/api/runs/${run}/actions`, {
          method: 'POST',
          headers: AUTH,
          body: JSON.stringify({ action: { type: 'set-actual', channel: 'web', status } }),
        })
      ).status;
    const seen = onFollower[0]!.current()!.version;
    for (const status of ['major_outage', 'partial_outage', 'operational'] as const)
      expect(await set(status)).to.equal(201);
    // The leader's own viewers get every change; the follower's page is still served, as it was.
    await eventually(async () => showAll(onLeader, await version(leader)), 'the leader’s viewers');
    expect((await fetch(`${follower.url}/r/${run}`)).status).to.equal(200);
    expect(onFollower[0]!.current()!.version).to.equal(seen);
    await eventually(
      () => leader.lines.some((l) => l.level === WARN && l.msg.startsWith('Redis is out of reach: the runs go on')),
      'the leader’s warning',
    );

    redis = await startRedis(redis.port);
    await eventually(
      async () => (await version(follower)) === (await version(leader)),
      'the follower to catch up',
      15_000,
    );
    await eventually(async () => showAll(onFollower, await version(leader)), 'the follower’s viewers to catch up');
    for (const viewer of viewers) expect(outOfOrder(viewer), 'applied out of order').to.deep.equal([]);
    expect(leader.lines.some((l) => l.msg.includes('Redis answers again'))).to.equal(true);
    // The same leader: the run was never handed over.
    expect(leader.lines.filter((l) => l.msg.includes('leads the cluster'))).to.have.length(1);
    expect(follower.lines.some((l) => l.msg.includes('leads the cluster'))).to.equal(false);
  });
});
