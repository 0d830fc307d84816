import { expect } from 'chai';
import { expectationStatus, type ExpectationStatus } from '../../server/replay/expectations.js';
import { stateAt } from '../../server/replay/fold.js';
import type { ScenarioState } from '../../server/replay/state.js';
import type { Scenario } from '../../server/scenario/compile.js';
import { MIN, text, twoChannelScenario } from '../support/two-channel.js';
import type { EntryFile, ExpectSpec, InjectSpec, UpdateSpec } from '../../server/scenario/schema.js';
import type { Mode } from '../../server/scenario/vocabulary.js';

/** A journalist's call, the contingency of the expectations below. */
const CALL: InjectSpec = { channel: 'phone', from: 'AFP', body: text('Why has nothing been said?') };

const scenario = (timeline: EntryFile[]): Scenario => twoChannelScenario(timeline);

/** An update of `incident` at minute `m`, opening it if new. */
const update = (m: number, incident: string, extra: Partial<UpdateSpec> = {}): EntryFile => ({
  at: `+${m}m`,
  update: { incident, title: text('T'), impact: 'major', status: 'investigating', body: text('B'), ...extra },
});

/** An expectation at minute `m`. */
const expectation = (m: number, spec: Omit<ExpectSpec, 'id'>): EntryFile => ({
  at: `+${m}m`,
  expect: { id: 'x', ...spec },
});

/** How the single expectation of `state` stands. */
function standing(state: ScenarioState): { status: ExpectationStatus; deadlineMs?: number; metAtMs?: number } {
  const [e] = state.expectations;
  if (e === undefined) throw new Error('no expectation in the state');
  return {
    status: expectationStatus(e, state.offsetMs),
    deadlineMs: e.deadlineMs,
    ...(e.metAtMs === undefined ? {} : { metAtMs: e.metAtMs }),
  };
}

/** The contingency injects of `state` (refs `x…`), with their offsets. */
const contingencies = (state: ScenarioState): Array<[string, number]> =>
  state.injects.filter((i) => i.ref.startsWith('x')).map((i) => [i.ref, i.offsetMs]);

