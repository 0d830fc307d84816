import { expect } from 'chai';
import request from 'supertest';
import { createTestApp } from '../support/test-app.js';
import { tempDir } from '../support/temp-dir.js';
import { BROKEN_FIXTURE_YAML, FIXTURE_YAML } from '../support/scenario-fixture.js';
import type { App } from '../../server/app.js';

describe('the scenario list page', () => {
  let app: App;
  let cleanup: () => Promise<void>;

  beforeEach(async () => {
    let dir: string;
    ({ dir, cleanup } = await tempDir({
      'fixture.yaml': FIXTURE_YAML,
      'broken.yaml': BROKEN_FIXTURE_YAML,
      'not-yaml.yaml': 'schema: [',
    }));
    app = await createTestApp({ scenariosDir: dir });
  });
  afterEach(async () => {
    await app.close();
    await cleanup();
  });

  it('lists the valid scenarios with their period and size', async () => {
    const res = await request(app.httpServer).get('/scenarios?lang=en').expect(200).expect('Content-Type', /html/);
    expect(res.text).to.include('<h2 class="card-title">Test</h2>');
    expect(res.text).to.include('22 December 2025');
    expect(res.text).to.match(/<dt>Channels<\/dt><dd>3<\/dd>/);
  });

  it('lists the default scenario first, marked as such, and names entry kinds in the page language', async () => {
    const { dir, cleanup: done } = await tempDir({
      'aaa.yaml': FIXTURE_YAML.replace('id: fixture', 'id: aaa').replace(
        'title: { fr: Essai, en: Test }',
        'title: { fr: Premier, en: First }',
      ),
      'fixture.yaml': FIXTURE_YAML,
    });
    const other = await createTestApp({ scenariosDir: dir, defaultScenario: 'fixture' });
    try {
      const res = await request(other.httpServer).get('/scenarios').expect(200);
      expect(res.text.indexOf('card-title">Essai')).to.be.lessThan(res.text.indexOf('card-title">Premier'));
      expect(res.text).to.match(
        /card card-default">\s*<p class="badge">Scénario par défaut<\/p>\s*<h2 class="card-title">Essai/,
      );
      expect(res.text).to.include('2 état réel · 2 communication · 1 stimulus · 1 question · 1 attendu');
    } finally {
      await other.close();
      await done();
    }
  });

  it('names the skipped files without serving them', async () => {
    const res = await request(app.httpServer).get('/scenarios?lang=en').expect(200);
    expect(res.text).to.include('<code>broken.yaml</code>: 1 problem(s)');
    expect(res.text).to.include('<code>not-yaml.yaml</code>');
    expect(res.text).to.not.include('card-title">broken');
  });

  it('speaks French by default and English when asked, by query or by Accept-Language', async () => {
    const fr = await request(app.httpServer).get('/scenarios').expect(200);
    expect(fr.text).to.include('<html lang="fr">');
    expect(fr.text).to.include('<h2 class="card-title">Essai</h2>');
    const en = await request(app.httpServer).get('/scenarios').set('Accept-Language', 'en-GB,en;q=0.9').expect(200);
    expect(en.text).to.include('<html lang="en">');
    const cookie = await request(app.httpServer).get('/scenarios').set('Cookie', 'lang=en').expect(200);
    expect(cookie.text).to.include('<html lang="en">');
  });

  it('escapes scenario texts', async () => {
    const { dir, cleanup: done } = await tempDir({
      'fixture.yaml': FIXTURE_YAML.replace(
        'title: { fr: Essai, en: Test }',
        'title: { fr: "<script>alert(1)</script>", en: Test }',
      ),
    });
    const other = await createTestApp({ scenariosDir: dir });
    try {
      const res = await request(other.httpServer).get('/scenarios').expect(200);
      expect(res.text).to.include('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(res.text).to.not.include('<script>alert');
    } finally {
      await other.close();
      await done();
    }
  });

  it('sets security headers and forbids indexing', async () => {
    const res = await request(app.httpServer).get('/scenarios').expect(200);
    expect(res.headers['content-security-policy']).to.include("script-src 'self'");
    expect(res.headers['content-security-policy']).to.include("frame-ancestors 'none'");
    expect(res.headers['content-security-policy']).to.not.include('upgrade-insecure-requests');
    expect(res.headers['x-content-type-options']).to.equal('nosniff');
    expect(res.headers['x-robots-tag']).to.equal('noindex, nofollow');
    expect(res.headers['x-powered-by']).to.equal(undefined);
    expect(res.text).to.include('<meta name="robots" content="noindex, nofollow">');
  });

  it('serves the stylesheet', async () => {
    await request(app.httpServer).get('/public/css/site.css').expect(200).expect('Content-Type', /css/);
  });

  it('answers an unknown page with a 404 page, and an unknown API path with JSON', async () => {
    const page = await request(app.httpServer).get('/nowhere?lang=en').expect(404).expect('Content-Type', /html/);
    expect(page.text).to.include('404 · Page not found');
    const api = await request(app.httpServer).get('/api/nowhere').expect(404).expect('Content-Type', /json/);
    expect(api.body).to.deep.equal({ error: { code: 'not_found', message: 'no page at /api/nowhere' } });
  });

  it('reports its health with the number of scenarios served', async () => {
    const res = await request(app.httpServer).get('/healthz').expect(200);
    expect(res.body).to.deep.equal({ ok: true, scenarios: 1 });
  });
});
