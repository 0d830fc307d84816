import { expect } from 'chai';
import { NotFoundError, ValidationError } from '../../server/errors.js';
import { RunNotifications, type Activity } from '../../server/notify/outbox.js';
import { maskEmail, maskPhone, type SubscribeRequest } from '../../server/notify/subscribers.js';
import type { Run } from '../../server/replay/run.js';
import { fakeTime, type FakeTime } from '../support/fake-time.js';
import { FACILITATOR, testRun } from '../support/runs.js';

const HOUR = 3_600_000;
const BASE = 'https://drill.example.org';

describe('run notifications: subscribers and outbox', () => {
  let run: Run;
  let fake: FakeTime;
  let notifications: RunNotifications;
  let fetchCalls: number;
  beforeEach(() => {
    ({ run, fake } = testRun());
    fetchCalls = 0;
    const fetch: typeof globalThis.fetch = () => {
      fetchCalls += 1;
      return Promise.reject(new Error('no network in this test'));
    };
    notifications = new RunNotifications({ publicUrl: BASE, time: fake.time, fetch });
    notifications.attach(run);
  });
  afterEach(() => {
    notifications.close();
    run.close();
  });

  /** Story 06:00 → 08:00: lbp-web and lbp-app down at 07:00, incident ddos opened at 07:15. */
  const firstOutage = (): void => run.seek(2 * HOUR, FACILITATOR);

  describe('subscribing', () => {
    const long = `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(59)}.org`;
    const cases: Array<{ name: string; input: unknown; expected: RegExp }> = [
      { name: 'an unknown kind', input: { kind: 'pigeon', address: 'x' }, expected: /kind must be "email" or "sms"/ },
      { name: 'no kind', input: { address: 'jane@example.org' }, expected: /kind must be/ },
      { name: 'no body', input: undefined, expected: /expected \{kind, address\}/ },
      { name: 'an empty address', input: { kind: 'email', address: '  ' }, expected: /address is required/ },
      {
        name: 'an address that is not a string',
        input: { kind: 'sms', address: 33612 },
        expected: /address is required/,
      },
      { name: 'an email without @', input: { kind: 'email', address: 'jane.example.org' }, expected: /valid email/ },
      {
        name: 'an email without a domain',
        input: { kind: 'email', address: 'jane@localhost' },
        expected: /valid email/,
      },
      { name: 'an email with spaces', input: { kind: 'email', address: 'ja ne@example.org' }, expected: /valid email/ },
      { name: 'an email over 254 characters', input: { kind: 'email', address: long }, expected: /longer than 254/ },
      { name: 'a phone without +', input: { kind: 'sms', address: '0612345678' }, expected: /international format/ },
      {
        name: 'a phone with letters',
        input: { kind: 'sms', address: '+33 6 CALL ME' },
        expected: /international format/,
      },
      {
        name: 'a phone too long for E.164',
        input: { kind: 'sms', address: '+3361234567890123' },
        expected: /\+33612345678/,
      },
      { name: 'a phone too short', input: { kind: 'sms', address: '+3361' }, expected: /international format/ },
    ];
    cases.forEach(({ name, input, expected }) => {
      it(`refuses ${name} with a ValidationError saying why`, () => {
        expect(() => notifications.subscribe(input)).to.throw(ValidationError, expected);
        expect(notifications.view().subscribers).to.deep.equal([]);
      });
    });

    const accepted: Array<{ name: string; input: SubscribeRequest; shown: string }> = [
      { name: 'an email', input: { kind: 'email', address: 'Jane.Doe@Example.org' }, shown: 'j***@example.org' },
      {
        name: 'a plus-addressed email',
        input: { kind: 'email', address: 'j+drill@example.co.uk' },
        shown: 'j***@example.co.uk',
      },
      { name: 'a phone in E.164', input: { kind: 'sms', address: '+33612345678' }, shown: '+33 6** ** ** 78' },
      {
        name: 'a phone typed with spaces',
        input: { kind: 'sms', address: '+33 6 12 34 56 78' },
        shown: '+33 6** ** ** 78',
      },
    ];
    accepted.forEach(({ name, input, shown }) => {
      it(`accepts ${name} and shows it masked`, () => {
        const subscriber = notifications.subscribe(input);
        expect(subscriber).to.include({ kind: input.kind, address: shown });
        expect(notifications.view().subscribers).to.deep.equal([subscriber]);
        expect(JSON.stringify(notifications.view())).not.to.include(input.address.slice(2, -2));
      });
    });

    it('masks a phone number of any country the French way: country code, first digit, last pair', () => {
      expect(maskPhone('+447911123456')).to.equal('+44 7* ** ** ** 56');
    });

    it('masks an email’s local part whatever its length', () => {
      expect(maskEmail('x@example.org')).to.equal('x***@example.org');
    });

    it('ignores the same subscriber again, however it is typed', () => {
      const first = notifications.subscribe({ kind: 'sms', address: '+33612345678' });
      const again = notifications.subscribe({ kind: 'sms', address: '+33 6 12 34 56 78' });
      notifications.subscribe({ kind: 'email', address: 'jane@example.org' });
      notifications.subscribe({ kind: 'email', address: 'JANE@example.org' });
      expect(again).to.deep.equal(first);
      expect(notifications.view().subscribers).to.have.length(2);
    });

    it('refuses a subscriber beyond 500 for a run', () => {
      for (let i = 0; i < 500; i++) notifications.subscribe({ kind: 'email', address: `p${i}@example.org` });
      expect(() => notifications.subscribe({ kind: 'email', address: 'late@example.org' })).to.throw(
        ValidationError,
        /already has 500 subscribers/,
      );
      expect(notifications.view().subscribers).to.have.length(500);
    });

    it('unsubscribes by id, and says so for an unknown id', () => {
      const { id } = notifications.subscribe({ kind: 'email', address: 'jane@example.org' });
      notifications.unsubscribe(id);
      expect(notifications.view().subscribers).to.deep.equal([]);
      expect(() => notifications.unsubscribe(id)).to.throw(NotFoundError);
    });
  });

  describe('the outbox', () => {
    it('holds one message per change, addressed to every subscriber, in the scenario’s first language', () => {
      notifications.subscribe({ kind: 'email', address: 'jane@example.org' });
      notifications.subscribe({ kind: 'sms', address: '+33612345678' });
      notifications.subscribe({ kind: 'email', address: 'john@example.org' });
      firstOutage();
      const { outbox } = notifications.view();
      expect(outbox.map((m) => [m.kind, m.subject])).to.deep.equal([
        ['incident', '[EXERCICE] Essai : Incident (Enquête en cours)'],
        ['component', '[EXERCICE] Essai : Appli est désormais en état « Panne majeure »'],
        ['component', '[EXERCICE] Essai : Banque en ligne est désormais en état « Panne majeure »'],
      ]);
      expect(outbox[0]).to.include({
        version: run.version,
        storyTime: '2025-12-22T07:15:00.000+01:00',
        at: new Date(fake.time.now()).toISOString(),
        recipients: 3,
      });
      expect(outbox[0]?.channels).to.deep.equal(['email', 'sms']);
      expect(outbox[0]?.text).to.include('Nous enquêtons.').and.include(`${BASE}/r/test#incident-`);
      expect(outbox[2]?.storyTime).to.equal('2025-12-22T07:00:00.000+01:00');
    });

    it('tells the console each time the outbox changes', () => {
      const seen: Activity[] = [];
      notifications.onActivity((a) => seen.push(a));
      notifications.subscribe({ kind: 'email', address: 'jane@example.org' });
      firstOutage();
      expect(seen).to.deep.equal([{ type: 'subscribers' }, { type: 'outbox' }]);
    });

    it('writes nothing while no one is subscribed', () => {
      firstOutage();
      expect(notifications.view().outbox).to.deep.equal([]);
    });

    it('writes nothing for a change that is not public (the clock only)', () => {
      notifications.subscribe({ kind: 'email', address: 'jane@example.org' });
      run.play(FACILITATOR);
      run.pause(FACILITATOR);
      expect(notifications.view().outbox).to.deep.equal([]);
    });

    it('keeps the last 1,000 messages, newest first', () => {
      notifications.subscribe({ kind: 'email', address: 'jane@example.org' });
      // Each round trip publishes 3 changes going forward and 2 coming back.
      for (let i = 0; i < 201; i++) {
        firstOutage();
        run.seek(0, FACILITATOR);
      }
      const { outbox } = notifications.view();
      expect(outbox).to.have.length(1000);
      expect(outbox[0]?.id).to.equal('m1005');
      expect(outbox[999]?.id).to.equal('m6');
    });

    it('sends nothing anywhere: no request is made for subscribers', () => {
      notifications.subscribe({ kind: 'email', address: 'jane@example.org' });
      firstOutage();
      fake.tick(60_000);
      expect(fetchCalls).to.equal(0);
    });

    it('stops writing once detached', () => {
      const other = new RunNotifications({ publicUrl: BASE, time: fakeTime().time });
      other.subscribe({ kind: 'email', address: 'jane@example.org' });
      const detach = other.attach(run);
      detach();
      firstOutage();
      expect(other.view().outbox).to.deep.equal([]);
      other.close();
    });

    it('stops writing once closed', () => {
      notifications.subscribe({ kind: 'email', address: 'jane@example.org' });
      notifications.close();
      firstOutage();
      expect(notifications.view().outbox).to.deep.equal([]);
    });
  });
});
