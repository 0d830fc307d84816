/**
 * The scheduler's timer, and `wakeOverdue`: work that holds the event loop (a crowd of requests)
 * wakes the schedulers whose time has come rather than leave them to wait for their turn.
 */
import { expect } from 'chai';
import { Scheduler, wakeOverdue } from '../../server/replay/scheduler.js';
import { systemTimeSource, WAKE_LEAD_MS, type TimeSource } from '../../server/replay/time-source.js';
import { fakeTime, type FakeTime } from '../support/fake-time.js';

describe('the scheduler', () => {
  let fake: FakeTime;
  let wakes: number;
  let scheduler: Scheduler;
  beforeEach(() => {
    fake = fakeTime();
    wakes = 0;
    scheduler = new Scheduler(fake.time, () => (wakes += 1));
  });
  afterEach(() => scheduler.cancel());

  /** Moves the fake wall clock without firing any timer: the event loop has not come round yet. */
  const heldFor = (ms: number): void => fake.clock.setSystemTime(fake.clock.now + ms);

  it('wakes when its timer fires, once', () => {
    scheduler.aim(fake.clock.now + 100);
    fake.tick(99);
    expect(wakes).to.equal(0);
    fake.tick(1);
    expect(wakes).to.equal(1);
    expect(scheduler.aimedAt).to.equal(undefined);
  });

  it('is woken by wakeOverdue once its time has come, before its timer fires, and only once', () => {
    scheduler.aim(fake.clock.now + 100);
    heldFor(99);
    wakeOverdue();
    expect(wakes, 'not yet due').to.equal(0);
    heldFor(1);
    wakeOverdue();
    expect(wakes).to.equal(1);
    expect(fake.pendingTimers(), 'its timer is cleared').to.equal(0);
    wakeOverdue();
    fake.tick(1_000);
    expect(wakes, 'neither a second call nor the old timer wakes it again').to.equal(1);
  });

  it('leaves a cancelled scheduler asleep', () => {
    scheduler.aim(fake.clock.now + 100);
    scheduler.cancel();
    heldFor(200);
    wakeOverdue();
    expect(wakes).to.equal(0);
  });

  it('wakes a scheduler re-aimed in the past by its own wake at most once per call, so it cannot loop', () => {
    const again = new Scheduler(fake.time, () => {
      wakes += 1;
      again.aim(fake.clock.now - 10);
    });
    try {
      again.aim(fake.clock.now + 5);
      heldFor(5);
      wakeOverdue();
      expect(wakes).to.equal(1);
      wakeOverdue();
      expect(wakes).to.equal(2);
    } finally {
      again.cancel();
    }
  });

  it('wakes every overdue scheduler, each by its own time source', () => {
    const other = fakeTime(fake.clock.now + 3_600_000);
    let otherWakes = 0;
    const second = new Scheduler(other.time, () => (otherWakes += 1));
    try {
      scheduler.aim(fake.clock.now + 10);
      second.aim(other.clock.now + 10);
      heldFor(10);
      wakeOverdue();
      expect([wakes, otherWakes]).to.deep.equal([1, 0]);
      other.clock.setSystemTime(other.clock.now + 10);
      wakeOverdue();
      expect([wakes, otherWakes]).to.deep.equal([1, 1]);
    } finally {
      second.cancel();
    }
  });
});

/**
 * A clock that wakes schedulers `leadMs` early, moved by hand: timers run as the clock passes
 * their time, turns of the event loop (the `setImmediate`s queued before them) when told.
 */
function handClock(leadMs: number) {
  let now = 1_000_000;
  let ids = 0;
  const timers = new Map<number, { at: number; callback: () => void }>();
  const immediates = new Map<number, () => void>();
  const time: TimeSource = {
    now: () => now,
    setTimeout: (callback, delayMs) => {
      timers.set(++ids, { at: now + delayMs, callback });
      return ids;
    },
    clearTimeout: (handle) => timers.delete(handle as number),
    early: {
      leadMs,
      setImmediate: (callback) => {
        immediates.set(++ids, callback);
        return ids;
      },
      clearImmediate: (handle) => immediates.delete(handle as number),
    },
  };
  return {
    time,
    now: () => now,
    advance(ms: number): void {
      now += ms;
      for (const [id, timer] of [...timers]) {
        if (timer.at > now || !timers.delete(id)) continue;
        timer.callback();
      }
    },
    turn(): void {
      for (const [id, callback] of [...immediates]) if (immediates.delete(id)) callback();
    },
    timers: () => timers.size,
    looks: () => immediates.size,
  };
}

describe('the scheduler on a clock that wakes early', () => {
  const LEAD = 4;
  let hand: ReturnType<typeof handClock>;
  let wakes: number[];
  let scheduler: Scheduler;
  beforeEach(() => {
    hand = handClock(LEAD);
    wakes = [];
    scheduler = new Scheduler(hand.time, () => wakes.push(hand.now()));
  });
  afterEach(() => scheduler.cancel());

  it('sets its timer the lead before the due time, then looks at each turn and wakes at the first one at or after it', () => {
    const due = hand.now() + 100;
    scheduler.aim(due);
    hand.advance(100 - LEAD - 1);
    expect(hand.looks(), 'the timer has not gone off').to.equal(0);
    hand.advance(1);
    expect([hand.timers(), hand.looks()], 'the timer went off; it looks at the next turn').to.deep.equal([0, 1]);
    hand.turn();
    hand.advance(LEAD - 1);
    hand.turn();
    expect(wakes, 'not before its time').to.deep.equal([]);
    hand.advance(1);
    hand.turn();
    expect(wakes).to.deep.equal([due]);
    expect([hand.timers(), hand.looks(), scheduler.aimedAt]).to.deep.equal([0, 0, undefined]);
  });

  it('aimed within the lead or in the past, looks at the next turn, never within aim', () => {
    const due = hand.now() + 2;
    scheduler.aim(due);
    expect([hand.timers(), hand.looks()]).to.deep.equal([0, 1]);
    hand.turn();
    expect(wakes).to.deep.equal([]);
    hand.advance(2);
    hand.turn();
    expect(wakes).to.deep.equal([due]);

    scheduler.aim(hand.now() - 10);
    expect(wakes, 'not within aim').to.have.length(1);
    hand.turn();
    expect(wakes).to.have.length(2);
  });

  it('cancelled while it looks, or re-aimed, stops looking', () => {
    scheduler.aim(hand.now() + 2);
    scheduler.cancel();
    expect(hand.looks()).to.equal(0);
    scheduler.aim(hand.now() + 2);
    scheduler.aim(hand.now() + 50);
    expect([hand.timers(), hand.looks()], 'only the new timer').to.deep.equal([1, 0]);
    hand.advance(10);
    hand.turn();
    expect(wakes).to.deep.equal([]);
  });

  it('woken by wakeOverdue within the lead, wakes once', () => {
    scheduler.aim(hand.now() + 3);
    hand.advance(3);
    wakeOverdue();
    hand.turn();
    hand.advance(10);
    hand.turn();
    expect(wakes).to.have.length(1);
  });
});

describe('the scheduler on the system clock', () => {
  it('wakes early by its timer, yet never before its due time', async () => {
    expect(systemTimeSource.early?.leadMs).to.equal(WAKE_LEAD_MS).and.to.be.greaterThan(0);
    for (let i = 0; i < 10; i += 1) {
      const due = systemTimeSource.now() + 5 + i;
      const woke = await new Promise<number>((done) =>
        new Scheduler(systemTimeSource, () => done(systemTimeSource.now())).aim(due),
      );
      expect(woke, `wake ${i}`).to.be.at.least(due);
    }
  });
});
