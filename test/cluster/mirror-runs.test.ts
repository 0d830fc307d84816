/**
 * The runs a process of a cluster serves: the leader's publications as mirrors (one object per
 * instance, the clock carried forward, a scenario this process lacks left out), and its own runs
 * or the mirrors depending on its role, with every run told again when the role changes.
 */
import { expect } from 'chai';
import { EventEmitter } from 'node:events';
import { mirrorRuns, roleRuns, type PublicationSource, type PublishedRun } from '../../server/cluster/mirror-runs.js';
import { publication } from '../../server/cluster/cluster-node.js';
import { RunRegistry } from '../../server/runs/registry.js';
import type { LibraryEntry } from '../../server/scenario/library.js';
import { localPublicRuns, publicRunOf, type PublicRun, type Reach } from '../../server/status/public-run.js';
import { statusModel } from '../../server/status/status-model.js';
import { clockView } from '../../server/replay/run-views.js';
import { fakeTime } from '../support/fake-time.js';
import { FACILITATOR, testRun } from '../support/runs.js';
import { loadValid } from '../support/scenario-fixture.js';

const scenario = loadValid();
const library: LibraryEntry[] = [
  { file: 'fixture.yaml', id: scenario.id, result: { ok: true, scenario, problems: [] } },
];

/** Publications held in memory, as a replica holds them. */
class Publications extends EventEmitter implements PublicationSource {
  readonly runs = new Map<string, PublishedRun>();
  get(id: string): PublishedRun | undefined {
    return this.runs.get(id);
  }
  list(): PublishedRun[] {
    return [...this.runs.values()];
  }
  put(run: PublishedRun, how: 'live' | 'reload' = 'live'): void {
    this.runs.set(run.id, run);
    this.emit('changed', run, how);
  }
}

/** What a leader would publish of a run now, with `overrides`. */
const published = (run: PublicRun, overrides: Partial<PublishedRun> = {}): PublishedRun => ({
  ...publication(run),
  ...overrides,
});

describe('mirrors of the leader’s runs', () => {
  it('serves a publication as a run, its clock carried forward to now, one object per instance', () => {
    const { run, fake } = testRun({ speed: 60 });
    run.play(FACILITATOR);
    const source = new Publications();
    const mirrors = mirrorRuns(source, library, () => fake.time.now());
    const first = published(publicRunOf(run));
    source.put(first);
    const mirror = mirrors.get('test')!;
    fake.tick(60_000);
    // What was published, until the next publication, on a clock that moved on meanwhile.
    expect(mirror.clock()).to.deep.equal(clockView(run));
    expect(mirror.model()).to.deep.equal({ ...first.model, clock: clockView(run) });
    expect(statusModel(run).version).to.be.above(mirror.version);

    run.act({ type: 'set-actual', channel: 'lbp-atm', status: 'major_outage' }, FACILITATOR);
    source.put(published(publicRunOf(run)));
    expect(mirrors.get('test')).to.equal(mirror);
    expect(mirror.version).to.equal(run.version);
    source.put(published(publicRunOf(run), { instance: 'another', version: 0 }));
    expect(mirrors.get('test')).to.not.equal(mirror);
    expect(mirrors.get('test')?.instance).to.equal('another');
    run.close();
  });

  it('lists the public runs, leaves out a scenario this process lacks, and tells only what it read again', () => {
    const { run } = testRun();
    const source = new Publications();
    const mirrors = mirrorRuns(source, library);
    const told: Array<[string, Reach]> = [];
    mirrors.onChanged((r, reach) => told.push([r.id, reach]));
    source.put(published(publicRunOf(run), { id: 'listed' }));
    source.put(published(publicRunOf(run), { id: 'hidden', visibility: 'unlisted' }));
    source.put(published(publicRunOf(run), { id: 'unknown', scenario: 'not-here' }));
    expect(mirrors.listed().map((r) => r.id)).to.deep.equal(['listed']);
    expect(mirrors.list().map((r) => r.id)).to.deep.equal(['listed', 'hidden']);
    expect(mirrors.get('unknown')).to.equal(undefined);
    // Heard live, a change reaches this process's viewers from the leader: nothing to tell.
    expect(told).to.deep.equal([]);
    source.put(published(publicRunOf(run), { id: 'listed', version: 9 }), 'reload');
    expect(told).to.deep.equal([['listed', 'here']]);
    run.close();
  });

  it('tells this process’s viewers of a run brought back as another instance, heard live', () => {
    const { run } = testRun();
    const source = new Publications();
    const mirrors = mirrorRuns(source, library);
    const told: Array<[string, string, Reach]> = [];
    const alsoTold: string[] = [];
    mirrors.onChanged((r, reach) => told.push([r.id, r.instance, reach]));
    mirrors.onChanged((r) => alsoTold.push(r.instance));
    source.put(published(publicRunOf(run), { id: 'r', instance: 'old', version: 9 }));
    expect(mirrors.get('r')?.instance).to.equal('old');
    source.put(published(publicRunOf(run), { id: 'r', instance: 'old', version: 10 }));
    expect(told, 'a change of the same instance comes from the leader').to.deep.equal([]);
    source.put(published(publicRunOf(run), { id: 'r', instance: 'new', version: 4 }));
    expect(told).to.deep.equal([['r', 'new', 'here']]);
    expect(alsoTold, 'every listener').to.deep.equal(['new']);
    expect(mirrors.get('r')?.instance).to.equal('new');
    run.close();
  });
});

describe('the runs of a process by its role', () => {
  it('serves and tells its own runs while it leads, the mirrors otherwise, and tells every run again on resync', () => {
    const fake = fakeTime();
    const registry = new RunRegistry({ time: fake.time });
    const own = registry.create({ scenario, id: 'own' });
    const source = new Publications();
    const { run: theirs } = testRun();
    source.put(published(publicRunOf(theirs), { id: 'theirs' }));
    let leading = false;
    const runs = roleRuns(localPublicRuns(registry), mirrorRuns(source, library), () => leading);
    const told: string[] = [];
    runs.onChanged((r, reach) => told.push(`${r.id} ${reach}`));

    expect(runs.list().map((r) => r.id)).to.deep.equal(['theirs']);
    own.act({ type: 'set-actual', channel: 'lbp-atm', status: 'major_outage' }, FACILITATOR);
    expect(told).to.deep.equal([]);
    runs.resync();
    expect(told).to.deep.equal(['theirs here']);

    leading = true;
    told.length = 0;
    expect(runs.get('own')).to.equal(publicRunOf(own));
    runs.resync();
    own.act({ type: 'set-actual', channel: 'lbp-atm', status: 'operational' }, FACILITATOR);
    expect(told).to.deep.equal(['own everywhere', 'own everywhere']);
    registry.close();
    theirs.close();
  });
});
