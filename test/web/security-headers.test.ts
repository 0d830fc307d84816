/**
 * Every HTML surface carries a strict Content-Security-Policy and the other security headers,
 * and no template or rendered page holds inline script, inline style or event attributes that
 * such a policy would have to allow.
 */
import { expect } from 'chai';
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import request from 'supertest';
import { PROJECT_ROOT } from '../../server/config.js';
import { FACILITATOR_AUTH, facilitatorSession, responderSession, type TestSession } from '../support/control.js';
import { FACILITATOR, RESPONDER } from '../support/runs.js';
import { loadValid } from '../support/scenario-fixture.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** Markup a strict policy would block or that could run script: each with what it is. */
const INLINE_PATTERNS: Array<{ what: string; pattern: RegExp }> = [
  { what: 'an inline <script> without src', pattern: /<script(?![^>]*\bsrc=)[^>]*>/i },
  { what: 'a style= attribute', pattern: /\sstyle\s*=/i },
  { what: 'a <style> block', pattern: /<style[\s>]/i },
  { what: 'an on*= event attribute', pattern: /<[^>]+\son[a-z]+\s*=/i },
  { what: 'a javascript: URL', pattern: /(?:href|src|action)\s*=\s*["']?\s*javascript:/i },
];

/** Problems `html` has, as "what" strings. */
function inlineProblems(html: string): string[] {
  return INLINE_PATTERNS.filter(({ pattern }) => pattern.test(html)).map(({ what }) => what);
}

/** The directives of a CSP header, by name. */
function directives(header: string): Map<string, string[]> {
  return new Map(
    header
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0] !== '')
      .map(([name, ...values]) => [name!, values]),
  );
}

