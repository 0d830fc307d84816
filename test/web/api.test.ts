import { expect } from 'chai';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { XMLValidator } from 'fast-xml-parser';
import type { Run } from '../../server/replay/run.js';
import type { SpSummary } from '../../server/status/statuspage.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { FACILITATOR } from '../support/runs.js';
import { AT, apiScenario, ENVELOPES } from '../support/api-fixture.js';

/** A JSON answer's body, typed as the fullest document (tests only read fields it has). */
const summary = (res: { body: unknown }): SpSummary => res.body as SpSummary;
/** A strong ETag: run, version, language, a hash of the body, and the content coding when compressed. */
const ETAG = /^"drill-\d+-(fr|en)-[0-9a-f]{16}(-gzip|-br)?"$/;

describe('the Statuspage v2 API and feeds over HTTP', () => {
  let app: TestApp;
  let run: Run;
  let origin: string;
  const get = (path: string) => request(origin).get(path);

  beforeEach(async () => {
    app = await createTestApp();
    // One listening server for the whole test: the Host header, and so every link, stays the same.
    await new Promise<void>((done) => app.httpServer.listen(0, '127.0.0.1', done));
    origin = `http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}`;
    // Not playing: the story stands still at the identified stage until a test moves it.
    run = app.runs.create({ scenario: apiScenario(), id: 'drill', speed: 1, startAtMs: AT.identified });
  });
  afterEach(async () => {
    await app.close();
  });

  const endpoints = ENVELOPES;
  endpoints.forEach(({ name, expected }) => {
    it(`serves ${name} of a run as JSON`, async () => {
      const res = await get(`/r/drill/api/v2/${name}`)
        .expect(200)
        .expect('Content-Type', 'application/json; charset=utf-8');
      expect(Object.keys(res.body as object)).to.deep.equal(expected);
    });
  });

  it('links the page to the run under the request host', async () => {
    const res = await get('/r/drill/api/v2/status.json').expect(200);
    expect(summary(res).page.url).to.match(/^http:\/\/127\.0\.0\.1:\d+\/r\/drill$/);
    expect(summary(res).status).to.deep.equal({ indicator: 'major', description: 'Partial System Outage' });
  });

  it('links under localhost when the Host header is not a plain host and port', async () => {
    const res = await get('/r/drill/api/v2/status.json').set('Host', 'evil_host@example.test').expect(200);
    expect(summary(res).page.url).to.equal('http://localhost/r/drill');
  });

  it('links under PUBLIC_URL when it is set, whatever the Host header', async () => {
    const other = await createTestApp({ publicUrl: 'https://status.example.org' }, { defaultRun: false });
    try {
      other.runs.create({ scenario: apiScenario(), id: 'drill', startAtMs: AT.identified });
      const res = await request(other.httpServer).get('/r/drill/history.rss').set('Host', 'elsewhere.test');
      expect(res.text).to.include('<link>https://status.example.org/r/drill</link>');
    } finally {
      await other.close();
    }
  });

  it('lets any origin read the answers, and may be cached for five seconds', async () => {
    const res = await get('/r/drill/api/v2/summary.json').set('Origin', 'https://widget.test').expect(200);
    expect(res.headers['access-control-allow-origin']).to.equal('*');
    expect(res.headers['access-control-expose-headers']).to.equal('ETag');
    expect(res.headers['cache-control']).to.equal('public, max-age=5');
    expect(res.headers.etag).to.match(ETAG);
  });

  it('answers a CORS preflight with 204, allowing GET', async () => {
    const res = await request(origin)
      .options('/r/drill/api/v2/summary.json')
      .set('Origin', 'https://widget.test')
      .set('Access-Control-Request-Method', 'GET')
      .expect(204);
    expect(res.headers['access-control-allow-origin']).to.equal('*');
    expect(res.headers['access-control-allow-methods']).to.equal('GET');
  });

  it('answers 304 without a body when If-None-Match names the current ETag', async () => {
    const first = await get('/r/drill/api/v2/summary.json').expect(200);
    const etag = String(first.headers.etag);
    const again = await get('/r/drill/api/v2/summary.json').set('If-None-Match', etag).expect(304);
    expect(again.text).to.equal('');
    expect(again.headers.etag).to.equal(etag);
    expect(again.headers['access-control-allow-origin']).to.equal('*');
  });

  it('keeps the ETag while the version stands and changes it when the version moves', async () => {
    const first = await get('/r/drill/api/v2/summary.json').expect(200);
    const same = await get('/r/drill/api/v2/summary.json').expect(200);
    expect(same.headers.etag).to.equal(first.headers.etag);
    expect(same.text).to.equal(first.text);
    const version = run.version;
    run.seek(AT.cashOpened, FACILITATOR);
    expect(run.version).to.be.greaterThan(version);
    const moved = await get('/r/drill/api/v2/summary.json')
      .set('If-None-Match', String(first.headers.etag))
      .expect(200);
    expect(moved.headers.etag).to.match(ETAG).and.not.equal(first.headers.etag);
    expect(summary(moved).incidents).to.have.length(2);
  });

  const languages = [
    { name: 'the scenario’s first language by default', query: '', header: {}, expected: 'Banque <Essai> & Cie' },
    { name: 'English with ?lang=en', query: '?lang=en', header: {}, expected: 'Bank <Test> & Co' },
    {
      name: 'the first language for a language it does not have',
      query: '?lang=de',
      header: {},
      expected: 'Banque <Essai> & Cie',
    },
    {
      name: 'the first language despite Accept-Language',
      query: '',
      header: { 'Accept-Language': 'en' },
      expected: 'Banque <Essai> & Cie',
    },
  ];
  languages.forEach(({ name, query, header, expected }) => {
    it(`speaks ${name}`, async () => {
      const res = await get(`/r/drill/api/v2/status.json${query}`).set(header).expect(200);
      expect(summary(res).page.name).to.equal(expected);
      expect(res.headers.etag).to.include(expected.startsWith('Bank') ? '-en-' : '-fr-');
    });
  });

  it('serves the default run at /api/v2/ and the root feeds', async () => {
    const api = await get('/api/v2/status.json').expect(200);
    expect(summary(api).page.url).to.match(/\/r\/la-poste-ddos-2025-12-22$/);
    const atom = await get('/history.atom').expect(200).expect('Content-Type', 'application/atom+xml; charset=utf-8');
    expect(atom.text).to.include('/r/la-poste-ddos-2025-12-22/history.atom');
    expect(atom.headers['access-control-allow-origin']).to.equal('*');
  });

  it('answers 404 in JSON at the root paths when no default run is served', async () => {
    const other = await createTestApp({}, { defaultRun: false });
    try {
      const res = await request(other.httpServer)
        .get('/api/v2/summary.json')
        .expect(404)
        .expect('Content-Type', /json/);
      expect((res.body as { error: { code: string } }).error.code).to.equal('not_found');
      await request(other.httpServer).get('/history.rss').expect(404);
    } finally {
      await other.close();
    }
  });

  const missing = [
    { name: 'an unknown run', path: '/r/nope/api/v2/summary.json', message: 'no run "nope"' },
    {
      name: 'an unknown endpoint of a run',
      path: '/r/drill/api/v2/nothing.json',
      message: 'no API endpoint "nothing.json"',
    },
    { name: 'an endpoint without .json', path: '/r/drill/api/v2/incidents', message: 'no API endpoint "incidents"' },
    {
      name: 'an unknown endpoint of the default run',
      path: '/api/v2/pages.json',
      message: 'no API endpoint "pages.json"',
    },
  ];
  missing.forEach(({ name, path, message }) => {
    it(`answers ${name} with a JSON 404`, async () => {
      const res = await get(path).expect(404).expect('Content-Type', /json/);
      expect(res.body).to.deep.equal({ error: { code: 'not_found', message } });
    });
  });

  it('answers the feeds of an unknown run with a 404', async () => {
    await get('/r/nope/history.atom').expect(404);
  });

  const feeds = [
    { name: 'history.atom', type: 'application/atom+xml; charset=utf-8', root: '<feed' },
    { name: 'history.rss', type: 'application/rss+xml; charset=utf-8', root: '<rss' },
  ];
  feeds.forEach(({ name, type, root }) => {
    it(`serves ${name} of a run as valid XML, revalidated by ETag`, async () => {
      const res = await get(`/r/drill/${name}?lang=en`).expect(200).expect('Content-Type', type);
      expect(XMLValidator.validate(res.text)).to.equal(true);
      expect(res.text).to.include(root).and.include('Website down');
      expect(res.headers.etag).to.match(ETAG).and.include('-en-');
      await get(`/r/drill/${name}?lang=en`).set('If-None-Match', String(res.headers.etag)).expect(304);
    });
  });
});
