import { expect } from 'chai';
import { StoryClock } from '../../server/replay/clock.js';
import { AppError } from '../../server/errors.js';
import { fakeTime, type FakeTime } from '../support/fake-time.js';

const HOUR = 3_600_000;

describe('story clock', () => {
  let fake: FakeTime;
  beforeEach(() => {
    fake = fakeTime();
  });

  it('stands still while paused', () => {
    const clock = new StoryClock(fake.time, 10 * HOUR);
    fake.tick(60_000);
    expect(clock.offset()).to.equal(0);
  });

  it('advances by wall time times speed while playing', () => {
    const clock = new StoryClock(fake.time, 10 * HOUR, { speed: 60 });
    clock.play();
    fake.tick(1_000);
    expect(clock.offset()).to.equal(60_000);
  });

  it('keeps the story time reached when the speed changes mid-interval', () => {
    const clock = new StoryClock(fake.time, 10 * HOUR, { speed: 60 });
    clock.play();
    fake.tick(500);
    clock.setSpeed(1000);
    expect(clock.offset()).to.equal(30_000);
    fake.tick(500);
    expect(clock.offset()).to.equal(530_000);
  });

  it('keeps the offset through pause and play', () => {
    const clock = new StoryClock(fake.time, 10 * HOUR, { speed: 2 });
    clock.play();
    fake.tick(1_000);
    clock.pause();
    fake.tick(5_000);
    expect(clock.offset()).to.equal(2_000);
    clock.play();
    fake.tick(1_000);
    expect(clock.offset()).to.equal(4_000);
  });

  it('moves at a tenth of real time at 0.1x, in whole milliseconds', () => {
    const clock = new StoryClock(fake.time, HOUR, { speed: 0.1 });
    clock.play();
    fake.tick(1_234);
    expect(clock.offset()).to.equal(123);
  });

  it('seeks anywhere, clamped to the story', () => {
    const clock = new StoryClock(fake.time, HOUR);
    clock.seek(30 * 60_000);
    expect(clock.offset()).to.equal(30 * 60_000);
    clock.seek(-5);
    expect(clock.offset()).to.equal(0);
    clock.seek(2 * HOUR);
    expect(clock.offset()).to.equal(HOUR);
  });

  it('stops at the end of the story while playing', () => {
    const clock = new StoryClock(fake.time, HOUR, { speed: 3600 });
    clock.play();
    fake.tick(2_000);
    expect(clock.offset()).to.equal(HOUR);
    expect(clock.atEnd).to.equal(true);
  });

  it('knows the wall time at which a story offset will be reached', () => {
    const clock = new StoryClock(fake.time, HOUR, { speed: 60 });
    clock.play();
    const due = clock.wallTimeOf(60_000);
    expect(due - fake.time.now()).to.equal(1_000);
    fake.tick(1_000);
    expect(clock.offsetAt(due)).to.equal(60_000);
  });

  [0.05, 10_001, Number.NaN, Infinity].forEach((speed) => {
    it(`refuses a speed of ${speed}`, () => {
      const clock = new StoryClock(fake.time, HOUR);
      expect(() => clock.setSpeed(speed)).to.throw(AppError, /speed must be between 0.1 and 10000/);
    });
  });

  it('refuses to seek to a time that is not a number', () => {
    const clock = new StoryClock(fake.time, HOUR);
    expect(() => clock.seek(Number.NaN)).to.throw(AppError, /cannot seek/);
  });
});
