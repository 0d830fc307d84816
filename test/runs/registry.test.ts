import { expect } from 'chai';
import { NotFoundError } from '../../server/errors.js';
import { RunRegistry } from '../../server/runs/registry.js';
import { fakeTime, type FakeTime } from '../support/fake-time.js';
import { FACILITATOR } from '../support/runs.js';
import { loadValid } from '../support/scenario-fixture.js';

describe('the run registry', () => {
  let fake: FakeTime;
  let registry: RunRegistry;
  beforeEach(() => {
    fake = fakeTime();
    registry = new RunRegistry({ time: fake.time });
  });
  afterEach(() => registry.close());

  it('holds many runs, each with its own clock', () => {
    const scenario = loadValid();
    const slow = registry.create({ scenario, speed: 60, playAs: FACILITATOR });
    const fast = registry.create({ scenario, speed: 3600, playAs: FACILITATOR });
    const paused = registry.create({ scenario, mode: 'exercise' });
    fake.tick(2_000);
    expect(slow.clock.offset()).to.equal(120_000);
    expect(fast.clock.offset()).to.equal(2 * 3_600_000);
    expect(paused.clock.offset()).to.equal(0);
    expect(fast.currentState().channels['lbp-web']?.actual).to.equal('major_outage');
    expect(slow.currentState().channels['lbp-web']?.actual).to.equal('operational');
    expect(registry.list().map((r) => r.id)).to.deep.equal([slow.id, fast.id, paused.id]);
  });

  it('gives each run a distinct, URL-safe id', () => {
    const scenario = loadValid();
    const ids = Array.from({ length: 50 }, () => registry.create({ scenario }).id);
    expect(new Set(ids).size).to.equal(50);
    for (const id of ids) expect(id).to.match(/^[0-9a-z]{8}$/);
  });

  it('finds a run by id, and says clearly when there is none', () => {
    const run = registry.create({ scenario: loadValid(), id: 'demo' });
    expect(registry.require('demo')).to.equal(run);
    expect(() => registry.require('nope')).to.throw(NotFoundError, 'no run "nope"');
  });

  it('ends a run, stopping its timer', () => {
    registry.create({ scenario: loadValid(), id: 'demo', playAs: FACILITATOR });
    expect(fake.pendingTimers()).to.equal(1);
    registry.end('demo');
    expect(registry.get('demo')).to.equal(undefined);
    expect(fake.pendingTimers()).to.equal(0);
  });

  it('tells who listens of every run it ends', () => {
    const ended: string[] = [];
    registry.onEnd((id) => ended.push(id));
    const scenario = loadValid();
    registry.create({ scenario, id: 'one' });
    registry.create({ scenario, id: 'two' });
    registry.end('two');
    expect(ended).to.deep.equal(['two']);
  });

  it('leaves no timer behind when closed', () => {
    for (let i = 0; i < 5; i += 1) registry.create({ scenario: loadValid(), speed: 60, playAs: FACILITATOR });
    expect(fake.pendingTimers()).to.equal(5);
    registry.close();
    expect(fake.pendingTimers()).to.equal(0);
    expect(registry.list()).to.deep.equal([]);
  });

  it('runs with the real clock, and lets the process exit once closed', async () => {
    const real = new RunRegistry({ time: (await import('../../server/replay/time-source.js')).systemTimeSource });
    const run = real.create({ scenario: loadValid(), speed: 10_000, playAs: FACILITATOR });
    await new Promise((done) => setTimeout(done, 400)); // 400 ms at 10,000x is 66 story minutes
    expect(run.currentState().channels['lbp-web']?.actual).to.equal('major_outage');
    real.close();
  });
});
