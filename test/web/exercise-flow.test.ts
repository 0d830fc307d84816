/**
 * An exercise driven end to end through the control API and sockets, as a facilitator and a comms
 * team would: the world fails, nothing reaches the public page until a responder publishes, the
 * first-update expectation is missed (and its contingency inject reaches the desk), then met late,
 * and a webhook receiver on loopback gets the change in Statuspage's envelope.
 */
import { expect } from 'chai';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import type { ConsoleView, RunViewBase } from '../../server/control/views.js';
import type { Expectation } from '../../server/scenario/compile.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { connectViewer, listen, waitFor, type Viewer } from '../support/viewers.js';
import { connectControl, FACILITATOR_AUTH, responderSession, type ControlClient } from '../support/control.js';

const LA_POSTE = 'la-poste-ddos-2025-12-22';

interface Received {
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
}

/** A webhook receiver on 127.0.0.1 that keeps what it is sent. */
async function receiver(): Promise<{ server: Server; url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => {
      received.push({ headers: req.headers, body: JSON.parse(text) as Record<string, unknown> });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received };
}

async function until(check: () => boolean, what: string, ms = 3_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 20));
  }
}

describe('an exercise driven through the API and sockets', function () {
  this.timeout(20_000);
  let app: TestApp;
  let url: string;
  let hook: Awaited<ReturnType<typeof receiver>>;
  const closers: Array<{ close(): unknown }> = [];

  beforeEach(async () => {
    app = await createTestApp({}, { defaultRun: false });
    url = await listen(app);
    hook = await receiver();
  });
  afterEach(async () => {
    for (const c of closers.splice(0)) c.close();
    hook.server.close();
    await app.close();
  });

  it('withholds the script, scores the expectation, sends the contingency and delivers the webhook', async () => {
    const api = request(app.app);
    const created = await api
      .post('/api/runs')
      .set(FACILITATOR_AUTH)
      .send({ scenario: LA_POSTE, mode: 'exercise', speed: 60, play: false })
      .expect(201);
    const run = (created.body as { run: { id: string } }).run.id;
    const scenario = app.runs.require(run).scenario;
    const firstUpdate = scenario.entries.find((e) => e.kind === 'expect' && e.expect.kind === 'first-update');
    if (firstUpdate?.kind !== 'expect') throw new Error('the La Poste scenario expects a first update');
    const expectation: Expectation = firstUpdate.expect;
    expect(expectation.onMissed, 'the first-update expectation has a contingency inject').to.not.equal(undefined);

    await api.post(`/api/runs/${run}/webhooks`).set(FACILITATOR_AUTH).send({ url: hook.url }).expect(201);
    const team = await responderSession(app, run, 'Alice');
    const desk: ControlClient = await connectControl(url, team);
    closers.push(desk);
    const deskViews: RunViewBase[] = [];
    desk.on('run:view', ({ view }: { view: RunViewBase }) => deskViews.push(view));
    expect((await desk.call('run:watch', { run })).ok).to.equal(true);
    const viewer: Viewer = await connectViewer(url);
    closers.push(viewer);
    viewer.emit('status:join', { run, lang: 'en' });
    await waitFor(viewer, (r) => r.length > 0, 'the first snapshot');

    // The world fails: seek past the first-update deadline. In exercise mode the page stays green.
    const deadlineMs = firstUpdate.offsetMs + expectation.withinMs;
    await api
      .post(`/api/runs/${run}/control`)
      .set(FACILITATOR_AUTH)
      .send({ control: 'seek', to: deadlineMs + 60_000 })
      .expect(200);
    const summary = await api.get(`/r/${run}/api/v2/summary.json`).expect(200);
    const body = summary.body as { status: { indicator: string }; incidents: unknown[] };
    expect(body.status.indicator).to.equal('none');
    expect(body.incidents).to.have.length(0);
    const console = (await api.get(`/api/runs/${run}`).set(FACILITATOR_AUTH).expect(200)).body as ConsoleView;
    expect(
      console.channels.some((c) => c.diverges),
      'actual statuses diverge from the page',
    ).to.equal(true);
    expect(console.expectations.find((e) => e.id === expectation.id)?.status).to.equal('missed');

    // The desk hears about the world and gets the contingency inject.
    await until(
      () => deskViews.some((v) => v.injects.some((i) => i.ref === `xe${firstUpdate.index}`)),
      'the contingency inject on the desk',
    );
    expect(deskViews.at(-1)!.channels.some((c) => c.actual !== 'operational')).to.equal(true);

    // A responder publishes: the page, the API and the webhook receiver see it at once.
    const down = console.channels.filter((c) => c.actual === 'major_outage').map((c) => c.id);
    const published = await desk.call('runs:publish', {
      run,
      update: {
        incident: 'online-services',
        title: { fr: 'Services en ligne indisponibles', en: 'Online services unavailable' },
        status: 'investigating',
        impact: 'major',
        channels: Object.fromEntries(down.map((id) => [id, 'major_outage'])),
        body: { fr: 'Nous enquêtons.', en: 'We are investigating.' },
        workaround: { fr: 'Les cartes fonctionnent.', en: 'Cards work.' },
      },
    });
    expect(published.ok, JSON.stringify(published)).to.equal(true);
    await waitFor(viewer, (r) => r.at(-1)!.html.includes('Online services unavailable'), 'the update on the page');
    const after = (await api.get(`/r/${run}/api/v2/incidents.json`).expect(200)).body as {
      incidents: Array<{ name: string }>;
    };
    expect(after.incidents.map((i) => i.name)).to.include('Services en ligne indisponibles');
    const scored = (await api.get(`/api/runs/${run}`).set(FACILITATOR_AUTH).expect(200)).body as ConsoleView;
    expect(scored.expectations.find((e) => e.id === expectation.id)?.status).to.equal('late');

    await until(() => hook.received.some((r) => 'incident' in r.body), 'the incident webhook');
    const envelope = hook.received.find((r) => 'incident' in r.body)!;
    expect(envelope.headers['content-type']).to.match(/^application\/json/);
    expect(envelope.body).to.have.keys('meta', 'page', 'incident');
    expect(
      hook.received.some((r) => 'component_update' in r.body),
      'a component_update envelope',
    ).to.equal(true);
    const log = (await api.get(`/api/runs/${run}/log`).set(FACILITATOR_AUTH).expect(200)).body as Array<{
      kind: string;
      author: { role: string; name: string };
    }>;
    expect(log.some((r) => r.kind === 'action' && r.author.role === 'responder' && r.author.name === 'Alice')).to.equal(
      true,
    );
  });
});
