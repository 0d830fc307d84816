/** The JSON control API: what each operation does, and the clear 4xx it answers to bad input. */
import { expect } from 'chai';
import request from 'supertest';
import type { ConsoleView, RunSummary } from '../../server/control/views.js';
import type { ScheduleView } from '../../server/runs/schedules.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { FACILITATOR_AUTH, responderSession } from '../support/control.js';

const LA_POSTE = 'la-poste-ddos-2025-12-22';

describe('the control API', () => {
  let app: TestApp;
  const api = () => request(app.app);

  beforeEach(async () => {
    app = await createTestApp({}, { defaultRun: false });
  });
  afterEach(async () => {
    await app.close();
  });

  const createRun = async (body: Record<string, unknown> = {}): Promise<string> => {
    const res = await api()
      .post('/api/runs')
      .set(FACILITATOR_AUTH)
      .send({ scenario: LA_POSTE, mode: 'exercise', play: false, ...body })
      .expect(201);
    return (res.body as { run: RunSummary }).run.id;
  };

  it('lists the library with the problems of broken files', async () => {
    const res = await api().get('/api/scenarios').set(FACILITATOR_AUTH).expect(200);
    const items = res.body as Array<{ id: string; ok: boolean }>;
    expect(items.find((i) => i.id === LA_POSTE)).to.include({ ok: true });
  });

  it('starts a run paused at its first entry, with the settings asked for', async () => {
    const run = await createRun({ speed: 120, visibility: 'unlisted' });
    const view = (await api().get(`/api/runs/${run}`).set(FACILITATOR_AUTH).expect(200)).body as ConsoleView;
    expect(view.summary).to.deep.include({ mode: 'exercise', visibility: 'unlisted' });
    expect(view.summary.clock).to.include({ speed: 120, playing: false });
    expect(view.timeline.length).to.equal(app.runs.require(run).scenario.entries.length);
  });

  [
    { name: 'an unknown scenario', body: { scenario: 'nope' }, status: 404, message: /no scenario "nope"/ },
    { name: 'a speed out of range', body: { speed: 0 }, status: 400, message: /speed: at least 0\.1/ },
    { name: 'an unknown field', body: { colour: 'red' }, status: 400, message: /unknown field\(s\) colour/ },
    {
      name: 'a story time outside the scenario',
      body: { from: '2030-01-01T00:00+01:00' },
      status: 400,
      message: /outside the scenario/,
    },
    {
      name: 'a six-field cron',
      body: { start: { kind: 'cron', cron: '* * * * * *', timeZone: 'UTC' } },
      status: 400,
      message: /five fields/,
    },
    {
      name: 'an unknown time zone',
      body: { start: { kind: 'cron', cron: '0 9 * * 1', timeZone: 'Europe/Pariss' } },
      status: 400,
      message: /time zone/,
    },
    {
      name: 'a date-time in the past',
      body: { start: { kind: 'at', at: '2020-01-01T09:00:00+01:00' } },
      status: 400,
      message: /future/,
    },
  ].forEach(({ name, body, status, message }) => {
    it(`refuses to create a run with ${name}`, async () => {
      const res = await api()
        .post('/api/runs')
        .set(FACILITATOR_AUTH)
        .send({ scenario: LA_POSTE, ...body });
      expect(res.status, res.text).to.equal(status);
      expect((res.body as { error: { message: string } }).error.message).to.match(message);
      expect(app.runs.list()).to.have.length(0);
    });
  });

  it('refuses a body that is not a JSON object', async () => {
    const res = await api().post('/api/runs').set(FACILITATOR_AUTH).set('Content-Type', 'application/json').send('[1]');
    expect(res.status).to.equal(400);
  });

  it('schedules a run on a cron expression in a time zone, lists it with its next fire time, and removes it', async () => {
    const res = await api()
      .post('/api/runs')
      .set(FACILITATOR_AUTH)
      .send({ scenario: 'tutorial', start: { kind: 'cron', cron: '0 9 * * 1', timeZone: 'Europe/Paris' } })
      .expect(201);
    const schedule = (res.body as { scheduled: ScheduleView }).scheduled;
    expect(schedule).to.include({ kind: 'cron', cron: '0 9 * * 1', timeZone: 'Europe/Paris', scenario: 'tutorial' });
    const next = new Date(schedule.nextRunAt!);
    expect(next.getUTCDay()).to.equal(1);
    expect([7, 8]).to.include(next.getUTCHours());
    const listed = (await api().get('/api/schedules').set(FACILITATOR_AUTH).expect(200)).body as ScheduleView[];
    expect(listed.map((s) => s.id)).to.deep.equal([schedule.id]);
    await api().delete(`/api/schedules/${schedule.id}`).set(FACILITATOR_AUTH).expect(200);
    expect((await api().get('/api/schedules').set(FACILITATOR_AUTH)).body).to.deep.equal([]);
  });

  it('starts a run at a date-time, carrying over the approval setting', async () => {
    const at = new Date(Date.now() + 300).toISOString();
    await api()
      .post('/api/runs')
      .set(FACILITATOR_AUTH)
      .send({ scenario: 'tutorial', mode: 'exercise', requireApproval: true, start: { kind: 'at', at } })
      .expect(201);
    expect(app.runs.list()).to.have.length(0);
    await new Promise((done) => setTimeout(done, 700));
    const [started] = app.runs.list();
    expect(started?.scenario.id).to.equal('tutorial');
    expect(app.control.drafts.requiresApproval(started!.id)).to.equal(true);
  });

  it('drives the clock and answers 400 to a control without what it needs', async () => {
    const run = await createRun();
    await api().post(`/api/runs/${run}/control`).set(FACILITATOR_AUTH).send({ control: 'seek', to: '+1h' }).expect(200);
    expect(app.runs.require(run).clock.offset()).to.equal(3_600_000);
    const res = await api().post(`/api/runs/${run}/control`).set(FACILITATOR_AUTH).send({ control: 'speed' });
    expect(res.status).to.equal(400);
    expect((res.body as { error: { message: string } }).error.message).to.match(/speed: required/);
  });

  it('records an ad-hoc action in the log and refuses one the run cannot take', async () => {
    const run = await createRun();
    await api()
      .post(`/api/runs/${run}/actions`)
      .set(FACILITATOR_AUTH)
      .send({ action: { type: 'set-actual', channel: 'lbp-web', status: 'major_outage' } })
      .expect(201);
    const bad = await api()
      .post(`/api/runs/${run}/actions`)
      .set(FACILITATOR_AUTH)
      .send({ action: { type: 'set-actual', channel: 'lbp-wbe', status: 'major_outage' } });
    expect(bad.status).to.equal(400);
    expect((bad.body as { error: { message: string } }).error.message).to.match(/did you mean "lbp-web"/);
    const log = (await api().get(`/api/runs/${run}/log`).set(FACILITATOR_AUTH).expect(200)).body as Array<{
      kind: string;
      line: string;
    }>;
    expect(log.filter((r) => r.kind === 'action').map((r) => r.line)).to.deep.equal(['set lbp-web to major_outage']);
  });

  it('keeps a responder update as a draft when approval is required, and publishes it once approved', async () => {
    const run = await createRun();
    await api().patch(`/api/runs/${run}`).set(FACILITATOR_AUTH).send({ requireApproval: true }).expect(200);
    const team = await responderSession(app, run, 'Alice');
    const update = {
      incident: 'banking',
      title: { fr: 'Banque en ligne', en: 'Online banking' },
      status: 'investigating',
      impact: 'major',
      body: { fr: 'Nous enquêtons.', en: 'We are investigating.' },
      nextUpdateAt: '+30m',
    };
    const sent = await api()
      .post(`/api/runs/${run}/updates`)
      .set('Authorization', `Bearer ${team.code}`)
      .set('X-Responder-Name', 'Bob (script)')
      .send({ update })
      .expect(201);
    const draft = (sent.body as { draft: { id: string; state: string; author: string } }).draft;
    expect(draft).to.include({ state: 'pending', author: 'Bob (script)' });
    expect(app.runs.require(run).appliedState().incidents).to.have.length(0);

    await api()
      .post(`/api/runs/${run}/drafts/${draft.id}`)
      .set(FACILITATOR_AUTH)
      .send({ decision: 'approve' })
      .expect(200);
    const incidents = app.runs.require(run).appliedState().incidents;
    expect(incidents.map((i) => i.id)).to.deep.equal(['banking']);
    expect(incidents[0]!.updates[0]!.nextUpdateAtMs).to.equal(app.runs.require(run).clock.offset() + 30 * 60_000);
    const again = await api()
      .post(`/api/runs/${run}/drafts/${draft.id}`)
      .set(FACILITATOR_AUTH)
      .send({ decision: 'reject' });
    expect(again.status).to.equal(409);
  });

  it('refuses a responder draft that could never be published, before the facilitator sees it', async () => {
    const run = await createRun();
    await api().patch(`/api/runs/${run}`).set(FACILITATOR_AUTH).send({ requireApproval: true }).expect(200);
    const team = await responderSession(app, run);
    const res = await api()
      .post(`/api/runs/${run}/updates`)
      .set('Authorization', `Bearer ${team.code}`)
      .send({ update: { incident: 'new-one', status: 'investigating', body: { fr: 'x' } } });
    expect(res.status).to.equal(400);
    expect((res.body as { error: { message: string } }).error.message).to.match(/needs a title and an impact/);
  });

  it("puts a page subscriber's notifications in the run's outbox, and sends nothing", async () => {
    const run = await createRun({ mode: 'replay' });
    await api()
      .post(`/r/${run}/subscribe`)
      .type('form')
      .set('Accept', 'text/html')
      .send({ kind: 'email', address: 'camille@example.org' })
      .expect(303)
      .expect('Location', `/r/${run}?subscribed=1#subscribe`);
    await api()
      .post(`/api/runs/${run}/actions`)
      .set(FACILITATOR_AUTH)
      .send({ action: { type: 'set-actual', channel: 'lbp-web', status: 'major_outage' } })
      .expect(201);
    const view = (await api().get(`/api/runs/${run}/notifications`).set(FACILITATOR_AUTH).expect(200)).body as {
      subscribers: Array<{ address: string }>;
      outbox: Array<{ subject: string; recipients: number }>;
    };
    expect(view.subscribers.map((s) => s.address)).to.deep.equal(['c***@example.org']);
    expect(view.outbox).to.have.length(1);
    expect(view.outbox[0]).to.include({ recipients: 1 });
    expect(view.outbox[0]!.subject).to.match(/^\[EXERCICE\].*Banque en ligne/);
    const page = await api().get(`/r/${run}?subscribed=1`).expect(200);
    expect(page.text).to.include('Abonnement enregistré (simulé');
  });

  it('ends a run and forgets it', async () => {
    const run = await createRun();
    await api().delete(`/api/runs/${run}`).set(FACILITATOR_AUTH).expect(200);
    await api().get(`/api/runs/${run}`).set(FACILITATOR_AUTH).expect(404);
    await api().get(`/r/${run}`).expect(404);
  });
});
