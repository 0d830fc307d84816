/** Operations given input the fuzzer found they accepted: each is refused, the run unchanged. */
import { expect } from 'chai';
import request from 'supertest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { FACILITATOR_AUTH } from '../support/control.js';
import { TIME_BOUND_MS } from '../fuzz/loader-check.js';

describe('control operations on input the fuzzer found', () => {
  let app: TestApp;
  let run: string;
  const api = () => request(app.app);

  beforeEach(async () => {
    app = await createTestApp({}, { defaultRun: false });
    const created = await api().post('/api/runs').set(FACILITATOR_AUTH).send({ scenario: 'tutorial', play: false });
    run = (created.body as { run: { id: string } }).run.id;
  });
  afterEach(() => app.close());

  const update = (nextUpdateAt: string) => ({
    update: {
      incident: 'outage',
      title: { fr: 'Panne', en: 'Outage' },
      status: 'investigating',
      impact: 'minor',
      body: { fr: 'On enquête.', en: 'Investigating.' },
      nextUpdateAt,
    },
  });

  ['+99999999d', '+366d'].forEach((nextUpdateAt) => {
    it(`refuses an update promising the next one at ${nextUpdateAt}, and the page still shows`, async () => {
      const res = await api().post(`/api/runs/${run}/updates`).set(FACILITATOR_AUTH).send(update(nextUpdateAt));
      expect(res.status).to.equal(400);
      expect((res.body as { error: { message: string } }).error.message).to.equal(
        `nextUpdateAt: "${nextUpdateAt}" is more than a year ahead`,
      );
      expect(app.runs.require(run).version).to.equal(1);
      await api().get(`/r/${run}`).expect(200);
    });
  });

  it('refuses an update naming a channel "__proto__", which the schema would drop unseen', async () => {
    const body = JSON.stringify(update('+30m')).replace(
      '"nextUpdateAt"',
      '"channels":{"__proto__":"major_outage"},"nextUpdateAt"',
    );
    const res = await api().post(`/api/runs/${run}/updates`).set(FACILITATOR_AUTH).type('json').send(body);
    expect(res.status).to.equal(400);
    expect((res.body as { error: { message: string } }).error.message).to.equal(
      'update.channels: unknown field(s) __proto__',
    );
    expect(app.runs.require(run).version).to.equal(1);
  });

  [
    { kind: 'at', at: '2099-01-01T09:00:00+01:00' },
    { kind: 'cron', cron: '0 9 * * 1', timeZone: 'Europe/Paris' },
  ].forEach((start) => {
    it(`refuses a story time to start from with a start "${start.kind}", which a schedule would drop`, async () => {
      const res = await api()
        .post('/api/runs')
        .set(FACILITATOR_AUTH)
        .send({ scenario: 'tutorial', from: 'yesterday', start });
      expect(res.status).to.equal(400);
      expect((res.body as { error: { message: string } }).error.message).to.match(/^from: a scheduled run starts/);
      expect(app.control.schedules.list()).to.deep.equal([]);
    });
  });

  it('refuses an action nested 30,000 deep within the time bound', async () => {
    const body = `{"action":${'['.repeat(30_000)}${']'.repeat(30_000)}}`;
    const started = performance.now();
    const res = await api().post(`/api/runs/${run}/actions`).set(FACILITATOR_AUTH).type('json').send(body);
    // The search for __proto__ keys copied the path at every level: nine seconds of a blocked server.
    expect(performance.now() - started).to.be.below(TIME_BOUND_MS);
    expect(res.status).to.equal(400);
  });

  it('takes an update promising the next one a year ahead', async () => {
    await api().post(`/api/runs/${run}/updates`).set(FACILITATOR_AUTH).send(update('+365d')).expect(201);
    await api().get(`/r/${run}`).expect(200);
  });
});
