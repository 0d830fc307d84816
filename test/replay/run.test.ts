import { SYSTEM } from '../../server/replay/run-log.js';
import { expect } from 'chai';
import type { Run } from '../../server/replay/run.js';
import type { Action } from '../../server/replay/actions.js';
import type { Status } from '../../server/scenario/vocabulary.js';
import { foldRun } from '../../server/replay/fold.js';
import { privateState, publicState } from '../../server/replay/run-views.js';
import { ConflictError, ForbiddenError, ValidationError } from '../../server/errors.js';
import { fakeTime, type FakeTime } from '../support/fake-time.js';
import { FACILITATOR, RESPONDER, testRun } from '../support/runs.js';
import { edit, loadValid } from '../support/scenario-fixture.js';

const SECOND = 1_000;
const MIN = 60_000;
const HOUR = 60 * MIN;

/** A responder's first update, opening incident `i`; `channels` are the statuses it publishes. */
const firstUpdate = (channels?: Record<string, Status>): Action => ({
  type: 'publish',
  update: {
    incident: 'i',
    title: { fr: 'Panne' },
    status: 'investigating',
    impact: 'major',
    body: { fr: 'On enquête.' },
    ...(channels === undefined ? {} : { channels }),
  },
});

/** At 3600x, one wall second is one story hour. */
const wallFor = (storyMs: number): number => storyMs / 3600;

