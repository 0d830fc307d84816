import { expect } from 'chai';
import {
  formatDuration,
  formatInZone,
  isTimeZone,
  parseDateTime,
  parseDuration,
  resolveTimeRef,
} from '../../server/scenario/time.js';

const START = Date.parse('2025-12-22T06:00:00+01:00');

describe('scenario time syntax', () => {
  [
    { input: '15m', expected: 15 * 60_000 },
    { input: '1h30m', expected: 90 * 60_000 },
    { input: '1d2h', expected: 26 * 3_600_000 },
    { input: '45s', expected: 45_000 },
    { input: '0m', expected: 0 },
  ].forEach(({ input, expected: want }) => {
    it(`reads the duration "${input}"`, () => {
      expect(parseDuration(input)).to.equal(want);
    });
  });

  ['', '15', 'm', '1m2h', '15 m', '-5m', '1.5h'].forEach((input) => {
    it(`refuses "${input}" as a duration`, () => {
      expect(parseDuration(input)).to.equal(undefined);
    });
  });

  it('resolves an offset from the start', () => {
    expect(resolveTimeRef('+3h30m', START)).to.equal(210 * 60_000);
  });

  it('resolves an absolute time in another offset to the same instant', () => {
    expect(resolveTimeRef('2025-12-22T09:00:00Z', START)).to.equal(4 * 3_600_000);
  });

  it('accepts date-times without seconds', () => {
    expect(parseDateTime('2025-12-22T07:00+01:00')).to.equal(Date.parse('2025-12-22T06:00:00Z'));
  });

  ['2025-12-22T07:00', '2025-02-30T07:00+01:00', '2025-12-22T24:00+01:00', '22/12/2025 07:00', '+3h30'].forEach(
    (input) => {
      it(`refuses "${input}" as a story time`, () => {
        expect(resolveTimeRef(input, START)).to.equal(undefined);
      });
    },
  );

  it('formats durations largest unit first', () => {
    expect(formatDuration(93_600_000)).to.equal('1d2h');
    expect(formatDuration(0)).to.equal('0m');
    expect(formatDuration(61_000)).to.equal('1m1s');
  });

  it('formats an instant with the zone offset in force at that instant', () => {
    expect(formatInZone(Date.parse('2025-12-22T09:00:00Z'), 'Europe/Paris')).to.equal('2025-12-22T10:00:00+01:00');
    expect(formatInZone(Date.parse('2025-07-01T09:00:00Z'), 'Europe/Paris')).to.equal('2025-07-01T11:00:00+02:00');
    expect(formatInZone(Date.parse('2025-07-01T09:00:00Z'), 'UTC')).to.equal('2025-07-01T09:00:00+00:00');
  });

  it('knows IANA time zones and refuses made-up ones', () => {
    expect(isTimeZone('Europe/Paris')).to.equal(true);
    expect(isTimeZone('Europe/Atlantis')).to.equal(false);
  });
});
