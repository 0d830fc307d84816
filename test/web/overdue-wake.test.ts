/**
 * A request lets a run whose next entry is due apply it before it is answered: a server reading a
 * batch of requests in one turn of its event loop must not answer them from a state behind the
 * story clock while the run's timer waits for its turn.
 */
import { expect } from 'chai';
import request from 'supertest';
import type { Run } from '../../server/replay/run.js';
import { fakeTime, type FakeTime } from '../support/fake-time.js';
import { FACILITATOR } from '../support/runs.js';
import { loadValid } from '../support/scenario-fixture.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { listen } from '../support/viewers.js';

/** The fixture's first entry: online banking and the app go down one story hour in. */
const FIRST_ENTRY_WALL_MS = 1_000;
const SPEED = 3_600;

describe('a request arriving when a run’s entry is due', () => {
  let fake: FakeTime;
  let app: TestApp;
  let run: Run;
  let url: string;

  beforeEach(async () => {
    fake = fakeTime();
    app = await createTestApp({}, { defaultRun: false, time: fake.time });
    run = app.runs.create({ scenario: loadValid(), mode: 'replay', id: 'drill', speed: SPEED });
    run.play(FACILITATOR);
    url = await listen(app);
  });
  afterEach(async () => {
    await app.close();
  });

  /** The wall clock passes the entry's time while the event loop is held: no timer fires. */
  const heldPastTheEntry = (): void => fake.clock.setSystemTime(fake.clock.now + FIRST_ENTRY_WALL_MS + 1);

  /** The status of online banking in a Statuspage document's components. */
  const onlineBanking = (response: request.Response): string | undefined =>
    (response.body as { components: Array<{ name: string; status: string }> }).components.find(
      (c) => c.name === 'Banque en ligne',
    )?.status;

  it('gets summary.json (the fast path) with the entry applied', async () => {
    const before = await request(url).get('/r/drill/api/v2/summary.json').expect(200);
    expect(onlineBanking(before)).to.equal('operational');
    const version = run.version;
    heldPastTheEntry();
    const after = await request(url).get('/r/drill/api/v2/summary.json').expect(200);
    expect(onlineBanking(after)).to.equal('major_outage');
    expect(run.version).to.be.above(version);
    expect(fake.pendingTimers(), 'the run aimed its timer at its next entry').to.equal(1);
  });

  it('gets an answer of express (components.json) with the entry applied', async () => {
    const version = run.version;
    heldPastTheEntry();
    const after = await request(url).get('/r/drill/api/v2/components.json').expect(200);
    expect(onlineBanking(after)).to.equal('major_outage');
    expect(run.version).to.be.above(version);
  });

  it('applies nothing before the entry’s time', async () => {
    const version = run.version;
    fake.clock.setSystemTime(fake.clock.now + FIRST_ENTRY_WALL_MS - 1);
    const response = await request(url).get('/r/drill/api/v2/summary.json').expect(200);
    expect(onlineBanking(response)).to.equal('operational');
    expect(run.version).to.equal(version);
  });
});
