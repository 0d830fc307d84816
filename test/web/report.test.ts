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