describe('security headers and inline-free pages', () => {
  let app: TestApp;
  let facilitator: TestSession;
  let responder: TestSession & { code: string };
  let share: string;
  /** Every HTML surface: a name, a path and the headers to ask with. */
  let surfaces: Array<{ name: string; path: string; headers: Record<string, string>; status: number }>;

  before(async () => {
    app = await createTestApp({}, { defaultRun: false });
    const scenario = loadValid();
    const run = app.runs.create({ scenario, mode: 'exercise', id: 'drill' });
    // With two runs listed, `/` shows the runs list instead of redirecting to the only one.
    app.runs.create({ scenario, mode: 'replay', id: 'second' });
    run.seek(90 * 60_000, FACILITATOR);
    run.act(
      {
        type: 'publish',
        update: {
          incident: 'x',
          status: 'investigating',
          impact: 'major',
          title: { en: 'Out' },
          body: { en: 'On it.' },
        },
      },
      RESPONDER,
    );
    facilitator = await facilitatorSession(app);
    responder = await responderSession(app, 'drill');
    await request(app.app).post('/api/runs/drill/notes').set(FACILITATOR_AUTH).send({ text: 'A note' }).expect(201);
    const made = await request(app.app).post('/api/runs/drill/shares').set(FACILITATOR_AUTH).send({}).expect(201);
    share = (made.body as { link: string }).link.replace(/^.*\/share\//, '');
    const asFacilitator = { Cookie: facilitator.cookie };
    surfaces = [
      { name: 'the status page in French', path: '/r/drill?lang=fr', headers: {}, status: 200 },
      { name: 'the status page in English', path: '/r/drill?lang=en', headers: {}, status: 200 },
      { name: 'the runs list', path: '/', headers: {}, status: 200 },
      { name: 'the scenario library', path: '/scenarios', headers: {}, status: 200 },
      { name: 'the console', path: '/console', headers: asFacilitator, status: 200 },
      { name: 'the desk', path: '/desk/drill', headers: { Cookie: responder.cookie }, status: 200 },
      { name: "the facilitator's report", path: '/r/drill/report', headers: asFacilitator, status: 200 },
      { name: 'a shared report', path: `/share/${share}`, headers: {}, status: 200 },
      { name: 'the sign-in page', path: '/login', headers: {}, status: 200 },
      { name: 'the join page', path: '/join', headers: {}, status: 200 },
      { name: 'the join page with a code', path: `/join/${responder.code}`, headers: {}, status: 200 },
      { name: 'the 404 page', path: '/nowhere', headers: {}, status: 404 },
      { name: 'the 404 page of an unknown run', path: '/r/nothing', headers: {}, status: 404 },
      { name: 'the 404 page of a revoked share', path: '/share/not-a-token', headers: {}, status: 404 },
    ];
  });
  after(async () => {
    await app.close();
  });

  it('serves every HTML surface with a strict policy: self only, no inline, no eval, no wildcard', async () => {
    for (const s of surfaces) {
      const res = await request(app.app).get(s.path).set(s.headers);
      expect(res.status, s.name).to.equal(s.status);
      expect(res.type, s.name).to.equal('text/html');
      const csp = res.headers['content-security-policy'];
      expect(csp, s.name).to.be.a('string');
      expect(csp, s.name).to.not.match(/'unsafe-inline'|'unsafe-eval'|'unsafe-hashes'|\*|'strict-dynamic'/);
      const d = directives(csp!);
      expect(d.get('default-src'), s.name).to.deep.equal(["'self'"]);
      expect(d.get('script-src'), s.name).to.deep.equal(["'self'"]);
      expect(d.get('script-src-attr'), s.name).to.deep.equal(["'none'"]);
      expect(d.get('style-src'), s.name).to.deep.equal(["'self'"]);
      expect(d.get('style-src-attr'), s.name).to.deep.equal(["'none'"]);
      expect(d.get('object-src'), s.name).to.deep.equal(["'none'"]);
      expect(d.get('base-uri'), s.name).to.deep.equal(["'self'"]);
      expect(d.get('form-action'), s.name).to.deep.equal(["'self'"]);
      expect(d.get('frame-ancestors'), s.name).to.deep.equal(["'none'"]);
      expect(d.get('frame-src'), s.name).to.deep.equal(["'none'"]);
    }
  });

  it('sends the other security headers on every HTML surface', async () => {
    for (const s of surfaces) {
      const res = await request(app.app).get(s.path).set(s.headers);
      const h = res.headers;
      expect(h['x-content-type-options'], s.name).to.equal('nosniff');
      expect(h['x-frame-options'], s.name).to.equal('DENY');
      expect(h['referrer-policy'], s.name).to.be.oneOf(['same-origin', 'no-referrer']);
      expect(h['cross-origin-opener-policy'], s.name).to.equal('same-origin');
      expect(h['cross-origin-resource-policy'], s.name).to.equal('same-origin');
      expect(h['x-robots-tag'], s.name).to.equal('noindex, nofollow');
      expect(h['x-powered-by'], s.name).to.equal(undefined);
      expect(h['permissions-policy'], s.name).to.be.a('string');
      for (const feature of ['camera', 'microphone', 'geolocation', 'payment', 'usb', 'interest-cohort'])
        expect(h['permissions-policy'], `${s.name}: ${feature}`).to.include(`${feature}=()`);
    }
  });

  it('renders no surface with inline script, inline style, event attributes or javascript: URLs', async () => {
    for (const s of surfaces) {
      const res = await request(app.app).get(s.path).set(s.headers);
      expect(inlineProblems(res.text), s.name).to.deep.equal([]);
    }
  });

  it('keeps the report chart free of inline styles', async () => {
    const res = await request(app.app).get('/r/drill/report').set(FACILITATOR_AUTH).expect(200);
    const svg = /<svg[\s\S]*?<\/svg>/.exec(res.text.slice(res.text.indexOf('class="timeline"') - 60))?.[0];
    expect(svg).to.be.a('string').and.include('tl-lane');
    expect(inlineProblems(svg!)).to.deep.equal([]);
  });

  it('has no template with inline script, inline style or event attributes', async () => {
    const dir = resolve(PROJECT_ROOT, 'views');
    const files = [
      ...(await readdir(dir)).filter((f) => f.endsWith('.ejs')),
      ...(await readdir(join(dir, 'partials'))).map((f) => join('partials', f)),
    ];
    expect(files.length).to.be.greaterThan(8);
    for (const file of files) {
      const text = await readFile(join(dir, file), 'utf8');
      expect(inlineProblems(text), file).to.deep.equal([]);
    }
  });

  it('finds each kind of inline markup it looks for (the scan itself can fail)', () => {
    const cases = [
      '<script>alert(1)</script>',
      '<p style="color:red">',
      '<style>p{}</style>',
      '<img src=x onerror=alert(1)>',
      '<a href="javascript:alert(1)">',
    ];
    cases.forEach((html, i) => expect(inlineProblems(html), html).to.deep.equal([INLINE_PATTERNS[i]!.what]));
    expect(inlineProblems('<script src="/public/js/status.js" type="module"></script>')).to.deep.equal([]);
  });
});
