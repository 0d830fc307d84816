/**
 * The public side of runs: a run of this process as the public surfaces read it, and a clock
 * brought forward from what a view said at an earlier wall time (how another process of a cluster
 * shows the leader's clock between two publications).
 */
import { expect } from 'chai';
import { clockView } from '../../server/replay/run-views.js';
import { RunRegistry } from '../../server/runs/registry.js';
import { clockAt, localPublicRuns, publicRunOf, type PublicRun } from '../../server/status/public-run.js';
import { statusModel } from '../../server/status/status-model.js';
import { fakeTime } from '../support/fake-time.js';
import { FACILITATOR, testRun } from '../support/runs.js';
import { loadValid } from '../support/scenario-fixture.js';

describe('public runs', () => {
  it('reads a run of this process as one object, whose version follows the run', () => {
    const { run } = testRun();
    const view = publicRunOf(run);
    expect(publicRunOf(run)).to.equal(view);
    expect(view.instance).to.equal(run.instance);
    run.act({ type: 'set-actual', channel: 'lbp-atm', status: 'major_outage' }, FACILITATOR);
    expect(view.version).to.equal(run.version).and.to.be.above(0);
    expect(view.model()).to.deep.equal(statusModel(run));
    run.close();
  });

  it('gives each run object its own instance, even under the same id', () => {
    const [a, b] = [testRun().run, testRun().run];
    expect(a.id).to.equal(b.id);
    expect(a.instance).to.not.equal(b.instance);
    [a, b].forEach((run) => run.close());
  });

  it('tells of every change of every run, those created later included, until stopped', () => {
    const fake = fakeTime();
    const registry = new RunRegistry({ time: fake.time });
    const early = registry.create({ scenario: loadValid(), id: 'early' });
    const runs = localPublicRuns(registry);
    const heard: Array<[PublicRun, number]> = [];
    const stop = runs.onChanged((run) => heard.push([run, run.version]));
    const late = registry.create({ scenario: loadValid(), id: 'late', visibility: 'unlisted' });
    early.act({ type: 'set-actual', channel: 'lbp-atm', status: 'major_outage' }, FACILITATOR);
    late.act({ type: 'set-actual', channel: 'lbp-atm', status: 'major_outage' }, FACILITATOR);
    expect(heard.map(([run, version]) => `${run.id}@${version}`)).to.deep.equal(['early@1', 'late@1']);
    expect(runs.get('late')).to.equal(publicRunOf(late));
    expect(runs.listed().map((run) => run.id)).to.deep.equal(['early']);
    stop();
    early.act({ type: 'set-actual', channel: 'lbp-atm', status: 'operational' }, FACILITATOR);
    expect(heard).to.have.length(2);
    registry.close();
  });

  describe('a clock brought forward', () => {
    it('moves a playing clock on by the elapsed wall time times its speed', () => {
      const { run, fake } = testRun({ speed: 60 });
      run.play(FACILITATOR);
      const then = clockView(run);
      fake.tick(30_000);
      const now = clockView(run);
      expect(clockAt(then, run.scenario.startsAtMs, fake.time.now())).to.deep.equal(now);
      run.close();
    });

    it('leaves a paused clock where it stands', () => {
      const { run, fake } = testRun();
      const then = clockView(run);
      fake.tick(30_000);
      expect(clockAt(then, run.scenario.startsAtMs, fake.time.now())).to.equal(then);
      run.close();
    });

    it('stops at the end of the story, and says it has ended', () => {
      const { run, fake } = testRun({ speed: 3600 });
      run.play(FACILITATOR);
      const then = clockView(run);
      const moved = clockAt(then, run.scenario.startsAtMs, fake.time.now() + run.scenario.durationMs);
      expect(moved.offsetMs).to.equal(run.scenario.durationMs);
      expect(moved.ended).to.equal(true);
      run.close();
    });
  });
});
