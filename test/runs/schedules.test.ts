import { expect } from 'chai';
import { install, type Clock, type TimerId } from '@sinonjs/fake-timers';
import { NotFoundError, ValidationError } from '../../server/errors.js';
import type { Run } from '../../server/replay/run.js';
import { SYSTEM } from '../../server/replay/run-log.js';
import { systemTimeSource, type TimeSource } from '../../server/replay/time-source.js';
import { RunRegistry } from '../../server/runs/registry.js';
import {
  RunSchedules,
  type CronScheduleInput,
  type RunSchedulesDeps,
  type ScheduleInput,
  type ScheduleView,
} from '../../server/runs/schedules.js';
import type { Scenario } from '../../server/scenario/compile.js';
import { loadValid } from '../support/scenario-fixture.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** A Monday in winter: Paris is UTC+1, New York UTC-5. */
const WINTER = Date.parse('2026-01-05T00:00:00Z');
/** A Monday in summer: Paris is UTC+2, New York UTC-4. */
const SUMMER = Date.parse('2026-07-06T00:00:00Z');

const scenario: Scenario = loadValid();
const library = (id: string): Scenario | undefined => (id === scenario.id ? scenario : undefined);
const settings = { scenario: 'fixture', mode: 'replay', speed: 60, visibility: 'public' } as const;
const daily = (timeZone: string): CronScheduleInput => ({ kind: 'cron', cron: '0 9 * * *', timeZone, ...settings });
const hourly: ScheduleInput = { kind: 'cron', cron: '0 * * * *', timeZone: 'UTC', ...settings };
const iso = (ms: number): string => new Date(ms).toISOString();

