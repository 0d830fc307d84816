/**
 * What one client can make the server hold or do: oversized headers, bodies and socket messages
 * are refused with a clear answer, and request rates per address are limited, configurably, with
 * 0 lifting a limit for benchmarks.
 */
import { expect } from 'chai';
import { request as httpRequest } from 'node:http';
import request from 'supertest';
import { io as connect } from 'socket.io-client';
import { STATUS_NAMESPACE } from '../../server/events.js';
import { HTTP_LIMITS, SOCKET_MESSAGE_LIMIT } from '../../server/web/limits.js';
import { FACILITATOR_AUTH } from '../support/control.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { listen } from '../support/viewers.js';

/** The status a raw GET with `headers` gets (supertest cannot send oversized headers). */
async function rawStatus(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((done, fail) => {
    const req = httpRequest(`${url}/healthz`, { headers }, (res) => {
      res.resume();
      done(res.statusCode ?? 0);
    });
    req.on('error', fail);
    req.end();
  });
}

/** The error of a JSON error answer. */
const errorOf = (res: { body: unknown }): { code: string; message: string } =>
  (res.body as { error: { code: string; message: string } }).error;

describe('request limits', () => {
  let app: TestApp;
  afterEach(async () => {
    await app?.close();
  });

  it('answers 431 to headers over 16 KiB, and sets the slow-client timeouts', async () => {
    app = await createTestApp({}, { defaultRun: false });
    const url = await listen(app);
    expect(await rawStatus(url, { 'x-big': 'a'.repeat(8 * 1024) })).to.equal(200);
    expect(await rawStatus(url, { 'x-big': 'a'.repeat(HTTP_LIMITS.maxHeaderSize) })).to.equal(431);
    expect(app.httpServer.headersTimeout).to.equal(HTTP_LIMITS.headersTimeout);
    expect(app.httpServer.requestTimeout).to.equal(HTTP_LIMITS.requestTimeout);
    expect(app.httpServer.maxHeadersCount).to.equal(HTTP_LIMITS.maxHeadersCount);
  });

  it('answers 413 with a clear message to a control request body over 64 KB, and 400 to broken JSON', async () => {
    app = await createTestApp({}, { defaultRun: false });
    const huge = { label: 'x'.repeat(70 * 1024) };
    const big = await request(app.app).post('/api/runs').set(FACILITATOR_AUTH).send(huge).expect(413);
    expect(big.body).to.deep.equal({ error: { code: 'too_large', message: 'the body is larger than 65536 bytes' } });
    const broken = await request(app.app)
      .post('/api/runs')
      .set(FACILITATOR_AUTH)
      .set('Content-Type', 'application/json')
      .send('{"scenario": ')
      .expect(400);
    expect(broken.body).to.deep.equal({ error: { code: 'invalid_json', message: 'the body is not valid JSON' } });
  });

  it('answers 413 to a sign-in or subscription form over 4 KB', async () => {
    app = await createTestApp({}, { defaultRun: true });
    await request(app.app)
      .post('/login')
      .type('form')
      .send({ token: 'x'.repeat(5000) })
      .expect(413);
    const run = app.runs.listed()[0]!.id;
    await request(app.app)
      .post(`/r/${run}/subscribe`)
      .type('form')
      .send({ kind: 'email', address: `${'x'.repeat(5000)}@example.org` })
      .expect(413);
  });

  it('closes a viewer socket that sends a message over 64 KB, and keeps serving the others', async () => {
    app = await createTestApp({}, { defaultRun: true });
    const url = await listen(app);
    const socket = connect(`${url}${STATUS_NAMESPACE}`, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
    });
    try {
      await new Promise<void>((done, fail) => {
        socket.once('connect', () => done());
        socket.once('connect_error', fail);
      });
      const closed = new Promise<string>((done) => socket.once('disconnect', done));
      socket.emit('status:join', { run: 'x'.repeat(SOCKET_MESSAGE_LIMIT + 1) });
      expect(await closed).to.equal('transport close');
      await request(app.app).get('/healthz').expect(200);
    } finally {
      socket.close();
    }
  });
});

describe('rate limits', () => {
  let app: TestApp;
  afterEach(async () => {
    await app?.close();
  });

  it('limits control requests per address per minute, with Retry-After and RateLimit headers', async () => {
    app = await createTestApp({ apiRateLimit: 3 }, { defaultRun: false });
    for (let i = 0; i < 3; i += 1) await request(app.app).get('/api/runs').set(FACILITATOR_AUTH).expect(200);
    const refused = await request(app.app).get('/api/runs').set(FACILITATOR_AUTH).expect(429);
    expect(errorOf(refused).code).to.equal('rate_limited');
    expect(errorOf(refused).message).to.match(/too many control requests from this address/);
    expect(Number(refused.headers['retry-after'])).to.be.within(1, 60);
    expect(refused.headers['ratelimit-policy']).to.match(/q=3; w=60/);
    // The public surfaces count separately.
    await request(app.app).get('/healthz').expect(200);
  });

  it('limits public requests per address per minute, in HTML for pages, without touching the control API', async () => {
    app = await createTestApp({ publicRateLimit: 2 }, { defaultRun: true });
    const run = app.runs.listed()[0]!.id;
    await request(app.app).get(`/r/${run}`).expect(200);
    await request(app.app).get(`/r/${run}/api/v2/summary.json`).expect(200);
    const page = await request(app.app).get(`/r/${run}`).expect(429);
    expect(page.type).to.equal('text/html');
    expect(page.text).to.include('too many requests from this address');
    const json = await request(app.app).get(`/r/${run}/api/v2/summary.json`).expect(429);
    expect(errorOf(json).code).to.equal('rate_limited');
    await request(app.app).get('/api/runs').set(FACILITATOR_AUTH).expect(200);
  });

  it('counts each client behind a trusted proxy by its forwarded address', async () => {
    app = await createTestApp({ publicRateLimit: 1, trustProxy: 1 }, { defaultRun: false });
    await request(app.app).get('/healthz').set('X-Forwarded-For', '203.0.113.1').expect(200);
    await request(app.app).get('/healthz').set('X-Forwarded-For', '203.0.113.2').expect(200);
    await request(app.app).get('/healthz').set('X-Forwarded-For', '203.0.113.1').expect(429);
  });

  it('lifts both limits at 0', async () => {
    app = await createTestApp({ apiRateLimit: 0, publicRateLimit: 0 }, { defaultRun: false });
    for (let i = 0; i < 50; i += 1) {
      await request(app.app).get('/healthz').expect(200);
      await request(app.app).get('/api/runs').set(FACILITATOR_AUTH).expect(200);
    }
  });
});
