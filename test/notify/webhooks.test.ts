import { expect } from 'chai';
import { ValidationError } from '../../server/errors.js';
import { RunNotifications, type RunNotificationsOptions } from '../../server/notify/outbox.js';
import type { Run } from '../../server/replay/run.js';
import { fakeTime, type FakeTime } from '../support/fake-time.js';
import { FACILITATOR, testRun } from '../support/runs.js';
import { pause, startReceiver, until, type Receiver } from './receiver.js';

const HOUR = 3_600_000;
const BASE = 'https://drill.example.org';

/** The `component.name` or the `incident.name` an envelope is about. */
const about = (body: Record<string, unknown>): string => {
  const subject = (body.component ?? body.incident) as { name: string };
  return `${'component' in body ? 'component' : 'incident'} ${subject.name}`;
};

describe('run notifications: webhooks', () => {
  let run: Run;
  let receiver: Receiver;
  let notifications: RunNotifications | undefined;
  beforeEach(async () => {
    ({ run } = testRun());
    receiver = await startReceiver();
  });
  afterEach(async () => {
    notifications?.close();
    notifications = undefined;
    run.close();
    await receiver.close();
  });

  /** Notifications of the run with a webhook to the receiver; real time unless `time` is given. */
  const withWebhook = (options: Partial<RunNotificationsOptions> = {}): RunNotifications => {
    notifications = new RunNotifications({ publicUrl: BASE, retryDelaysMs: [20, 20, 20], ...options });
    notifications.attach(run);
    notifications.addWebhook(receiver.url);
    return notifications;
  };
  /** Story 06:00 → 08:00: lbp-web and lbp-app down at 07:00, incident ddos opened at 07:15. */
  const firstOutage = (): void => run.seek(2 * HOUR, FACILITATOR);
  /** From story 07:00 (after `run.seek(1 * HOUR)`), on to 08:00: one change, the incident's first update. */
  const firstUpdateOnly = (): void => run.seek(2 * HOUR, FACILITATOR);
  /** Logged attempts oldest first, as [attempt, ok, status]. */
  const attempts = (): Array<[number, boolean, number | undefined]> =>
    (notifications?.view().deliveries ?? [])
      .map((d): [number, boolean, number | undefined] => [d.attempt, d.ok, d.status])
      .reverse();

  it('posts each change’s envelope as JSON with statusdrill’s headers', async () => {
    const n = withWebhook();
    firstOutage();
    await until(() => n.view().deliveries.length === 3);
    expect(receiver.received.map((r) => about(r.body))).to.deep.equal([
      'component Banque en ligne',
      'component Appli',
      'incident Incident',
    ]);
    const [first] = receiver.received;
    expect(first?.method).to.equal('POST');
    expect(first?.headers).to.include({ 'content-type': 'application/json', 'user-agent': 'statusdrill-webhook' });
    expect(Object.keys(first?.body ?? {})).to.deep.equal(['meta', 'page', 'component', 'component_update']);
  });

  it('logs each delivery with its webhook, event, attempt and answer, newest first', async () => {
    const n = withWebhook();
    firstOutage();
    await until(() => n.view().deliveries.length === 3);
    const [hook] = n.view().webhooks;
    const [latest] = n.view().deliveries;
    expect(latest).to.include({
      webhook: hook?.id,
      url: receiver.url,
      event: 'incident_update',
      attempt: 1,
      ok: true,
      status: 204,
    });
    expect(latest?.durationMs).to.be.a('number').and.at.least(0);
    expect(n.view().deliveries.map((d) => d.event)).to.deep.equal([
      'incident_update',
      'component_update',
      'component_update',
    ]);
  });

  it('retries after a 500 and stops once the receiver accepts', async () => {
    run.seek(1 * HOUR, FACILITATOR);
    const n = withWebhook();
    receiver.answers = [500];
    firstUpdateOnly();
    await until(() => n.view().deliveries.length === 2);
    await pause(60);
    expect(attempts()).to.deep.equal([
      [1, false, 500],
      [2, true, 204],
    ]);
    expect(receiver.received).to.have.length(2);
  });

  it('gives up after the last retry, logging every attempt', async () => {
    run.seek(1 * HOUR, FACILITATOR);
    const n = withWebhook({ retryDelaysMs: [10, 10] });
    receiver.then = 503;
    firstUpdateOnly();
    await until(() => n.view().deliveries.length === 3);
    await pause(60);
    expect(attempts()).to.deep.equal([
      [1, false, 503],
      [2, false, 503],
      [3, false, 503],
    ]);
    expect(receiver.received).to.have.length(3);
  });

  it('logs a network error and retries after it', async () => {
    run.seek(1 * HOUR, FACILITATOR);
    const url = receiver.url;
    await receiver.close();
    notifications = new RunNotifications({ publicUrl: BASE, retryDelaysMs: [10] });
    notifications.attach(run);
    notifications.addWebhook(url);
    firstUpdateOnly();
    const n = notifications;
    await until(() => n.view().deliveries.length === 2);
    expect(n.view().deliveries.map((d) => [d.attempt, d.ok, d.error])).to.deep.equal([
      [2, false, 'fetch failed: ECONNREFUSED'],
      [1, false, 'fetch failed: ECONNREFUSED'],
    ]);
  });

  it('gives up on an attempt the receiver leaves unanswered past the timeout', async () => {
    run.seek(1 * HOUR, FACILITATOR);
    receiver.hang = true;
    const n = withWebhook({ timeoutMs: 50, retryDelaysMs: [] });
    firstUpdateOnly();
    await until(() => n.view().deliveries.length === 1);
    expect(n.view().deliveries[0]).to.include({ attempt: 1, ok: false, error: 'timed out after 50 ms' });
    await until(() => receiver.aborted === 1);
  });

  it('delivers in order: a change waits while the one before it is retried', async () => {
    const n = withWebhook({ retryDelaysMs: [50] });
    receiver.answers = [500];
    run.seek(1 * HOUR, FACILITATOR);
    run.seek(2 * HOUR, FACILITATOR);
    await until(() => n.view().deliveries.length === 4);
    expect(receiver.received.map((r) => about(r.body))).to.deep.equal([
      'component Banque en ligne',
      'component Banque en ligne',
      'component Appli',
      'incident Incident',
    ]);
  });

  describe('owning its timers', () => {
    let fake: FakeTime;
    beforeEach(() => {
      fake = fakeTime();
    });

    it('cancels a pending retry on close, leaving no timer', async () => {
      run.seek(1 * HOUR, FACILITATOR);
      const n = withWebhook({ time: fake.time, retryDelaysMs: [60_000] });
      receiver.then = 500;
      firstUpdateOnly();
      await until(() => n.view().deliveries.length === 1);
      expect(fake.pendingTimers()).to.equal(1);
      n.close();
      expect(fake.pendingTimers()).to.equal(0);
      fake.tick(60_000);
      await pause(30);
      expect(receiver.received).to.have.length(1);
    });

    it('cuts a request in flight on close, logging nothing and leaving no timer', async () => {
      run.seek(1 * HOUR, FACILITATOR);
      receiver.hang = true;
      const n = withWebhook({ time: fake.time });
      firstUpdateOnly();
      await until(() => receiver.received.length === 1);
      n.close();
      await until(() => receiver.aborted === 1);
      // The request's timeout timer goes as soon as the cut request settles.
      await until(() => fake.pendingTimers() === 0);
      expect(n.view().deliveries).to.deep.equal([]);
    });

    it('cancels a removed webhook’s pending retry', async () => {
      run.seek(1 * HOUR, FACILITATOR);
      const n = withWebhook({ time: fake.time, retryDelaysMs: [60_000] });
      receiver.then = 500;
      firstUpdateOnly();
      await until(() => n.view().deliveries.length === 1);
      n.removeWebhook(n.view().webhooks[0]?.id ?? '');
      expect(fake.pendingTimers()).to.equal(0);
      expect(n.view().webhooks).to.deep.equal([]);
    });
  });

  it('keeps the last 500 delivery attempts', async () => {
    let calls = 0;
    const fetch: typeof globalThis.fetch = () => {
      calls += 1;
      return Promise.resolve(new Response(null, { status: 204 }));
    };
    notifications = new RunNotifications({ publicUrl: BASE, fetch });
    notifications.attach(run);
    notifications.addWebhook('https://hooks.example.org/drill');
    // Each round trip makes 3 changes going forward and 2 coming back.
    for (let i = 1; i <= 110; i++) {
      firstOutage();
      run.seek(0, FACILITATOR);
      await until(() => calls === 5 * i);
    }
    const { deliveries } = notifications.view();
    expect(deliveries).to.have.length(500);
    expect(deliveries[0]?.id).to.equal('d550');
  });

  it('drops the oldest waiting envelope beyond the queue’s bound, and logs it', async () => {
    receiver.hang = true;
    const n = withWebhook({ maxQueue: 2, timeoutMs: 100, retryDelaysMs: [] });
    firstOutage(); // three envelopes for a queue of two: the one in flight stays, the next is dropped
    await until(() => n.view().deliveries.length === 3, 2_000);
    expect(
      n
        .view()
        .deliveries.map((d) => [d.attempt, d.error])
        .reverse(),
    ).to.deep.equal([
      [0, 'dropped: too many deliveries waiting for this webhook'],
      [1, 'timed out after 100 ms'],
      [1, 'timed out after 100 ms'],
    ]);
    expect(receiver.received.map((r) => about(r.body))).to.deep.equal([
      'component Banque en ligne',
      'incident Incident',
    ]);
  });

  it('tells the console when the delivery log changes', async () => {
    const n = withWebhook();
    const seen: string[] = [];
    n.onActivity((a) => seen.push(a.type));
    firstOutage();
    await until(() => seen.length === 3);
    expect(seen).to.deep.equal(['deliveries', 'deliveries', 'deliveries']);
  });

  describe('registering', () => {
    it('returns the webhook with its id, URL and creation time', () => {
      notifications = new RunNotifications({
        publicUrl: BASE,
        time: fakeTime(Date.parse('2026-01-05T09:00:00Z')).time,
      });
      const hook = notifications.addWebhook('https://hooks.example.org/a');
      expect(hook).to.include({ url: 'https://hooks.example.org/a', createdAt: '2026-01-05T09:00:00.000Z' });
      expect(hook.id).to.be.a('string').and.not.be.empty;
    });

    it('refuses a 21st webhook for a run', () => {
      notifications = new RunNotifications({ publicUrl: BASE });
      for (let i = 0; i < 20; i++) notifications.addWebhook(`https://hooks.example.org/${i}`);
      expect(() => notifications?.addWebhook('https://hooks.example.org/late')).to.throw(
        ValidationError,
        /already has 20 webhooks/,
      );
    });
  });
});
