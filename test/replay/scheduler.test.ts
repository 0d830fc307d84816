/**
 * The scheduler's timer, and `wakeOverdue`: work that holds the event loop (a crowd of requests)
 * wakes the schedulers whose time has come rather than leave them to wait for their turn.
 */
import { expect } from 'chai';
import { Scheduler, wakeOverdue } from '../../server/replay/scheduler.js';
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