describe('scheduled runs', () => {
  let clock: Clock;
  let registry: RunRegistry;
  let schedules: RunSchedules;
  /** Wall instants at which the registry created a run. */
  let created: string[];
  let errors: Array<{ error: unknown; schedule: string }>;

  function build(deps: Partial<RunSchedulesDeps> = {}): RunSchedules {
    schedules.close();
    schedules = new RunSchedules({ runs: registry, scenario: library, ...deps });
    return schedules;
  }

  /** Advances fake time to `when`, firing timers and letting node-cron's promises settle. */
  async function advanceTo(when: string | number): Promise<void> {
    await clock.tickAsync((typeof when === 'string' ? Date.parse(when) : when) - clock.now);
  }

  beforeEach(() => {
    clock = install({
      now: WINTER,
      toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
    });
    const time: TimeSource = {
      now: () => clock.now,
      setTimeout: (callback, delayMs) => clock.setTimeout(callback, delayMs),
      clearTimeout: (handle) => clock.clearTimeout(handle as TimerId),
    };
    registry = new RunRegistry({ time });
    created = [];
    registry.onCreate(() => created.push(iso(Date.now())));
    errors = [];
    schedules = new RunSchedules({
      runs: registry,
      scenario: library,
      onError: (error, context) => errors.push({ error, ...context }),
    });
  });

  afterEach(() => {
    schedules.close();
    registry.close();
    clock.uninstall();
  });

  [
    { zone: 'Europe/Paris', season: 'winter', start: WINTER, utc: ['2026-01-05T08:00', '2026-01-06T08:00'] },
    { zone: 'UTC', season: 'winter', start: WINTER, utc: ['2026-01-05T09:00', '2026-01-06T09:00'] },
    { zone: 'America/New_York', season: 'winter', start: WINTER, utc: ['2026-01-05T14:00', '2026-01-06T14:00'] },
    { zone: 'Europe/Paris', season: 'summer', start: SUMMER, utc: ['2026-07-06T07:00', '2026-07-07T07:00'] },
    { zone: 'UTC', season: 'summer', start: SUMMER, utc: ['2026-07-06T09:00', '2026-07-07T09:00'] },
    { zone: 'America/New_York', season: 'summer', start: SUMMER, utc: ['2026-07-06T13:00', '2026-07-07T13:00'] },
  ].forEach(({ zone, season, start, utc }) => {
    const expected = utc.map((t) => `${t}:00.000Z`);
    it(`fires "0 9 * * *" at 09:00 ${zone} time in ${season} (${utc[0]}Z), and says so in nextRunAt`, async () => {
      clock.setSystemTime(start);
      const view = schedules.add(daily(zone));
      expect(view.nextRunAt).to.equal(expected[0]);
      await advanceTo(start + 2 * DAY);
      expect(created).to.deep.equal(expected);
      expect(schedules.get(view.id)?.nextRunAt).to.equal(iso(Date.parse(expected[1]!) + DAY));
    });
  });

  // Paris changes time on 2026-03-29 (02:00 becomes 03:00, so there is no 02:30) and on 2026-10-25
  // (03:00 becomes 02:00, so 02:30 happens twice). Each case runs three days from midnight UTC.
  describe('in Europe/Paris around a change of time', () => {
    [
      { name: 'keeps 09:00 in spring', cron: '0 9 * * *', utc: ['03-28T08:00', '03-29T07:00', '03-30T07:00'] },
      { name: 'keeps 09:00 in autumn', cron: '0 9 * * *', utc: ['10-24T07:00', '10-25T08:00', '10-26T08:00'] },
      { name: 'skips 02:30 on the spring day', cron: '30 2 * * *', utc: ['03-28T01:30', '03-30T00:30'] },
      {
        name: 'fires 02:30 once on the autumn day',
        cron: '30 2 * * *',
        utc: ['10-24T00:30', '10-25T01:30', '10-26T01:30'],
      },
    ].forEach(({ name, cron, utc }) => {
      it(`${name}: "${cron}" fires at ${utc.join(', ')} UTC`, async () => {
        const from = Date.parse(`2026-${utc[0]!.slice(0, 5)}T00:00:00Z`);
        clock.setSystemTime(from);
        schedules.add({ ...daily('Europe/Paris'), cron });
        await advanceTo(from + 3 * DAY);
        expect(created).to.deep.equal(utc.map((t) => `2026-${t}:00.000Z`));
      });
    });
  });

  it('starts a run of the scheduled scenario, mode, speed and visibility, playing as the system, at each firing', async () => {
    const started: Array<[ScheduleView, Run, boolean]> = [];
    build({ onStarted: (view, run) => started.push([view, run, run.clock.playing]) });
    const input: ScheduleInput = { ...daily('Europe/Paris'), mode: 'exercise', speed: 120, visibility: 'unlisted' };
    const { id } = schedules.add({ ...input, label: 'Morning drill' });
    await advanceTo('2026-01-06T12:00:00Z');
    const runs = registry.list();
    expect(runs).to.have.length(2);
    for (const run of runs) {
      expect([run.scenario.id, run.mode, run.clock.speed, run.visibility].join()).to.equal(
        'fixture,exercise,120,unlisted',
      );
      expect(run.logRecords()[0]).to.include({ kind: 'control', control: 'play', author: SYSTEM });
    }
    const view = schedules.get(id);
    expect(view).to.include({ label: 'Morning drill', lastRunAt: '2026-01-06T08:00:00.000Z' });
    expect(view?.runs).to.deep.equal(runs.map((run) => run.id));
    expect(started.map(([v, run, playing]) => [v.id, v.runs.at(-1), run, playing])).to.deep.equal(
      runs.map((run) => [id, run.id, run, true]),
    );
  });

  it('starts one run at the time of a once schedule, then keeps it in the list with no next run', async () => {
    const at = WINTER + 90 * 60_000;
    const { id } = schedules.add({ kind: 'once', at, ...settings });
    expect(schedules.get(id)).to.include({ kind: 'once', at: iso(at), nextRunAt: iso(at) });
    await advanceTo(at - 1);
    expect(created).to.deep.equal([]);
    await advanceTo(at + 30 * DAY);
    expect(created).to.deep.equal([iso(at)]);
    const view = schedules.get(id);
    expect(view).to.include({ nextRunAt: null, lastRunAt: iso(at) });
    expect(view?.runs).to.deep.equal([registry.list()[0]?.id]);
  });

  it('waits for a once schedule more than 24.8 days away (beyond what setTimeout honours) and fires on time', async () => {
    const at = WINTER + 40 * DAY + 5 * HOUR;
    schedules.add({ kind: 'once', at, ...settings });
    await advanceTo(at - 1);
    expect(created).to.deep.equal([]);
    await advanceTo(at + HOUR);
    expect(created).to.deep.equal([iso(at)]);
  });

  it('stops a cron schedule from firing once removed', async () => {
    const { id } = schedules.add(hourly);
    await advanceTo(WINTER + HOUR);
    schedules.remove(id);
    await advanceTo(WINTER + 6 * HOUR);
    expect(created).to.deep.equal([iso(WINTER + HOUR)]);
    expect(schedules.get(id)).to.equal(undefined);
    expect(schedules.list()).to.deep.equal([]);
  });

  it('cancels a pending once schedule when removed', async () => {
    const { id } = schedules.add({ kind: 'once', at: WINTER + HOUR, ...settings });
    schedules.remove(id);
    await advanceTo(WINTER + DAY);
    expect(created).to.deep.equal([]);
  });

  it('says clearly when there is no schedule to remove', () => {
    expect(() => schedules.remove('nope')).to.throw(NotFoundError, 'no schedule "nope"');
  });

  it('leaves no timer behind when closed', () => {
    schedules.add(hourly);
    schedules.add({ kind: 'once', at: WINTER + 60 * DAY, ...settings });
    expect(clock.countTimers()).to.equal(2);
    schedules.close();
    expect(clock.countTimers()).to.equal(0);
    expect(schedules.list()).to.deep.equal([]);
  });

  it('reports a failed firing to onError and fires again at the next match', async () => {
    const create = registry.create.bind(registry);
    let failures = 1;
    registry.create = (options) => {
      if (failures-- > 0) throw new Error('out of memory');
      return create(options);
    };
    const { id } = schedules.add(hourly);
    await advanceTo(WINTER + HOUR);
    expect(errors.map((e) => [(e.error as Error).message, e.schedule])).to.deep.equal([['out of memory', id]]);
    await advanceTo(WINTER + 2 * HOUR);
    expect(schedules.get(id)?.runs).to.have.length(1);
    expect(schedules.get(id)?.lastRunAt).to.equal(iso(WINTER + 2 * HOUR));
  });

  it('reports a firing missed while the process was blocked, and fires at the next match', async () => {
    const { id } = schedules.add(hourly);
    await advanceTo(WINTER + HOUR - 1);
    clock.jump(5_000); // the event loop was blocked for 5 s across the firing
    await advanceTo(WINTER + 2 * HOUR);
    expect(errors.map((e) => [(e.error as Error).message, e.schedule])).to.deep.equal([
      ['missed the firing of 2026-01-05T01:00:00.000Z: the process was busy', id],
    ]);
    expect(created).to.deep.equal([iso(WINTER + 2 * HOUR)]);
  });

  it('reports a scenario gone from the library when its time comes, and keeps the schedule', async () => {
    let present = true;
    build({
      scenario: (id) => (present ? library(id) : undefined),
      onError: (error) => errors.push({ error, schedule: '' }),
    });
    const { id } = schedules.add(hourly);
    present = false;
    await advanceTo(WINTER + HOUR);
    expect(errors.map((e) => (e.error as Error).message)).to.deep.equal(['scenario "fixture" is no longer available']);
    expect(schedules.get(id)?.nextRunAt).to.equal(iso(WINTER + 2 * HOUR));
  });

  it('gives each schedule a distinct, short, lowercase id', () => {
    const ids = Array.from({ length: 20 }, () => schedules.add(hourly).id);
    expect(new Set(ids).size).to.equal(20);
    for (const id of ids) expect(id).to.match(/^[0-9a-z]{8}$/);
  });

  const invalid = (input: object): ScheduleInput => input as ScheduleInput;
  const once = { ...settings, kind: 'once' };
  [
    { name: 'a bad cron field', input: { ...hourly, cron: '61 * * * *' }, expected: 'cron: "61 * * * *" is not a' },
    { name: 'a cron of two fields', input: { ...hourly, cron: 'every monday' }, expected: 'expected 5 or 6 fields' },
    { name: 'a missing cron', input: { ...hourly, cron: undefined }, expected: 'cron: undefined is not a valid' },
    { name: 'an unknown time zone', input: daily('Europe/Pariss'), expected: 'timeZone: unknown time zone' },
    { name: 'an unknown scenario', input: { ...hourly, scenario: 'nope' }, expected: 'scenario: no valid scenario' },
    { name: 'a past time', input: { ...once, at: WINTER - 1000 }, expected: 'at: 2026-01-04T23:59:59.000Z is not' },
    { name: 'the present time', input: { ...once, at: WINTER }, expected: 'is not in the future' },
    { name: 'a time as text', input: { ...once, at: '2027-01-01' }, expected: 'at: a wall time in epoch' },
    { name: 'a speed too slow', input: { ...hourly, speed: 0.05 }, expected: 'speed: a number from 0.1 to 10000' },
    { name: 'a speed too fast', input: { ...hourly, speed: 10_001 }, expected: 'speed: a number from 0.1 to 10000' },
    { name: 'a speed that is not a number', input: { ...hourly, speed: NaN }, expected: 'speed: a number from 0.1' },
    { name: 'an unknown mode', input: { ...hourly, mode: 'rehearsal' }, expected: 'mode: "rehearsal" is not one of' },
    { name: 'an unknown visibility', input: { ...hourly, visibility: 'private' }, expected: 'visibility: "private"' },
    { name: 'an unknown kind', input: { ...hourly, kind: 'weekly' }, expected: 'kind: "weekly" is not one of' },
    { name: 'a label that is not text', input: { ...hourly, label: 42 }, expected: 'label: must be a string' },
  ].forEach(({ name, input, expected }) => {
    it(`refuses ${name}, naming the field, and schedules nothing`, () => {
      expect(() => schedules.add(invalid(input))).to.throw(ValidationError, expected);
      expect(schedules.list()).to.deep.equal([]);
      expect(clock.countTimers()).to.equal(0);
    });
  });
});

describe('scheduled runs on real timers', () => {
  const timeouts = (): number => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;

  it('holds a real timer per pending schedule and releases them all when closed', () => {
    const schedules = new RunSchedules({ runs: new RunRegistry({ time: systemTimeSource }), scenario: library });
    const before = timeouts();
    schedules.add(hourly);
    schedules.add({ kind: 'once', at: Date.now() + HOUR, ...settings });
    expect(timeouts()).to.equal(before + 2);
    schedules.close();
    expect(timeouts()).to.equal(before);
  });
});
