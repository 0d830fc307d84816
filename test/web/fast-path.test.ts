/**
 * The fast path in front of express: the status page and summary.json it serves are the bytes
 * express would serve, with the same security headers, compressed on demand, revalidated by ETag,
 * renewed on every change, limited in the same budget; anything else is left to express.
 */
import { expect } from 'chai';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import request from 'supertest';
import { targetOf } from '../../server/web/fast-path.js';
import { FACILITATOR, RESPONDER } from '../support/runs.js';
import { loadValid } from '../support/scenario-fixture.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { listen } from '../support/viewers.js';

/** An answer as the bytes that came over the wire, undecoded. */
function raw(
  base: string,
  path: string,
  headers: Record<string, string>,
  method = 'GET',
): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((done, fail) => {
    const req = httpRequest(`${base}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', fail);
    req.end();
  });
}

/** Headers that differ by design between the paths: caching, the rate budget, the date. */
const PATH_SPECIFIC = new Set(['etag', 'cache-control', 'vary', 'ratelimit', 'ratelimit-policy', 'date', 'set-cookie']);

describe('the fast path', () => {
  let app: TestApp;
  let url: string;
  const fast = () => request(url);
  /** Express alone: the app without the HTTP server's fast path. */
  const express = () => request(app.app);

  beforeEach(async () => {
    app = await createTestApp({}, { defaultRun: false });
    const run = app.runs.create({ scenario: loadValid(), mode: 'replay', id: 'drill' });
    run.seek(90 * 60_000, FACILITATOR);
    url = await listen(app);
  });
  afterEach(async () => {
    await app.close();
  });

  it('serves the status page express renders, byte for byte, with the same security headers', async () => {
    for (const lang of ['fr', 'en']) {
      const viaFast = await fast().get(`/r/drill?lang=${lang}`).set('Accept-Encoding', 'identity').expect(200);
      const viaExpress = await express().get(`/r/drill?lang=${lang}`).expect(200);
      expect(viaFast.headers.etag, 'a strong ETag of the fast path').to.match(/^"drill-\d+-(fr|en)-[0-9a-f]{16}"$/);
      expect(viaExpress.headers.etag, "express's own weak ETag").to.match(/^W\//);
      expect(viaFast.text).to.equal(viaExpress.text);
      const shared = (h: Record<string, string>) =>
        Object.fromEntries(Object.entries(h).filter(([name]) => !PATH_SPECIFIC.has(name)));
      expect(shared(viaFast.headers)).to.deep.equal(shared(viaExpress.headers));
      expect(viaFast.headers['set-cookie']?.[0]).to.match(
        new RegExp(`^lang=${lang}; Max-Age=31536000; Path=/; HttpOnly; SameSite=Lax$`),
      );
    }
  });

  it('serves summary.json as express does, with the same ETag for the same bytes', async () => {
    const ask = (r: request.Test) => r.set('Accept-Encoding', 'identity').set('Host', 'status.test').expect(200);
    const viaFast = await ask(fast().get('/r/drill/api/v2/summary.json?lang=en'));
    const viaExpress = await ask(express().get('/r/drill/api/v2/summary.json?lang=en'));
    expect(viaFast.text).to.include('"url":"http://status.test/r/drill"');
    expect(viaFast.text).to.equal(viaExpress.text);
    expect(viaFast.headers.etag).to.equal(viaExpress.headers.etag);
    expect(viaFast.headers['access-control-allow-origin']).to.equal('*');
    expect(viaFast.headers['cache-control']).to.equal('public, max-age=5');
  });

  it("serves the default run's summary.json at /api/v2/summary.json as express does", async () => {
    await app.close();
    app = await createTestApp();
    url = await listen(app);
    const ask = (r: request.Test) => r.set('Accept-Encoding', 'identity').set('Host', 'status.test').expect(200);
    const viaFast = await ask(fast().get('/api/v2/summary.json?lang=en'));
    const viaExpress = await ask(express().get('/api/v2/summary.json?lang=en'));
    expect(viaFast.headers.etag, 'a strong ETag of the fast path').to.match(/^"la-poste-/);
    expect(viaFast.text).to.equal(viaExpress.text);
    expect(viaFast.headers.etag).to.equal(viaExpress.headers.etag);
    expect(targetOf('/api/v2/summary.json', 'drill')).to.deep.equal({ kind: 'summary', run: 'drill', lang: undefined });
    expect(targetOf('/api/v2/summary.json')).to.equal(undefined);
  });

  it('compresses with brotli or gzip as the client accepts, each with its own ETag', async () => {
    const plain = await raw(url, '/r/drill?lang=fr', { 'Accept-Encoding': 'identity' });
    const br = await raw(url, '/r/drill?lang=fr', { 'Accept-Encoding': 'gzip, br' });
    const gz = await raw(url, '/r/drill?lang=fr', { 'Accept-Encoding': 'gzip' });
    expect([plain.status, br.status, gz.status]).to.deep.equal([200, 200, 200]);
    expect(br.headers['content-encoding']).to.equal('br');
    expect(gz.headers['content-encoding']).to.equal('gzip');
    expect(brotliDecompressSync(br.body).equals(plain.body)).to.equal(true);
    expect(gunzipSync(gz.body).equals(plain.body)).to.equal(true);
    expect(br.body.length).to.be.below(plain.body.length / 4);
    expect(new Set([plain.headers.etag, br.headers.etag, gz.headers.etag]).size).to.equal(3);
    expect(br.headers.vary).to.include('Accept-Encoding');
  });

  it('answers 304 to a matching If-None-Match and nothing but headers to HEAD', async () => {
    const first = await fast().get('/r/drill/api/v2/summary.json').expect(200);
    await fast()
      .get('/r/drill/api/v2/summary.json')
      .set('If-None-Match', first.headers.etag as string)
      .expect(304);
    const head = await raw(url, '/r/drill?lang=en', { 'Accept-Encoding': 'identity' }, 'HEAD');
    expect(head.status).to.equal(200);
    expect(Number(head.headers['content-length'])).to.be.greaterThan(5_000);
    expect(head.body.length).to.equal(0);
  });

  it('serves the new version as soon as the run changes', async () => {
    const before = await fast().get('/r/drill/api/v2/summary.json?lang=en').expect(200);
    app.runs.require('drill').act(
      {
        type: 'publish',
        update: {
          incident: 'fresh',
          status: 'investigating',
          impact: 'minor',
          title: { en: 'Fresh news' },
          body: { en: 'x' },
        },
      },
      RESPONDER,
    );
    const after = await fast().get('/r/drill/api/v2/summary.json?lang=en').expect(200);
    expect(after.headers.etag).to.not.equal(before.headers.etag);
    expect(after.text).to.include('Fresh news');
    const page = await fast().get('/r/drill?lang=en').expect(200);
    expect(page.text).to.include('Fresh news');
  });

  it('chooses the page language from the cookie, then Accept-Language', async () => {
    const byCookie = await fast().get('/r/drill').set('Cookie', 'lang=en').set('Accept-Language', 'fr').expect(200);
    expect(byCookie.text).to.include('<html lang="en">');
    const byHeader = await fast().get('/r/drill').set('Accept-Language', 'en-GB,en;q=0.9').expect(200);
    expect(byHeader.text).to.include('<html lang="en">');
    expect(byHeader.headers['set-cookie']).to.equal(undefined);
  });

  it('counts in the public rate budget, leaving the refusal to express', async () => {
    await app.close();
    app = await createTestApp({ publicRateLimit: 2 }, { defaultRun: false });
    app.runs.create({ scenario: loadValid(), mode: 'replay', id: 'drill' });
    url = await listen(app);
    await fast().get('/r/drill').expect(200);
    await fast().get('/r/drill/api/v2/summary.json').expect(200);
    const refused = await fast().get('/r/drill').expect(429);
    expect(refused.text).to.include('too many requests from this address');
  });

  it('leaves every other request to express: unknown runs, other queries, other methods', async () => {
    await fast().get('/r/nothing').expect(404);
    const subscribed = await fast().get('/r/drill?subscribed=1').expect(200);
    expect(subscribed.headers.etag).to.match(/^W\//);
    await fast().post('/r/drill').expect(404);
    expect(targetOf('/r/drill')).to.deep.equal({ kind: 'page', run: 'drill', lang: undefined });
    expect(targetOf('/r/drill?lang=en')).to.deep.equal({ kind: 'page', run: 'drill', lang: 'en' });
    expect(targetOf('/r/drill/api/v2/summary.json?lang=fr')).to.deep.equal({
      kind: 'summary',
      run: 'drill',
      lang: 'fr',
    });
    for (const url of [
      '/r/drill?lang=de',
      '/r/drill?lang=en&x=1',
      '/r/Drill',
      '/r/drill/',
      '/r/drill/report',
      '/r/%64rill',
    ])
      expect(targetOf(url), url).to.equal(undefined);
  });
});
