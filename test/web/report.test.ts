/** The after-action report over HTTP: facilitator only, as a page and as Markdown, JSON and CSV downloads. */
import { expect } from 'chai';
import request from 'supertest';
import { FACILITATOR, RESPONDER } from '../support/runs.js';
import { loadValid } from '../support/scenario-fixture.js';
import { ADMIN_TOKEN, createTestApp, type TestApp } from '../support/test-app.js';

const ADMIN = `Bearer ${ADMIN_TOKEN}`;
const EXPORTS = [
  { ext: 'md', type: 'text/markdown', starts: '# After-action report' },
  { ext: 'json', type: 'application/json', starts: '{' },
  { ext: 'csv', type: 'text/csv', starts: 'channel,from,to,actual,published' },
];

describe('the after-action report routes', () => {
  let app: TestApp;

  beforeEach(async () => {
    app = await createTestApp({}, { defaultRun: false });
    const scenario = loadValid();
    const run = app.runs.create({ scenario, mode: 'exercise', id: 'drill' });
    run.seek(90 * 60_000, FACILITATOR);
    run.act(
      {
        type: 'publish',
        update: {
          incident: 'x',
          status: 'investigating',
          impact: 'major',
          title: { en: 'Outage' },
          body: { en: 'On it.' },
        },
      },
      RESPONDER,
    );
    run.seek(scenario.durationMs, FACILITATOR);
  });
  afterEach(async () => {
    await app.close();
  });

  it('sends a browser without a facilitator session to sign in', async () => {
    const res = await request(app.app).get('/r/drill/report');
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.equal('/login');
  });

  EXPORTS.forEach(({ ext }) => {
    it(`answers 401 to a ${ext} export without a facilitator`, async () => {
      const res = await request(app.app).get(`/r/drill/report.${ext}`);
      expect(res.status).to.equal(401);
    });
  });

  it('shows the report page to the facilitator, with the chart, metrics and EXERCISE marking', async () => {
    const res = await request(app.app).get('/r/drill/report?lang=en').set('Authorization', ADMIN);
    expect(res.status).to.equal(200);
    expect(res.type).to.equal('text/html');
    expect(res.text).to.include('<svg').and.include('role="img"');
    expect(res.text).to.include('EXERCISE');
    expect(res.text).to.include('data-metric="time-to-first-update"');
    expect(res.text).not.to.match(/style="/);
  });

  it('answers 404 for a run that does not exist', async () => {
    const res = await request(app.app).get('/r/nope/report').set('Authorization', ADMIN);
    expect(res.status).to.equal(404);
  });

  EXPORTS.forEach(({ ext, type, starts }) => {
    it(`downloads the ${ext} export as an attachment of type ${type}`, async () => {
      const res = await request(app.app).get(`/r/drill/report.${ext}?lang=en`).set('Authorization', ADMIN);
      expect(res.status).to.equal(200);
      expect(res.type).to.equal(type);
      expect(res.headers['content-disposition']).to.equal(`attachment; filename=statusdrill-report-drill.${ext}`);
      expect(res.text.startsWith(starts)).to.equal(true);
    });
  });
});

describe('notes and share links of a report', () => {
  let app: TestApp;
  const api = (method: 'get' | 'post' | 'delete', path: string) =>
    request(app.app)[method](`/api/runs/drill${path}`).set('Authorization', ADMIN);

  beforeEach(async () => {
    app = await createTestApp({}, { defaultRun: false });
    const run = app.runs.create({ scenario: loadValid(), mode: 'exercise', id: 'drill' });
    run.seek(3 * 3_600_000, FACILITATOR);
  });
  afterEach(async () => {
    await app.close();
  });

  it('pins a note where the story stands, or at a story time given, and shows it in the page and exports', async () => {
    const here = await api('post', '/notes').send({ text: 'Nobody <b>owned</b> the first update' });
    expect(here.status, here.text).to.equal(201);
    expect(here.body).to.include({ offsetMs: 3 * 3_600_000, author: 'Facilitator' });
    const earlier = await api('post', '/notes').send({ text: 'Alert came in', at: '+1h' });
    expect(earlier.body).to.include({ offsetMs: 3_600_000 });

    const page = await request(app.app).get('/r/drill/report?lang=en').set('Authorization', ADMIN);
    expect(page.text).to.include('Nobody &lt;b&gt;owned&lt;/b&gt; the first update');
    expect(page.text.indexOf('Alert came in')).to.be.lessThan(page.text.indexOf('Nobody &lt;b&gt;'));
    expect(page.text).to.include('class="tl-mark tl-note"');
    const json = await request(app.app).get('/r/drill/report.json').set('Authorization', ADMIN);
    expect((JSON.parse(json.text) as { notes: Array<{ text: string }> }).notes.map((n) => n.text)).to.deep.equal([
      'Alert came in',
      'Nobody <b>owned</b> the first update',
    ]);
    const md = await request(app.app).get('/r/drill/report.md?lang=en').set('Authorization', ADMIN);
    expect(md.text).to.include('## Facilitator notes').and.include('Alert came in');
  });

  it('refuses a note that is empty, too long or pinned outside the story, saying which', async () => {
    const cases = [
      { body: { text: '   ' }, says: /text: must not be empty/ },
      { body: { text: 'x'.repeat(2_001) }, says: /text: at most 2000/ },
      { body: { text: 'x', at: 'yesterday' }, says: /neither a date-time/ },
      { body: { text: 'x', at: '+30d' }, says: /outside the scenario/ },
    ];
    for (const { body, says } of cases) {
      const res = await api('post', '/notes').send(body);
      expect(res.status, JSON.stringify(body)).to.equal(400);
      expect((res.body as { error: { message: string } }).error.message).to.match(says);
    }
    expect((await api('get', '/notes')).body).to.deep.equal([]);
  });

  it('removes a note', async () => {
    const note = (await api('post', '/notes').send({ text: 'x' })).body as { id: string };
    expect((await api('delete', `/notes/${note.id}`)).status).to.equal(200);
    expect((await api('get', '/notes')).body).to.deep.equal([]);
    expect((await api('delete', `/notes/${note.id}`)).status).to.equal(404);
  });

  it('opens the report read-only through a share link, without a session, until it is revoked', async () => {
    const created = await api('post', '/shares').send({ label: 'Management' });
    expect(created.status, created.text).to.equal(201);
    const { token, link, id } = created.body as { token: string; link: string; id: string };
    expect(link).to.equal(`/share/${token}`);

    const page = await request(app.app).get(`${link}?lang=en`);
    expect(page.status).to.equal(200);
    expect(page.headers['referrer-policy']).to.equal('no-referrer');
    expect(page.headers['cache-control']).to.equal('no-store');
    expect(page.text).to.include('After-action report').and.include('Read-only copy');
    expect(page.text).not.to.include('csrf-token').and.not.to.include('note-form').and.not.to.include('share-form');
    expect(page.text).to.include(`href="/share/${token}/report.csv?lang=en"`);
    const csv = await request(app.app).get(`/share/${token}/report.csv`);
    expect([csv.status, csv.type]).to.deep.equal([200, 'text/csv']);

    const listed = (await api('get', '/shares')).body as Array<Record<string, unknown>>;
    expect(listed).to.have.length(1);
    expect(JSON.stringify(listed)).not.to.include(token);
    expect((await api('delete', `/shares/${id}`)).status).to.equal(200);
    const gone = await request(app.app).get(`${link}?lang=en`);
    expect(gone.status).to.equal(404);
    expect(gone.text).to.include('This share link is not valid, or it was revoked.');
    expect((await request(app.app).get(`/share/${token}/report.json`)).status).to.equal(404);
  });

  it('answers 404 to a token that was never a share link', async () => {
    expect((await request(app.app).get('/share/not-a-token')).status).to.equal(404);
  });

  it('keeps the report of an ended run, with its notes and its share links, and lists the run as ended', async () => {
    await api('post', '/notes').send({ text: 'Debrief: slow start' });
    const { token } = (await api('post', '/shares').send({})).body as { token: string };
    expect((await request(app.app).delete('/api/runs/drill').set('Authorization', ADMIN)).status).to.equal(200);

    const page = await request(app.app).get('/r/drill/report?lang=en').set('Authorization', ADMIN);
    expect(page.status).to.equal(200);
    expect(page.text).to.include('Debrief: slow start');
    expect((await request(app.app).get(`/share/${token}`)).status).to.equal(200);
    const added = await api('post', '/notes').send({ text: 'Added after the run' });
    expect(added.status, added.text).to.equal(201);
    const ended = (await request(app.app).get('/api/ended-runs').set('Authorization', ADMIN)).body as Array<{
      id: string;
      report: string;
    }>;
    expect(ended.map((e) => [e.id, e.report])).to.deep.equal([['drill', '/r/drill/report']]);
    expect((await request(app.app).get('/r/drill').set('Authorization', ADMIN)).status).to.equal(404);
  });
});
