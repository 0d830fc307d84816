import { expect } from 'chai';
import express from 'express';
import { resolve } from 'node:path';
import request from 'supertest';
import { PROJECT_ROOT } from '../../server/config.js';
import { silentLogger } from '../../server/logger.js';
import { RunNotifications } from '../../server/notify/outbox.js';
import { RunRegistry } from '../../server/runs/registry.js';
import { errorHandler, notFound } from '../../server/web/error-handler.js';
import { subscribeRoutes } from '../../server/web/subscribe-routes.js';
import { fakeTime } from '../support/fake-time.js';
import { loadValid } from '../support/scenario-fixture.js';

const HTML = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

describe('POST /r/:run/subscribe', () => {
  let runs: RunRegistry;
  let notifications: RunNotifications;
  let app: express.Express;
  beforeEach(() => {
    const fake = fakeTime();
    runs = new RunRegistry({ time: fake.time });
    runs.create({ scenario: loadValid(), id: 'drill' });
    runs.create({ scenario: loadValid(), id: 'silent' });
    notifications = new RunNotifications({ publicUrl: 'https://drill.example.org', time: fake.time });
    app = express();
    app.set('views', resolve(PROJECT_ROOT, 'views'));
    app.set('view engine', 'ejs');
    app.use(subscribeRoutes({ runs, notifications: (id) => (id === 'drill' ? notifications : undefined) }));
    app.use(notFound);
    app.use(errorHandler(silentLogger()));
  });
  afterEach(() => {
    notifications.close();
    runs.close();
  });

  const post = (path = '/r/drill/subscribe') => request(app).post(path);

  it('subscribes from a JSON body and answers 201 {ok: true}', async () => {
    const res = await post().send({ kind: 'email', address: 'jane@example.org' }).expect(201);
    expect(res.body).to.deep.equal({ ok: true });
    expect(notifications.view().subscribers.map((s) => s.address)).to.deep.equal(['j***@example.org']);
  });

  it('subscribes from a form and sends the browser back to the page', async () => {
    const res = await post()
      .set('Accept', HTML)
      .type('form')
      .send({ kind: 'sms', address: '+33 6 12 34 56 78' })
      .expect(303);
    expect(res.headers.location).to.equal('/r/drill?subscribed=1#subscribe');
    expect(notifications.view().subscribers.map((s) => s.address)).to.deep.equal(['+33 6** ** ** 78']);
  });

  it('answers the same to a repeated subscription', async () => {
    await post().send({ kind: 'email', address: 'jane@example.org' }).expect(201);
    const res = await post().send({ kind: 'email', address: 'jane@example.org' }).expect(201);
    expect(res.body).to.deep.equal({ ok: true });
    expect(notifications.view().subscribers).to.have.length(1);
  });

  it('answers 400 with the reason to an invalid JSON subscription', async () => {
    const res = await post().send({ kind: 'email', address: 'not-an-address' }).expect(400);
    expect(res.body).to.deep.equal({
      error: { code: 'invalid', message: 'not a valid email address, e.g. jane@example.org' },
    });
  });

  it('sends a browser back to the page with the error’s code for an invalid form', async () => {
    const res = await post().set('Accept', HTML).type('form').send({ kind: 'fax', address: '1' }).expect(303);
    expect(res.headers.location).to.equal('/r/drill?subscribe_error=invalid#subscribe');
    expect(notifications.view().subscribers).to.deep.equal([]);
  });

  it('answers 400 in JSON to a body that is not JSON', async () => {
    const res = await post().set('Content-Type', 'application/json').send('{"kind":').expect(400);
    expect(res.body).to.deep.equal({ error: { code: 'bad_request', message: 'the request body could not be read' } });
  });

  it('refuses a body over 4 KB with 413', async () => {
    const res = await post()
      .send({ kind: 'email', address: `${'a'.repeat(5_000)}@example.org` })
      .expect(413);
    expect(res.body).to.have.nested.property('error.code', 'too_large');
  });

  it('answers 404 in JSON for an unknown run', async () => {
    const res = await post('/r/nope/subscribe').send({ kind: 'email', address: 'jane@example.org' }).expect(404);
    expect(res.body).to.deep.equal({ error: { code: 'not_found', message: 'no run "nope"' } });
  });

  it('answers 404 for a run without notifications', async () => {
    const res = await post('/r/silent/subscribe').send({ kind: 'email', address: 'jane@example.org' }).expect(404);
    expect(res.body).to.have.nested.property('error.code', 'not_found');
  });

  it('leaves a browser’s 404 to the HTML error page', async () => {
    const res = await post('/r/nope/subscribe')
      .set('Accept', HTML)
      .type('form')
      .send({ kind: 'email', address: 'jane@example.org' })
      .expect(404);
    expect(res.headers['content-type']).to.match(/^text\/html/);
  });
});
