import { expect } from 'chai';
import fc from 'fast-check';
import { AppError } from '../../server/errors.js';
import { foldRun } from '../../server/replay/fold.js';
import { Run } from '../../server/replay/run.js';
import { compileScenario, type Scenario } from '../../server/scenario/compile.js';
import type { EntryFile, ScenarioFile } from '../../server/scenario/schema.js';
import { IMPACTS, STAGES, STATUSES, type ExpectKind, type Mode } from '../../server/scenario/vocabulary.js';
import { fakeTime } from '../support/fake-time.js';
import { FACILITATOR, RESPONDER } from '../support/runs.js';

const MIN = 60_000;
const text = (t: string): { fr: string; en: string } => ({ fr: t, en: t });

/** A random entry at a whole minute (so several often share an instant). */
const entryArb = (channels: number, minutes: number): fc.Arbitrary<EntryFile> => {
  const at = fc.integer({ min: 0, max: minutes }).map((m) => `+${m}m`);
  const channel = fc.integer({ min: 0, max: channels - 1 }).map((i) => `c${i}`);
  const status = fc.constantFrom(...STATUSES);
  return fc.oneof(
    fc.record({ at, actual: fc.dictionary(channel, status, { minKeys: 1, maxKeys: channels }) }),
    fc.record({
      at,
      update: fc.record({
        incident: fc.constantFrom('a', 'b'),
        title: fc.constant(text('Incident')),
        status: fc.constantFrom(...STAGES),
        impact: fc.constantFrom(...IMPACTS),
        channels: fc.dictionary(channel, status, { maxKeys: channels }),
        body: fc.string({ minLength: 1, maxLength: 8 }).map(text),
      }),
    }),
    fc.record({ at, inject: fc.constant({ channel: 'press' as const, from: 'AFP', body: text('?') }) }),
    fc.record({ at, prompt: fc.constant(text('Discuss')) }),
    fc.record({
      at,
      expect: fc.record(
        {
          id: fc.uuid().map((u) => `x${u.slice(0, 8)}`),
          kind: fc.constantFrom<ExpectKind>('first-update', 'scoping', 'workaround', 'update', 'resolve', 'cadence'),
          within: fc.constantFrom('1m', '15m', '30m'),
          incident: fc.constantFrom('a', 'b'),
          // A contingency, delivered when the deadline passes unmet.
          onMissed: fc.constant({ channel: 'phone' as const, from: 'AFP', body: text('Why so quiet?') }),
        },
        { requiredKeys: ['id', 'kind', 'within'] },
      ),
    }),
  );
};

const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({ channels: fc.integer({ min: 1, max: 4 }), minutes: fc.integer({ min: 5, max: 600 }) })
  .chain(({ channels, minutes }) =>
    fc.array(entryArb(channels, minutes), { maxLength: 16 }).map((timeline) => {
      const ids = new Set<string>();
      const unique = timeline.filter((e) => !('expect' in e) || (!ids.has(e.expect.id) && ids.add(e.expect.id)));
      const file: ScenarioFile = {
        schema: 'statusdrill/v1',
        id: 'random',
        title: text('Random'),
        summary: text('Random'),
        timeZone: 'Europe/Paris',
        startsAt: '2026-01-05T08:00:00+01:00',
        endsAt: new Date(Date.parse('2026-01-05T07:00:00Z') + minutes * MIN).toISOString().replace('.000Z', 'Z'),
        languages: ['fr', 'en'],
        groups: [{ id: 'g', organisation: 'Org', name: text('G') }],
        channels: Array.from({ length: channels }, (_, i) => ({ id: `c${i}`, group: 'g', name: text(`C${i}`) })),
        timeline: unique,
      };
      return compileScenario(file);
    }),
  );

type Op =
  | { op: 'play' | 'pause' | 'next' | 'back' | 'restart' | 'inject' }
  | { op: 'speed'; speed: number }
  | { op: 'seek'; at: number }
  | { op: 'tick'; ms: number }
  | { op: 'actual'; channel: number; status: (typeof STATUSES)[number] }
  | {
      op: 'publish';
      incident: string;
      stage: (typeof STAGES)[number];
      channel: number;
      status: (typeof STATUSES)[number];
    }
  | { op: 'fire' | 'skip'; pick: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.constantFrom<Op>(
    { op: 'play' },
    { op: 'pause' },
    { op: 'next' },
    { op: 'back' },
    { op: 'restart' },
    { op: 'inject' },
  ),
  fc.record({ op: fc.constant('speed' as const), speed: fc.constantFrom(0.1, 1, 7, 60, 1000, 10_000) }),
  fc.record({ op: fc.constant('seek' as const), at: fc.double({ min: -0.1, max: 1.1, noNaN: true }) }),
  fc.record({ op: fc.constant('tick' as const), ms: fc.integer({ min: 0, max: 120_000 }) }),
  fc.record({ op: fc.constant('actual' as const), channel: fc.nat(), status: fc.constantFrom(...STATUSES) }),
  fc.record({
    op: fc.constant('publish' as const),
    incident: fc.constantFrom('a', 'r'),
    stage: fc.constantFrom(...STAGES),
    channel: fc.nat(),
    status: fc.constantFrom(...STATUSES),
  }),
  fc.record({ op: fc.constantFrom('fire' as const, 'skip' as const), pick: fc.nat() }),
);

