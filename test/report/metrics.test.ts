import { expect } from 'chai';
import { communicationMetrics, type CommunicationMetrics } from '../../server/report/metrics.js';
import type { RecordedAction } from '../../server/replay/actions.js';
import type { EntryFile } from '../../server/scenario/schema.js';
import type { Mode } from '../../server/scenario/vocabulary.js';
import { actual, expectation, MIN, published, responder, scenario, update, WORKAROUND } from './metrics-fixture.js';

const END = 12 * 60 * MIN;

interface Run {
  timeline: EntryFile[];
  mode?: Mode;
  actions?: RecordedAction[];
  endMs?: number;
}

function measure({ timeline, mode = 'replay', actions = [], endMs = END }: Run): CommunicationMetrics {
  return communicationMetrics({ scenario: scenario(timeline), mode, actions, endMs });
}

const down = { web: 'major_outage' } as const;
const named = { channels: { web: 'major_outage' } } as const;

describe('communicationMetrics', () => {
  describe('time to first update', () => {
    const cases: Array<{ name: string; run: Run; expected: Partial<CommunicationMetrics> }> = [
      {
        name: 'measures nothing when no channel is impaired and nothing is said',
        run: { timeline: [actual(60, { web: 'operational' })] },
        expected: { firstImpactMs: undefined, timeToFirstUpdateMs: undefined, updateBeforeImpact: false },
      },
      {
        name: 'counts a degradation as the first impact',
        run: { timeline: [actual(40, { cards: 'degraded_performance' }), actual(60, down), update(50, 'i')] },
        expected: { firstImpactMs: 40 * MIN, timeToFirstUpdateMs: 10 * MIN, firstUpdateWithinPolicy: true },
      },
      {
        name: 'reports a late first update as outside the policy',
        run: { timeline: [actual(60, down), update(90, 'i')] },
        expected: { timeToFirstUpdateMs: 30 * MIN, firstUpdateWithinPolicy: false },
      },
      {
        name: 'fails the policy when nothing was said and the deadline has passed',
        run: { timeline: [actual(60, down)] },
        expected: { firstImpactMs: 60 * MIN, timeToFirstUpdateMs: undefined, firstUpdateWithinPolicy: false },
      },
      {
        name: 'leaves the policy undecided when nothing was said yet and the deadline is ahead',
        run: { timeline: [actual(60, down)], endMs: 70 * MIN },
        expected: { timeToFirstUpdateMs: undefined, firstUpdateWithinPolicy: undefined },
      },
      {
        name: 'reports a negative time and flags an update published before any impact',
        run: { timeline: [update(30, 'i'), actual(60, down)] },
        expected: { timeToFirstUpdateMs: -30 * MIN, updateBeforeImpact: true, firstUpdateWithinPolicy: true },
      },
      {
        name: 'flags an update when no channel is ever impaired',
        run: { timeline: [update(30, 'i')] },
        expected: { firstUpdateMs: 30 * MIN, timeToFirstUpdateMs: undefined, updateBeforeImpact: true },
      },
      {
        name: 'counts the responders’ update, not the withheld script, in exercise mode',
        run: { timeline: [actual(60, down), update(65, 'i')], mode: 'exercise', actions: [published(1, 80, 'i')] },
        expected: { firstUpdateMs: 80 * MIN, timeToFirstUpdateMs: 20 * MIN, firstUpdateWithinPolicy: false },
      },
      {
        name: 'ignores what happens after the end',
        run: { timeline: [actual(60, down), update(70, 'i')], endMs: 65 * MIN },
        expected: { updateCount: 0, firstUpdateMs: undefined, firstUpdateWithinPolicy: undefined },
      },
    ];
    cases.forEach(({ name, run, expected }) =>
      it(name, () => {
        const metrics = measure(run);
        const got = metrics as unknown as Record<string, unknown>;
        for (const [key, value] of Object.entries(expected)) expect(got[key], key).to.equal(value);
      }),
    );
  });

  describe('scoping latency', () => {
    it('measures from the first update to the first naming a channel, against scopingWithin', () => {
      const metrics = measure({ timeline: [actual(60, down), update(70, 'i'), update(110, 'i', named)] });
      expect(metrics.scopingLatencyMs).to.equal(40 * MIN);
      expect(metrics.scopingWithinPolicy).to.equal(false);
    });

    it('is zero when the first update names the affected channels', () => {
      const metrics = measure({ timeline: [actual(60, down), update(70, 'i', named)] });
      expect(metrics.scopingLatencyMs).to.equal(0);
      expect(metrics.scopingWithinPolicy).to.equal(true);
    });
  });

  describe('gaps', () => {
    it('lists the gaps between updates of an open incident and the share within maxGap', () => {
      const timeline = [update(10, 'i'), update(30, 'i'), update(80, 'i'), update(90, 'i', { status: 'resolved' })];
      const { gaps } = measure({ timeline });
      expect(gaps.gaps.map((g) => [g.fromMs / MIN, g.toMs / MIN, g.withinPolicy])).to.deep.equal([
        [10, 30, true],
        [30, 80, false],
        [80, 90, true],
      ]);
      expect(gaps.withinPolicyShare).to.equal(2 / 3);
      expect(gaps.openGap).to.equal(undefined);
    });

    it('counts no gap while every incident is closed', () => {
      const timeline = [
        update(10, 'i'),
        update(20, 'i', { status: 'resolved' }),
        update(200, 'j'),
        update(210, 'j', { status: 'resolved' }),
      ];
      const { gaps } = measure({ timeline });
      expect(gaps.gaps.map((g) => [g.fromMs / MIN, g.toMs / MIN])).to.deep.equal([
        [10, 20],
        [200, 210],
      ]);
    });

    it('counts updates of several incidents published at the same instant as one', () => {
      const timeline = [
        update(10, 'i'),
        update(30, 'i'),
        update(30, 'j'),
        update(40, 'i', { status: 'resolved' }),
        update(40, 'j', { status: 'resolved' }),
      ];
      const { gaps } = measure({ timeline });
      expect(gaps.gaps.map((g) => g.gapMs / MIN)).to.deep.equal([20, 10]);
    });

    it('reports the silence since the last update when an incident is still open at the end', () => {
      const { gaps } = measure({ timeline: [update(10, 'i'), update(30, 'i')] });
      expect(gaps.openGap).to.deep.equal({ fromMs: 30 * MIN, toMs: END, gapMs: END - 30 * MIN, withinPolicy: false });
    });

    it('has no share when there is no gap', () => {
      expect(measure({ timeline: [update(10, 'i')] }).gaps.withinPolicyShare).to.equal(null);
    });
  });

  describe('staleness and accuracy', () => {
    // Exercise mode, so the page moves only when responders publish. Over 100 minutes:
    // web is down from 20 to 80 and published down from 50 to 90: stale 20-50 and 80-90;
    // cards is degraded from 40 and never published so: stale 40-100, one level off.
    const run: Run = {
      mode: 'exercise',
      endMs: 100 * MIN,
      timeline: [actual(20, down), actual(40, { cards: 'degraded_performance' }), actual(80, { web: 'operational' })],
      actions: [
        published(1, 50, 'i', named),
        published(2, 90, 'i', { status: 'resolved', channels: { web: 'operational' } }),
      ],
    };

    it('totals the time each channel’s page differed from the truth and its longest stretch', () => {
      expect(measure(run).staleness).to.deep.equal({
        web: { staleMs: 40 * MIN, longestStaleMs: 30 * MIN, staleAtEnd: false },
        cards: { staleMs: 60 * MIN, longestStaleMs: 60 * MIN, staleAtEnd: true },
      });
    });

    it('computes exact accuracy from the first impact to the end, per channel and overall', () => {
      const { accuracy } = measure(run);
      expect([accuracy.fromMs, accuracy.toMs]).to.deep.equal([20 * MIN, 100 * MIN]);
      expect(accuracy.perChannel.web?.exact).to.equal(0.5);
      expect(accuracy.perChannel.cards?.exact).to.equal(0.25);
      expect(accuracy.exact).to.equal(0.375);
    });

    it('forgives one severity level in the within-one-level share, but not three', () => {
      const { accuracy } = measure(run);
      expect(accuracy.perChannel.web?.withinOneLevel).to.equal(0.5);
      expect(accuracy.perChannel.cards?.withinOneLevel).to.equal(1);
      expect(accuracy.withinOneLevel).to.equal(0.75);
    });

    it('has no share when no time elapsed', () => {
      expect(measure({ timeline: [], endMs: 0 }).accuracy.exact).to.equal(null);
    });
  });

  describe('what still works', () => {
    const cases: Array<{ name: string; timeline: EntryFile[]; expected: object }> = [
      {
        name: 'is not mentioned by updates that only name what is down',
        timeline: [actual(10, down), update(20, 'i', named)],
        expected: { mentioned: false },
      },
      {
        name: 'is mentioned by a workaround text',
        timeline: [actual(10, down), update(20, 'i'), update(30, 'i', { workaround: WORKAROUND })],
        expected: { mentioned: true, firstAtMs: 30 * MIN, updateId: 'u2', via: 'workaround' },
      },
      {
        name: 'is mentioned by a channel confirmed operational while another is down',
        timeline: [actual(10, down), update(20, 'i', { channels: { cards: 'operational' } })],
        expected: { mentioned: true, firstAtMs: 20 * MIN, updateId: 'u1', via: 'operational-channel' },
      },
      {
        name: 'is not mentioned by channels set operational once everything works again',
        timeline: [
          actual(10, down),
          actual(20, { web: 'operational' }),
          update(30, 'i', { channels: { web: 'operational' } }),
        ],
        expected: { mentioned: false },
      },
    ];
    cases.forEach(({ name, timeline, expected }) =>
      it(name, () => expect(measure({ timeline }).mentionsWhatWorks).to.deep.equal(expected)),
    );
  });

  describe('premature resolution', () => {
    it('lists an incident resolved while a channel it named was still down, and its reopening', () => {
      const timeline = [
        actual(10, down),
        update(20, 'i', named),
        update(60, 'i', { status: 'resolved' }),
        update(70, 'i', { status: 'investigating' }),
        actual(120, { web: 'operational' }),
      ];
      expect(measure({ timeline }).prematureResolution).to.deep.equal([
        { incident: 'i', updateId: 'u2', resolvedAtMs: 60 * MIN, impairedChannels: ['web'], reopenedAtMs: 70 * MIN },
      ]);
    });

    it('lists nothing when the incident is resolved after its channels recovered', () => {
      const timeline = [actual(10, down), update(20, 'i', named), actual(50, { web: 'operational' })];
      timeline.push(update(60, 'i', { status: 'resolved' }));
      expect(measure({ timeline }).prematureResolution).to.deep.equal([]);
    });
  });

  describe('next update promises', () => {
    it('counts the updates that promise a next one and the promises kept, leaving pending ones out', () => {
      const timeline = [
        update(10, 'i', { nextUpdateAt: '+40m' }),
        update(35, 'i', { nextUpdateAt: '+50m' }),
        update(60, 'i', { nextUpdateAt: '+11h59m' }),
        update(65, 'j'),
      ];
      const { nextUpdatePromises } = measure({ timeline, endMs: 700 * MIN });
      expect(nextUpdatePromises.promises.map((p) => p.outcome)).to.deep.equal(['kept', 'broken', 'pending']);
      expect(nextUpdatePromises.promisedShare).to.equal(0.75);
      expect(nextUpdatePromises.keptShare).to.equal(0.5);
    });
  });

  describe('expectations', () => {
    it('gives each expectation its status at the end, and the counts', () => {
      const timeline = [
        expectation(0, { id: 'first', kind: 'first-update', within: '15m' }),
        expectation(0, { id: 'scope', kind: 'scoping', within: '15m' }),
        expectation(0, { id: 'resolve', kind: 'resolve', within: '1h' }),
        expectation(700, { id: 'again', kind: 'update', within: '1h' }),
        update(10, 'i'),
        update(30, 'i', named),
      ];
      const { expectations } = measure({ timeline });
      expect(expectations.outcomes.map((o) => [o.id, o.status])).to.deep.equal([
        ['first', 'met'],
        ['scope', 'late'],
        ['resolve', 'missed'],
        ['again', 'pending'],
      ]);
      expect(expectations.counts).to.deep.equal({ met: 1, late: 1, missed: 1, pending: 1 });
    });
  });

  it('reads actual changes made by actions as impacts', () => {
    const actions = [responder(1, 45, { type: 'set-actual', channel: 'cards', status: 'partial_outage' })];
    expect(measure({ timeline: [], actions }).firstImpactMs).to.equal(45 * MIN);
  });
});
