import { expect } from 'chai';
import type { Ack } from '../../server/events.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { FACILITATOR } from '../support/runs.js';
import { loadValid } from '../support/scenario-fixture.js';
import { connectViewer, listen, waitFor, type Viewer } from '../support/viewers.js';

const join = (viewer: Viewer, request: unknown): Promise<Ack<{ version: number }>> =>
  new Promise((done) => viewer.emit('status:join', request as never, done));

describe('live status over socket.io', () => {
  let app: TestApp;
  let url: string;
  const viewers: Viewer[] = [];
  const viewer = async (): Promise<Viewer> => {
    const v = await connectViewer(url);
    viewers.push(v);
    return v;
  };

  beforeEach(async () => {
    app = await createTestApp({}, { defaultRun: false });
    app.runs.create({ scenario: loadValid(), id: 'one' });
    app.runs.create({ scenario: loadValid(), id: 'two' });
    url = await listen(app);
  });
  afterEach(async () => {
    for (const v of viewers.splice(0)) v.disconnect();
    await app.close();
  });

  it('sends a snapshot on join, in the language asked for', async () => {
    const v = await viewer();
    const ack = await join(v, { run: 'one', lang: 'en' });
    expect(ack).to.deep.equal({ ok: true, data: { version: 0 } });
    await waitFor(v, (r) => r.length === 1, 'the snapshot');
    const [snapshot] = v.received;
    expect(snapshot).to.deep.include({ run: 'one', version: 0, lang: 'en' });
    expect(snapshot?.html).to.include('All Systems Operational');
    expect(snapshot?.clock).to.deep.include({ offsetMs: 0, playing: false, speed: 1, timeZone: 'Europe/Paris' });
  });

  it('joins a viewer that names its run in its handshake, with its snapshot, without a join', async () => {
    const v = await connectViewer(url, { run: 'one', lang: 'en' });
    viewers.push(v);
    await waitFor(v, (r) => r.length === 1, 'the snapshot');
    expect(v.received[0]).to.deep.include({ run: 'one', version: 0, lang: 'en' });
    app.runs.require('one').act({ type: 'set-actual', channel: 'lbp-atm', status: 'major_outage' }, FACILITATOR);
    await waitFor(v, (r) => r.length === 2, 'the change');
    expect(v.received[1]?.html).to.include('Major outage');
  });

  [
    { name: 'an unknown run', auth: { run: 'nope' } },
    { name: 'an unknown language', auth: { run: 'one', lang: 'de' } },
    { name: 'no run', auth: { token: 'x' } },
  ].forEach(({ name, auth }) => {
    it(`sends nothing on connection to a viewer whose handshake names ${name}, and lets it join`, async () => {
      const v = await connectViewer(url, auth);
      viewers.push(v);
      await new Promise((done) => setTimeout(done, 50));
      expect(v.received).to.deep.equal([]);
      expect(await join(v, { run: 'one' })).to.deep.include({ ok: true });
    });
  });

  it('brings each change to every viewer of the run, with consecutive versions, and none to viewers of another run', async () => {
    const [a, b, other] = [await viewer(), await viewer(), await viewer()];
    await join(a, { run: 'one' });
    await join(b, { run: 'one', lang: 'en' });
    await join(other, { run: 'two' });
    const run = app.runs.require('one');
    run.seek(60 * 60_000, FACILITATOR);
    run.act({ type: 'set-actual', channel: 'lbp-atm', status: 'major_outage' }, FACILITATOR);
    run.seek(90 * 60_000, FACILITATOR);
    for (const v of [a, b]) await waitFor(v, (r) => r.length === 4, 'three changes');
    expect(a.received.map((s) => s.version)).to.deep.equal([0, 1, 2, 3]);
    expect(b.received.map((s) => s.version)).to.deep.equal([0, 1, 2, 3]);
    expect(a.received.at(-1)?.html).to.include('Panne majeure');
    expect(b.received.at(-1)?.html).to.include('Major outage');
    expect(a.received.at(-1)?.announcement).to.match(
      /^Panne majeure des services\. Enquête en cours : Nous enquêtons\./,
    );
    await new Promise((done) => setTimeout(done, 50));
    expect(other.received.map((s) => s.version)).to.deep.equal([0]);
  });

  it('lets a viewer that missed versions recover the latest by joining again', async () => {
    const v = await viewer();
    await join(v, { run: 'one' });
    v.disconnect();
    const run = app.runs.require('one');
    run.seek(60 * 60_000, FACILITATOR);
    run.seek(2 * 60 * 60_000, FACILITATOR);
    const again = await viewer();
    await join(again, { run: 'one' });
    await waitFor(again, (r) => r.length === 1, 'the snapshot');
    expect(again.received[0]?.version).to.equal(run.version);
    expect(again.received[0]?.html).to.include('Nous enquêtons.');
  });

  it('never shows a new run the markup of an ended run that had the same id', async () => {
    const first = app.runs.require('one');
    first.act({ type: 'set-actual', channel: 'lbp-atm', status: 'major_outage' }, FACILITATOR);
    const v = await viewer();
    await join(v, { run: 'one' });
    app.runs.end('one');
    const second = app.runs.create({ scenario: loadValid(), id: 'one' });
    second.act({ type: 'set-actual', channel: 'lbp-web', status: 'partial_outage' }, FACILITATOR);
    expect(second.version).to.equal(first.version);
    await join(v, { run: 'one' });
    // The change of the new run, then the snapshot of the second join.
    await waitFor(v, (r) => r.length === 3, "the new run's change and snapshot");
    for (const snapshot of v.received.slice(1)) {
      expect(snapshot.html).to.include('<span class="status-icon" aria-hidden="true">◆</span> Panne partielle');
      expect(snapshot.html).to.not.include('<span class="status-icon" aria-hidden="true">✕</span> Panne majeure');
    }
  });

  it('tells the instances of a run apart, so a viewer knows when versions start again', async () => {
    const first = app.runs.require('one');
    first.act({ type: 'set-actual', channel: 'lbp-atm', status: 'major_outage' }, FACILITATOR);
    const v = await viewer();
    await join(v, { run: 'one' });
    app.runs.end('one');
    const second = app.runs.create({ scenario: loadValid(), id: 'one' });
    second.act({ type: 'set-actual', channel: 'lbp-web', status: 'partial_outage' }, FACILITATOR);
    await waitFor(v, (r) => r.length === 2, "the new run's change");
    const [snapshot, change] = v.received;
    expect(snapshot!.instance).to.equal(first.instance);
    expect(change!.instance).to.equal(second.instance);
    expect(change!.instance).to.not.equal(snapshot!.instance);
  });

  it('moves a viewer to the room of the run it joins last', async () => {
    const v = await viewer();
    await join(v, { run: 'one' });
    await join(v, { run: 'two' });
    app.runs.require('one').seek(60 * 60_000, FACILITATOR);
    await new Promise((done) => setTimeout(done, 50));
    expect(v.received.map((s) => s.run)).to.deep.equal(['one', 'two']);
  });

  [
    { name: 'a run that does not exist', request: { run: 'nope' }, code: 'not_found' },
    { name: 'a payload that is not an object', request: 'one', code: 'invalid' },
    { name: 'an unknown language', request: { run: 'one', lang: 'de' }, code: 'invalid' },
    { name: 'extra fields', request: { run: 'one', admin: true }, code: 'invalid' },
    { name: 'an oversized run id', request: { run: 'x'.repeat(10_000) }, code: 'invalid' },
  ].forEach(({ name, request, code }) => {
    it(`refuses to join ${name}, and stays up`, async () => {
      const v = await viewer();
      const ack = await join(v, request);
      expect(ack.ok).to.equal(false);
      if (!ack.ok) expect(ack.error.code).to.equal(code);
      expect(await join(v, { run: 'one' })).to.deep.include({ ok: true });
    });
  });

  it('ignores events viewers have no right to send', async () => {
    const v = await viewer();
    (v as unknown as { emit: (event: string, ...args: unknown[]) => void }).emit('run:seek', { run: 'one', to: 0 });
    await join(v, { run: 'one' });
    expect(app.runs.require('one').logRecords()).to.deep.equal([]);
  });
});