function perform(run: Run, op: Op, tick: (ms: number) => void): void {
  const channels = run.scenario.file.channels;
  const entries = run.scenario.entries;
  switch (op.op) {
    case 'play':
      return run.play(FACILITATOR);
    case 'pause':
      return run.pause(FACILITATOR);
    case 'next':
      return run.stepNext(FACILITATOR);
    case 'back':
      return run.stepBack(FACILITATOR);
    case 'restart':
      return run.restart(FACILITATOR);
    case 'speed':
      return run.setSpeed(op.speed, FACILITATOR);
    case 'seek':
      return run.seek(Math.round(op.at * run.scenario.durationMs), FACILITATOR);
    case 'tick':
      return tick(op.ms);
    case 'inject':
      run.act({ type: 'inject', inject: { channel: 'social', from: 'x', body: { fr: '!' } } }, FACILITATOR);
      return;
    case 'actual':
      run.act(
        { type: 'set-actual', channel: channels[op.channel % channels.length]!.id, status: op.status },
        FACILITATOR,
      );
      return;
    case 'publish': {
      const channel = channels[op.channel % channels.length]!.id;
      run.act(
        {
          type: 'publish',
          update: {
            incident: op.incident,
            title: { fr: 'T' },
            impact: 'minor',
            status: op.stage,
            body: { fr: 'B' },
            channels: { [channel]: op.status },
          },
        },
        RESPONDER,
      );
      return;
    }
    case 'fire':
    case 'skip':
      if (entries.length === 0) return;
      run.act({ type: op.op, entry: entries[op.pick % entries.length]!.index }, FACILITATOR);
  }
}

/** Between two backward moves, each entry applies at most once, in story order. */
function checkPasses(run: Run): void {
  let pass: Array<{ offsetMs: number; position: number; entry: number }> = [];
  const position = new Map(run.scenario.entries.map((e, i) => [e.index, i]));
  for (const record of run.logRecords()) {
    if (
      record.kind === 'control' &&
      record.toMs !== undefined &&
      record.fromMs !== undefined &&
      record.toMs < record.fromMs
    )
      pass = [];
    if (record.kind !== 'entry') continue;
    expect(
      pass.map((p) => p.entry),
      `entry ${record.entry} applied twice in one pass`,
    ).to.not.include(record.entry);
    const last = pass.at(-1);
    const here = { offsetMs: record.offsetMs, position: position.get(record.entry) ?? -1, entry: record.entry };
    if (last !== undefined) expect(last.position < here.position, 'entries out of order').to.equal(true);
    pass.push(here);
  }
}

describe('the run invariant', () => {
  it('keeps the state equal to the fold of the scenario and the actions in effect, whatever the controls', () => {
    fc.assert(
      fc.property(
        scenarioArb,
        fc.constantFrom<Mode>('replay', 'exercise'),
        fc.array(opArb, { minLength: 10, maxLength: 60 }),
        (scenario, mode, ops) => {
          const fake = fakeTime();
          const run = new Run({ id: 'p', scenario, mode, time: fake.time, speed: 60 });
          try {
            for (const op of ops) {
              try {
                perform(run, op, fake.tick);
              } catch (error) {
                if (!(error instanceof AppError)) throw error;
              }
              // What the timer and the controls applied, without catching up: due work never waits.
              const applied = { ...run.appliedState(), offsetMs: run.clock.offset() };
              const state = run.currentState();
              const folded = foldRun(scenario, mode, run.effectiveActions(), state.offsetMs);
              expect(state).to.deep.equal(folded);
              expect(applied.injects, 'injects delivered on time').to.deep.equal(folded.injects);
            }
            checkPasses(run);
          } finally {
            run.close();
          }
          expect(fake.pendingTimers()).to.equal(0);
        },
      ),
      { numRuns: 300 },
    );
  });
});
