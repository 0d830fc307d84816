/** Schedules and approval settings kept in the database come back with a new app over it. */
import { expect } from 'chai';
import request from 'supertest';
import type { ScheduleView } from '../../server/runs/schedules.js';
import { openDatabase } from '../../server/store/database.js';
import { Store } from '../../server/store/store.js';
import { FACILITATOR_AUTH } from '../support/control.js';
import { createTestApp } from '../support/test-app.js';

describe('schedules in the database', () => {
  it('arms a cron schedule again after a restart, with its approval setting, and forgets a removed one', async () => {
    const store = new Store(openDatabase(':memory:'));
    const first = await createTestApp({}, { defaultRun: false, store });
    const made = await request(first.app)
      .post('/api/runs')
      .set(FACILITATOR_AUTH)
      .send({
        scenario: 'tutorial',
        requireApproval: true,
        start: { kind: 'cron', cron: '0 9 * * 1', timeZone: 'Europe/Paris' },
      })
      .expect(201);
    const kept = (made.body as { scheduled: ScheduleView }).scheduled;
    const gone = await request(first.app)
      .post('/api/runs')
      .set(FACILITATOR_AUTH)
      .send({ scenario: 'tutorial', start: { kind: 'cron', cron: '0 10 * * 1', timeZone: 'UTC' } })
      .expect(201);
    await request(first.app)
      .delete(`/api/schedules/${(gone.body as { scheduled: ScheduleView }).scheduled.id}`)
      .set(FACILITATOR_AUTH)
      .expect(200);
    await first.close();

    const second = await createTestApp({}, { defaultRun: false, store });
    try {
      const listed = (await request(second.app).get('/api/schedules').set(FACILITATOR_AUTH).expect(200))
        .body as ScheduleView[];
      expect(listed.map((s) => [s.id, s.cron, s.timeZone, s.nextRunAt])).to.deep.equal([
        [kept.id, '0 9 * * 1', 'Europe/Paris', kept.nextRunAt],
      ]);
      second.control.drafts.scheduleStarted(kept.id, 'a-run');
      expect(second.control.drafts.requiresApproval('a-run')).to.equal(true);
    } finally {
      await second.close();
      store.close();
    }
  });

  it('drops a one-off start whose time passed while the server was down', async () => {
    const store = new Store(openDatabase(':memory:'));
    const first = await createTestApp({}, { defaultRun: false, store });
    const at = new Date(Date.now() + 150).toISOString();
    await request(first.app)
      .post('/api/runs')
      .set(FACILITATOR_AUTH)
      .send({ scenario: 'tutorial', start: { kind: 'at', at } })
      .expect(201);
    await first.close();
    await new Promise((done) => setTimeout(done, 250));
    const second = await createTestApp({}, { defaultRun: false, store });
    try {
      expect((await request(second.app).get('/api/schedules').set(FACILITATOR_AUTH)).body).to.deep.equal([]);
      expect(second.runs.list()).to.have.length(0);
      expect(store.schedules.live()).to.deep.equal([]);
    } finally {
      await second.close();
      store.close();
    }
  });
});