describe('expectations', () => {
  describe('cadence', () => {
    const cases: Array<{
      name: string;
      timeline: EntryFile[];
      atMin: number;
      expected: { status: ExpectationStatus; deadlineMin: number; metAtMin?: number };
    }> = [
      {
        name: 'is met when the incident closes with no gap longer than within',
        timeline: [
          update(0, 'a'),
          expectation(0, { kind: 'cadence', within: '30m', incident: 'a' }),
          update(20, 'a'),
          update(45, 'a'),
          update(70, 'a', { status: 'resolved' }),
        ],
        atMin: 120,
        expected: { status: 'met', deadlineMin: 100, metAtMin: 70 },
      },
      {
        name: 'is pending while each update comes in time, its deadline moving with the last one',
        timeline: [update(0, 'a'), expectation(0, { kind: 'cadence', within: '30m' }), update(25, 'a')],
        atMin: 50,
        expected: { status: 'pending', deadlineMin: 55 },
      },
      {
        name: 'is missed once a deadline passes without an update',
        timeline: [update(0, 'a'), expectation(0, { kind: 'cadence', within: '30m' }), update(20, 'a')],
        atMin: 51,
        expected: { status: 'missed', deadlineMin: 50 },
      },
      {
        name: 'keeps its missed deadline when an update comes after it',
        timeline: [
          update(0, 'a'),
          expectation(0, { kind: 'cadence', within: '30m' }),
          update(20, 'a'),
          update(60, 'a'),
          update(70, 'a'),
        ],
        atMin: 75,
        expected: { status: 'missed', deadlineMin: 50 },
      },
      {
        name: 'is late when the incident closes after a missed deadline',
        timeline: [
          update(0, 'a'),
          expectation(0, { kind: 'cadence', within: '30m' }),
          update(20, 'a'),
          update(60, 'a'),
          update(90, 'a', { status: 'resolved' }),
        ],
        atMin: 120,
        expected: { status: 'late', deadlineMin: 50, metAtMin: 90 },
      },
      {
        name: 'counts an update published exactly at the deadline',
        timeline: [
          update(0, 'a'),
          expectation(0, { kind: 'cadence', within: '30m' }),
          update(30, 'a'),
          update(60, 'a', { status: 'resolved' }),
        ],
        atMin: 120,
        expected: { status: 'met', deadlineMin: 90, metAtMin: 60 },
      },
      {
        name: 'counts from its own time, not from updates before it',
        timeline: [
          update(0, 'a'),
          update(10, 'a'),
          expectation(30, { kind: 'cadence', within: '30m' }),
          update(55, 'a'),
        ],
        atMin: 80,
        expected: { status: 'pending', deadlineMin: 85 },
      },
      {
        name: 'counts only the updates of its incident when it names one',
        timeline: [
          update(0, 'a'),
          update(0, 'b'),
          expectation(0, { kind: 'cadence', within: '30m', incident: 'a' }),
          update(20, 'b'),
          update(40, 'b'),
          update(45, 'a', { status: 'resolved' }),
        ],
        atMin: 60,
        expected: { status: 'late', deadlineMin: 30, metAtMin: 45 },
      },
      {
        name: 'counts the updates of every incident, and waits for all to close, when it names none',
        timeline: [
          update(0, 'a'),
          update(0, 'b'),
          expectation(0, { kind: 'cadence', within: '30m' }),
          update(20, 'b'),
          update(40, 'a', { status: 'resolved' }),
        ],
        atMin: 60,
        expected: { status: 'pending', deadlineMin: 70 },
      },
      {
        name: 'is met without an incident named when the last open incident closes',
        timeline: [
          update(0, 'a'),
          update(0, 'b'),
          expectation(0, { kind: 'cadence', within: '30m' }),
          update(20, 'b', { status: 'resolved' }),
          update(40, 'a', { status: 'postmortem' }),
        ],
        atMin: 60,
        expected: { status: 'met', deadlineMin: 70, metAtMin: 40 },
      },
      {
        name: 'is met without an incident named only once an incident has opened and closed',
        timeline: [
          expectation(0, { kind: 'cadence', within: '30m' }),
          update(20, 'a'),
          update(40, 'a', { status: 'resolved' }),
        ],
        atMin: 60,
        expected: { status: 'met', deadlineMin: 70, metAtMin: 40 },
      },
    ];
    cases.forEach(({ name, timeline, atMin, expected }) => {
      it(name, () => {
        expect(standing(stateAt(scenario(timeline), atMin * MIN))).to.deep.equal({
          status: expected.status,
          deadlineMs: expected.deadlineMin * MIN,
          ...(expected.metAtMin === undefined ? {} : { metAtMs: expected.metAtMin * MIN }),
        });
      });
    });
  });

  describe('workaround', () => {
    const cases: Array<{ name: string; update: Partial<UpdateSpec>; expected: ExpectationStatus }> = [
      {
        name: 'a channel named as still operational',
        update: { channels: { web: 'major_outage', cards: 'operational' } },
        expected: 'met',
      },
      { name: 'a channel brought back to operational', update: { channels: { web: 'operational' } }, expected: 'met' },
      { name: 'only channels that fail', update: { channels: { web: 'major_outage' } }, expected: 'missed' },
    ];
    cases.forEach(({ name, update: extra, expected: status }) => {
      it(`is ${status} by an update with ${name}`, () => {
        const state = stateAt(
          scenario([
            { at: '+0m', actual: { web: 'major_outage' } },
            expectation(0, { kind: 'workaround', within: '1h' }),
            update(30, 'a', extra),
          ]),
          2 * 60 * MIN,
        );
        expect(standing(state).status).to.equal(status);
      });
    });
  });

  describe('contingency (onMissed)', () => {
    const firstUpdateWithCall = expectation(60, { kind: 'first-update', within: '15m', onMissed: CALL });
    const modes: Mode[] = ['replay', 'exercise'];

    it('delivers the inject just after the deadline passes unmet, stamped with the deadline', () => {
      const s = scenario([firstUpdateWithCall]);
      expect(contingencies(stateAt(s, 75 * MIN))).to.deep.equal([]);
      const after = stateAt(s, 75 * MIN + 1);
      expect(contingencies(after)).to.deep.equal([['xe0', 75 * MIN]]);
      expect(after.injects[0]?.item).to.deep.equal(CALL);
    });

    modes.forEach((mode) => {
      it(`delivers the inject once, whatever comes after, in ${mode} mode`, () => {
        const s = scenario([firstUpdateWithCall, update(90, 'a'), { at: '+2h', inject: CALL }, update(150, 'a')]);
        const state = stateAt(s, 12 * 60 * MIN, mode);
        expect(state.injects.map((i) => [i.ref, i.offsetMs])).to.deep.equal([
          ['xe0', 75 * MIN],
          ['e2', 120 * MIN],
        ]);
      });
    });

    it('delivers nothing when the expectation is met by its deadline, only when it is met after', () => {
      const calls = (updateAt: number): Array<[string, number]> =>
        contingencies(stateAt(scenario([firstUpdateWithCall, update(updateAt, 'a')]), 12 * 60 * MIN));
      expect(calls(70), 'met before the deadline').to.deep.equal([]);
      expect(calls(75), 'met exactly at the deadline').to.deep.equal([]);
      expect(calls(76), 'met a minute late').to.deep.equal([['xe0', 75 * MIN]]);
    });

    it("delivers a cadence's inject at the deadline it missed, not at the ones it kept", () => {
      const s = scenario([
        update(0, 'a'),
        expectation(0, { kind: 'cadence', within: '30m', onMissed: CALL }),
        update(25, 'a'),
        update(90, 'a'),
        update(100, 'a'),
      ]);
      expect(contingencies(stateAt(s, 55 * MIN))).to.deep.equal([]);
      expect(contingencies(stateAt(s, 12 * 60 * MIN))).to.deep.equal([['xe1', 55 * MIN]]);
    });

    it('keeps the published state as it is', () => {
      const s = scenario([expectation(0, { kind: 'first-update', within: '15m', onMissed: CALL })]);
      const [before, after] = [stateAt(s, 15 * MIN), stateAt(s, 16 * MIN)];
      expect(contingencies(after)).to.have.length(1);
      expect(after.channels).to.deep.equal(before.channels);
      expect(after.incidents).to.deep.equal(before.incidents);
    });
  });
});
