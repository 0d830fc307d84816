/**
 * A viewer that stops reading neither slows the others nor makes the server hold an ever-growing
 * backlog for it: it is cut, and the others keep receiving every change.
 */
import { expect } from 'chai';
import type { Socket as NetSocket } from 'node:net';
import { STATUS_NAMESPACE } from '../../server/events.js';
import { backlogOf } from '../../server/web/slow-viewers.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { loadValid } from '../support/scenario-fixture.js';
import { connectViewer, listen, type Viewer } from '../support/viewers.js';

/** The TCP socket under a socket.io-client viewer's WebSocket (ws in Node). */
const tcpOf = (viewer: Viewer): NetSocket => {
  const engine = viewer.io.engine as unknown as { transport: { ws: { _socket: NetSocket } } };
  return engine.transport.ws._socket;
};

const join = (viewer: Viewer): Promise<unknown> =>
  new Promise((done) => viewer.emit('status:join', { run: 'one' }, done));

describe('a viewer that stops reading', function () {
  this.timeout(20_000);
  let app: TestApp;
  const viewers: Viewer[] = [];
  afterEach(async () => {
    for (const v of viewers.splice(0)) v.disconnect();
    await app.close();
  });

  it('is cut once its backlog passes the limit, while the others get every message', async () => {
    app = await createTestApp({}, { defaultRun: false });
    app.runs.create({ scenario: loadValid(), id: 'one' });
    const url = await listen(app);
    const [fast, slow] = [await connectViewer(url), await connectViewer(url)];
    viewers.push(fast, slow);
    await Promise.all([join(fast), join(slow)]);
    const slowGone = new Promise<string>((done) => slow.once('disconnect', (why) => done(why)));
    tcpOf(slow).pause();

    // 48 messages of 512 KiB (24 MiB): more than loopback's kernel buffers can hide.
    const ns = app.io.of(STATUS_NAMESPACE);
    const [snapshot] = fast.received;
    const html = 'x'.repeat(512 * 1024);
    const count = 48;
    const before = fast.received.length;
    const got = new Promise<void>((done) => {
      fast.on('status:changed', () => {
        if (fast.received.length === before + count) done();
      });
    });
    let peak = 0;
    const serverSlow = [...ns.sockets.values()].find((s) => s.id === slow.id)!;
    for (let i = 1; i <= count; i++) {
      ns.to('run:one:fr').emit('status:changed', { ...snapshot!, version: i, html });
      peak = Math.max(peak, backlogOf(serverSlow).bytes);
      await new Promise((done) => setImmediate(done));
    }
    await got;
    expect(fast.received.slice(before).map((s) => s.version)).to.deep.equal(
      Array.from({ length: count }, (_, i) => i + 1),
    );
    expect(peak, 'the slow viewer had a backlog').to.be.greaterThan(1024 * 1024);

    // The sweep runs every second: the server cuts the slow viewer and lets go of its backlog.
    const cutAt = Date.now();
    while (ns.sockets.has(serverSlow.id)) {
      expect(Date.now() - cutAt, 'cut within the sweep interval').to.be.below(3_000);
      await new Promise((done) => setTimeout(done, 50));
    }
    expect(serverSlow.connected).to.equal(false);
    expect(fast.connected).to.equal(true);
    expect(ns.sockets.size).to.equal(1);
    // Once it reads again, the slow viewer learns it was cut (and a page would reconnect).
    tcpOf(slow).resume();
    expect(await slowGone).to.equal('transport close');
  });

  it('leaves viewers that keep up alone', async () => {
    app = await createTestApp({}, { defaultRun: false });
    app.runs.create({ scenario: loadValid(), id: 'one' });
    const url = await listen(app);
    const reader = await connectViewer(url);
    viewers.push(reader);
    await join(reader);
    const ns = app.io.of(STATUS_NAMESPACE);
    const [snapshot] = reader.received;
    for (let i = 1; i <= 20; i++) ns.to('run:one:fr').emit('status:changed', { ...snapshot!, version: i });
    await new Promise((done) => setTimeout(done, 1_500));
    expect(reader.connected).to.equal(true);
    expect(reader.received.length).to.equal(21);
  });
});