describe('a run', () => {
  let run: Run;
  let fake: FakeTime;
  beforeEach(() => {
    ({ run, fake } = testRun());
  });
  afterEach(() => run.close());

  const actual = (channel: string): string | undefined => run.currentState().channels[channel]?.actual;
  const appliedEntries = (): number[] => run.logRecords().flatMap((r) => (r.kind === 'entry' ? [r.entry] : []));
  const matchesFold = (): void => {
    const state = run.currentState();
    expect(state).to.deep.equal(foldRun(run.scenario, run.mode, run.effectiveActions(), state.offsetMs));
  };

  describe('clock controls', () => {
    it('applies nothing until played', () => {
      fake.tick(10 * SECOND);
      expect(appliedEntries()).to.deep.equal([]);
      expect(fake.pendingTimers()).to.equal(0);
    });

    it('applies an entry when its time comes, not before', () => {
      run.play(FACILITATOR);
      fake.tick(wallFor(HOUR) - 1);
      expect(actual('lbp-web')).to.equal('operational');
      fake.tick(1);
      expect(actual('lbp-web')).to.equal('major_outage');
      expect(run.logRecords().find((r) => r.kind === 'entry')).to.deep.include({ entry: 0, offsetMs: HOUR });
    });

    it('applies nothing while paused and resumes where it stopped', () => {
      run.play(FACILITATOR);
      fake.tick(wallFor(30 * MIN));
      run.pause(FACILITATOR);
      fake.tick(60 * SECOND);
      expect(appliedEntries()).to.deep.equal([]);
      expect(fake.pendingTimers()).to.equal(0);
      run.play(FACILITATOR);
      fake.tick(wallFor(30 * MIN));
      expect(actual('lbp-web')).to.equal('major_outage');
    });

    it('re-aims the timer when the speed changes mid-interval', () => {
      run.play(FACILITATOR);
      fake.tick(wallFor(30 * MIN)); // story 00:30, first entry due at 01:00
      run.setSpeed(60, FACILITATOR); // 30 story minutes now take 30 wall seconds
      fake.tick(29 * SECOND);
      expect(actual('lbp-web')).to.equal('operational');
      fake.tick(1 * SECOND);
      expect(actual('lbp-web')).to.equal('major_outage');
    });

    it('seeks forward, applying every entry on the way in order', () => {
      run.seek(2 * HOUR, FACILITATOR);
      expect(appliedEntries()).to.deep.equal([0, 4, 1, 2, 3]);
      matchesFold();
    });

    it('seeks backward over applied entries, undoing them', () => {
      run.seek(11 * HOUR, FACILITATOR);
      run.seek(65 * MIN, FACILITATOR);
      const state = run.currentState();
      expect(state.channels['lbp-web']?.actual).to.equal('major_outage');
      expect(state.incidents).to.deep.equal([]);
      matchesFold();
    });

    it('applies entries again, once each, when played over again after a rewind', () => {
      run.seek(2 * HOUR, FACILITATOR);
      run.seek(0, FACILITATOR);
      run.play(FACILITATOR);
      fake.tick(wallFor(2 * HOUR));
      expect(appliedEntries()).to.deep.equal([0, 4, 1, 2, 3, 0, 4, 1, 2, 3]);
      matchesFold();
    });

    it('seeks to a story time or an offset written as in scenario files', () => {
      run.seekToTime('2025-12-22T08:30:00+01:00', FACILITATOR);
      expect(run.clock.offset()).to.equal(150 * MIN);
      expect(publicState(run).clock.storyTime).to.equal('2025-12-22T08:30:00+01:00');
      run.seekToTime('+45m', FACILITATOR);
      expect(run.clock.offset()).to.equal(45 * MIN);
    });

    [
      { time: 'soon', message: /neither a date-time with offset/ },
      { time: '2025-12-23T08:30:00+01:00', message: /outside the scenario/ },
    ].forEach(({ time, message }) => {
      it(`refuses to seek to "${time}", moving nothing`, () => {
        expect(() => run.seekToTime(time, FACILITATOR)).to.throw(ValidationError, message);
        expect(run.logRecords()).to.deep.equal([]);
      });
    });

    it('steps to the next instant an entry is due, and back to the previous one', () => {
      run.stepNext(FACILITATOR);
      expect(run.clock.offset()).to.equal(HOUR);
      expect(appliedEntries()).to.deep.equal([0, 4]); // both entries due at +1h
      run.stepNext(FACILITATOR);
      expect(run.clock.offset()).to.equal(75 * MIN);
      run.stepBack(FACILITATOR);
      expect(run.clock.offset()).to.equal(HOUR);
      expect(run.currentState().incidents).to.deep.equal([]);
      run.stepBack(FACILITATOR);
      expect(run.clock.offset()).to.equal(0);
      expect(actual('lbp-web')).to.equal('operational');
    });

    it('restarts from the beginning, paused', () => {
      run.play(FACILITATOR);
      fake.tick(wallFor(3 * HOUR));
      run.restart(FACILITATOR);
      expect(run.clock.offset()).to.equal(0);
      expect(run.clock.playing).to.equal(false);
      expect(run.currentState().incidents).to.deep.equal([]);
      expect(run.logRecords().at(-1)).to.deep.include({
        kind: 'control',
        control: 'restart',
        fromMs: 3 * HOUR,
        toMs: 0,
      });
    });

    it('pauses by itself at the end of the story and says so', () => {
      let ended = 0;
      run.on('ended', () => (ended += 1));
      run.play(FACILITATOR);
      fake.tick(wallFor(12 * HOUR) + SECOND);
      expect(ended).to.equal(1);
      expect(run.clock.playing).to.equal(false);
      expect(run.clock.offset()).to.equal(12 * HOUR);
      expect(run.logRecords().at(-1)).to.deep.include({
        kind: 'control',
        control: 'end',
        author: { role: 'system', name: 'statusdrill' },
      });
      expect(fake.pendingTimers()).to.equal(0);
    });

    it('logs each control with its author, story time and wall time', () => {
      run.setSpeed(60, FACILITATOR);
      expect(run.logRecords()[0]).to.deep.equal({
        seq: 0,
        offsetMs: 0,
        wallMs: fake.time.now(),
        author: FACILITATOR,
        kind: 'control',
        control: 'speed',
        speed: 60,
      });
    });

    it('ignores a control that changes nothing', () => {
      run.pause(FACILITATOR);
      run.setSpeed(3600, FACILITATOR);
      expect(run.logRecords()).to.deep.equal([]);
      expect(run.version).to.equal(0);
    });
  });

  it('times every entry it applies while playing, even when work takes time', () => {
    run.close();
    // Each reading of the clock finds it a little later, as on a real machine.
    const base = fakeTime();
    let drift = 0;
    const slow: FakeTime = { ...base, time: { ...base.time, now: () => base.time.now() + (drift += 30) } };
    ({ run, fake } = testRun({ fake: slow, speed: 10_000 }));
    const timed: number[] = [];
    run.on('applied', ({ entry }) => timed.push(entry.index));
    run.play(FACILITATOR);
    fake.tick(10_000);
    expect(timed).to.deep.equal(run.scenario.entries.map((e) => e.index));
  });

  it('announces entries the running clock reached even when a control notices them first, never those a seek jumps over', () => {
    const timed: number[] = [];
    run.on('applied', ({ entry, dueWallMs, wallMs }) => {
      timed.push(entry.index);
      expect(wallMs).to.be.at.least(dueWallMs);
    });
    run.play(FACILITATOR);
    fake.clock.setSystemTime(fake.time.now() + wallFor(85 * MIN)); // time passes, the timer has not fired yet
    run.pause(FACILITATOR);
    expect(timed).to.deep.equal([0, 4, 1, 2]);
    run.seek(11 * HOUR, FACILITATOR);
    expect(timed).to.deep.equal([0, 4, 1, 2]);
  });

  describe('versions and notifications', () => {
    it('increments the version on every public change, announcing it', () => {
      const versions: number[] = [];
      run.on('changed', ({ version }) => versions.push(version));
      run.play(FACILITATOR); // the clock is public
      fake.tick(wallFor(HOUR)); // statuses change
      expect(versions).to.deep.equal([1, 2]);
      expect(publicState(run).version).to.equal(2);
    });

    it('shows viewers only what the current version holds', () => {
      run.play(FACILITATOR);
      const version = run.version;
      fake.clock.setSystemTime(fake.time.now() + wallFor(HOUR)); // due, but the timer has not fired
      expect(publicState(run).channels[0]).to.deep.include({ id: 'lbp-web', status: 'operational' });
      expect(publicState(run).version).to.equal(version);
      fake.tick(wallFor(HOUR)); // setSystemTime moves no timer: the timer still waits its delay
      expect(publicState(run).channels[0]).to.deep.include({ id: 'lbp-web', status: 'major_outage' });
      expect(publicState(run).version).to.equal(version + 1);
    });

    it('does not change the version as time merely passes, or for private changes', () => {
      run.seek(75 * MIN, FACILITATOR);
      const before = run.version;
      run.act(
        { type: 'inject', inject: { channel: 'press', from: 'AFP', body: { fr: 'Question', en: 'Question' } } },
        FACILITATOR,
      );
      run.seek(90 * MIN, FACILITATOR); // the prompt is private, but the clock moved
      expect(run.version).to.equal(before + 1);
    });
  });

  describe('actions', () => {
    it('lets the facilitator change the world; in replay mode the page follows', () => {
      run.act({ type: 'set-actual', channel: 'lbp-atm', status: 'partial_outage' }, FACILITATOR);
      expect(run.currentState().channels['lbp-atm']).to.deep.include({
        actual: 'partial_outage',
        published: 'partial_outage',
      });
      matchesFold();
    });

    it('lets responders publish, opening an incident on the page', () => {
      run.seek(HOUR, FACILITATOR);
      run.act(
        {
          type: 'publish',
          update: {
            incident: 'outage',
            title: { fr: 'Panne', en: 'Outage' },
            status: 'investigating',
            impact: 'major',
            body: { fr: 'Nous enquêtons.' },
            channels: { 'lbp-web': 'major_outage' },
          },
        },
        RESPONDER,
      );
      const [incident] = publicState(run).incidents;
      expect(incident).to.deep.include({ id: 'outage', stage: 'investigating', startedAtMs: HOUR });
      expect(incident?.updates[0]).to.deep.include({ origin: 'responder', id: 'a3' }); // entries 0 and 4, then the seek, are records 0-2
      matchesFold();
    });

    it('fires an entry now, and never again at its own time', () => {
      run.act({ type: 'fire', entry: 5 }, FACILITATOR); // the recovery at +10h
      expect(actual('lbp-web')).to.equal('operational');
      run.seek(HOUR, FACILITATOR);
      expect(actual('lbp-web')).to.equal('major_outage');
      run.seek(11 * HOUR, FACILITATOR);
      expect(appliedEntries().filter((e) => e === 5)).to.deep.equal([]);
      expect(actual('lbp-web')).to.equal('major_outage');
      matchesFold();
    });

    it('skips an entry so it never applies in this pass', () => {
      run.act({ type: 'skip', entry: 0 }, FACILITATOR);
      run.play(FACILITATOR);
      fake.tick(wallFor(2 * HOUR));
      expect(actual('lbp-web')).to.equal('operational');
      expect(appliedEntries()).to.not.include(0);
    });

    it('undoes actions recorded after the point a rewind goes back to, keeping them in the log', () => {
      run.seek(3 * HOUR, FACILITATOR);
      const recorded = run.act({ type: 'set-actual', channel: 'lbp-atm', status: 'major_outage' }, FACILITATOR);
      run.seek(2 * HOUR, FACILITATOR);
      expect(actual('lbp-atm')).to.equal('operational');
      expect(run.effectiveActions()).to.deep.equal([]);
      expect(run.logRecords().at(-1)).to.deep.include({ control: 'seek', undone: [recorded.seq] });
      expect(run.logRecords().some((r) => r.kind === 'action' && r.seq === recorded.seq)).to.equal(true);
    });

    it('brings back a skipped entry when the skip is rewound', () => {
      run.seek(30 * MIN, FACILITATOR);
      run.act({ type: 'skip', entry: 0 }, FACILITATOR);
      run.seek(10 * MIN, FACILITATOR);
      run.seek(2 * HOUR, FACILITATOR);
      expect(actual('lbp-web')).to.equal('major_outage');
    });

    [
      {
        name: 'a responder changing the world',
        action: { type: 'set-actual', channel: 'lbp-atm', status: 'major_outage' } as const,
        author: RESPONDER,
        error: ForbiddenError,
      },
      {
        name: 'an unknown channel',
        action: { type: 'set-actual', channel: 'lbp-atn', status: 'major_outage' } as const,
        author: FACILITATOR,
        error: ValidationError,
        message: /unknown channel "lbp-atn"; did you mean "lbp-atm"/,
      },
      {
        name: 'a new incident without title',
        action: {
          type: 'publish',
          update: { incident: 'x', status: 'investigating', impact: 'minor', body: { fr: 'a' } },
        } as const,
        author: RESPONDER,
        error: ValidationError,
        message: /needs a title and an impact/,
      },
      {
        name: 'an empty body',
        action: {
          type: 'publish',
          update: { incident: 'x', title: { fr: 't' }, status: 'investigating', impact: 'minor', body: { fr: ' ' } },
        } as const,
        author: RESPONDER,
        error: ValidationError,
        message: /body\.fr: must not be empty/,
      },
      {
        name: 'a text in an undeclared language',
        action: {
          type: 'publish',
          update: {
            incident: 'x',
            title: { de: 't' } as never,
            status: 'investigating',
            impact: 'minor',
            body: { fr: 'a' },
          },
        } as const,
        author: RESPONDER,
        error: ValidationError,
        message: /title\.de/,
      },
      {
        name: 'firing an entry that does not exist',
        action: { type: 'fire', entry: 99 } as const,
        author: FACILITATOR,
        error: ValidationError,
      },
    ].forEach(({ name, action, author, error, message }) => {
      it(`refuses ${name}, recording nothing`, () => {
        expect(() => run.act(action, author)).to.throw(error, message);
        expect(run.logRecords()).to.deep.equal([]);
        expect(run.version).to.equal(0);
      });
    });

    it('refuses to fire or skip an entry that has already applied, or twice', () => {
      run.seek(HOUR, FACILITATOR);
      expect(() => run.act({ type: 'fire', entry: 0 }, FACILITATOR)).to.throw(ConflictError, /already applied/);
      run.act({ type: 'skip', entry: 1 }, FACILITATOR);
      expect(() => run.act({ type: 'fire', entry: 1 }, FACILITATOR)).to.throw(
        ConflictError,
        /already been fired or skipped/,
      );
    });
  });

  describe('modes', () => {
    it('in exercise mode, keeps the page still while the world fails and withholds the script', () => {
      run.close();
      ({ run, fake } = testRun({ mode: 'exercise' }));
      run.seek(2 * HOUR, FACILITATOR);
      const view = publicState(run);
      expect(view.channels.map((c) => c.status)).to.deep.equal(['operational', 'operational', 'operational']);
      expect(view.incidents).to.deep.equal([]);
      const hidden = privateState(run);
      expect(hidden.actual.find((c) => c.id === 'lbp-web')).to.deep.include({
        status: 'major_outage',
        published: 'operational',
        diverges: true,
      });
      expect(hidden.modelAnswers.map((u) => u.id)).to.deep.equal(['u1']);
    });

    it('in exercise mode, shows what responders publish', () => {
      run.close();
      ({ run, fake } = testRun({ mode: 'exercise' }));
      run.seek(HOUR, FACILITATOR);
      run.act(firstUpdate({ 'lbp-web': 'major_outage' }), RESPONDER);
      expect(publicState(run).channels[0]).to.deep.include({ id: 'lbp-web', status: 'major_outage' });
      matchesFold();
    });
  });

  describe('private state', () => {
    it('scores expectations: pending, met in time, or missed after the deadline', () => {
      run.close();
      ({ run, fake } = testRun({ mode: 'exercise' }));
      run.seek(HOUR, FACILITATOR);
      expect(privateState(run).expectations[0]?.status).to.equal('pending');
      run.seek(HOUR + 16 * MIN, FACILITATOR);
      expect(privateState(run).expectations[0]?.status).to.equal('missed');
      run.act(firstUpdate(), RESPONDER);
      expect(privateState(run).expectations[0]).to.deep.include({ status: 'late', metAtMs: HOUR + 16 * MIN });
      run.seek(HOUR + 10 * MIN, FACILITATOR);
      run.act(firstUpdate(), RESPONDER);
      expect(privateState(run).expectations[0]).to.deep.include({ status: 'met', metAtMs: HOUR + 10 * MIN });
    });

    it('lists injects, prompts and the entries to come', () => {
      run.seek(90 * MIN, FACILITATOR);
      const view = privateState(run);
      expect(view.injects.map((i) => i.ref)).to.deep.equal(['e2']);
      expect(view.prompts.map((p) => p.ref)).to.deep.equal(['e3']);
      expect(view.upcoming).to.deep.equal([
        { index: 5, kind: 'actual', offsetMs: 10 * HOUR },
        { index: 6, kind: 'update', offsetMs: 630 * MIN },
      ]);
    });
  });

  describe('contingencies', () => {
    /** The fixture's first-update expectation (entry 4, +1h, due by +1h15m) with a journalist's call if missed. */
    const withCall = (): Run => {
      run.close();
      const scenario = loadValid(
        edit(
          '{ id: first-update, kind: first-update, within: 15m }',
          '{ id: first-update, kind: first-update, within: 15m, onMissed: { channel: phone, from: AFP, body: { fr: Alors ?, en: So? } } }',
        ),
      );
      ({ run, fake } = testRun({ scenario, mode: 'exercise' }));
      return run;
    };
    const calls = (injects: ReadonlyArray<{ ref: string }>): string[] =>
      injects.map((i) => i.ref).filter((ref) => ref.startsWith('x'));

    it('delivers the call on a playing run as soon as the deadline has passed, telling the console', () => {
      withCall();
      let updated = 0;
      run.on('updated', () => (updated += 1));
      run.play(FACILITATOR);
      fake.tick(wallFor(75 * MIN)); // the deadline itself: not missed yet
      expect(calls(run.appliedState().injects)).to.deep.equal([]);
      const before = updated;
      fake.tick(1); // the first wall millisecond past it; the next entry is due at +1h20m
      expect(calls(run.appliedState().injects)).to.deep.equal(['xe4']);
      expect(run.appliedState().injects.at(-1)).to.deep.include({ offsetMs: 75 * MIN, ref: 'xe4' });
      expect(updated).to.equal(before + 1);
      matchesFold();
    });

    it('logs the call at its deadline, naming the expectation missed', () => {
      withCall();
      run.play(FACILITATOR);
      fake.tick(wallFor(75 * MIN) + 1);
      const logged = run.logRecords().filter((r) => r.kind === 'contingency');
      expect(logged).to.have.length(1);
      expect(logged[0]).to.deep.include({ offsetMs: 75 * MIN, expectation: 'e4', author: SYSTEM });
      expect(logged[0]).to.have.nested.property('inject.channel', 'phone');
    });

    it('does not change the public version when the call is delivered', () => {
      withCall();
      run.seek(74 * MIN, FACILITATOR);
      run.play(FACILITATOR);
      const version = run.version;
      let changed = 0;
      run.on('changed', () => (changed += 1));
      fake.tick(wallFor(2 * MIN));
      expect(calls(privateState(run).injects)).to.deep.equal(['xe4']);
      expect({ version: run.version, changed }).to.deep.equal({ version, changed: 0 });
    });

    it('takes the call back when the run goes back before the deadline, and delivers it again past it', () => {
      withCall();
      run.seek(90 * MIN, FACILITATOR);
      expect(privateState(run).injects.map((i) => i.ref)).to.deep.equal(['xe4', 'e2']);
      run.seek(70 * MIN, FACILITATOR);
      expect(calls(privateState(run).injects)).to.deep.equal([]);
      run.seek(76 * MIN, FACILITATOR);
      expect(calls(run.currentState().injects)).to.deep.equal(['xe4']);
      matchesFold();
    });

    it('does not call when responders publish before the deadline, and calls once that publication is undone', () => {
      withCall();
      run.seek(70 * MIN, FACILITATOR);
      run.act(firstUpdate(), RESPONDER);
      run.play(FACILITATOR);
      fake.tick(wallFor(10 * MIN));
      expect(calls(run.appliedState().injects)).to.deep.equal([]);
      expect(privateState(run).expectations[0]).to.deep.include({ status: 'met', metAtMs: 70 * MIN });
      run.seek(65 * MIN, FACILITATOR); // undoes the publication; the run plays on
      fake.tick(wallFor(10 * MIN) + 1);
      expect(calls(run.appliedState().injects)).to.deep.equal(['xe4']);
    });
  });

  describe('closing', () => {
    it('leaves no timer behind and refuses further changes', () => {
      run.play(FACILITATOR);
      expect(fake.pendingTimers()).to.equal(1);
      run.close();
      expect(fake.pendingTimers()).to.equal(0);
      expect(() => run.play(FACILITATOR)).to.throw(/closed/);
    });
  });
});
