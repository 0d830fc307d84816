/**
 * What held the scheduler, as `npm run bench` tells it: late entries attributed to what the
 * server's process was doing meanwhile, and the recorder that gathers those stretches.
 */
import { expect } from 'chai';
import { attribute, StretchRecorder, type Stretch } from '../../bench/lateness-causes.js';
import { BroadcastQueue } from '../../server/web/broadcast-queue.js';

const late = (dueMs: number, atMs: number) => ({ dueMs, atMs });

/** Allocates some 100 MB of short-lived objects: more than the young generation holds, so V8 collects. */
function churn(): number {
  let kept = 0;
  for (let i = 0; i < 1_000_000; i += 1) kept += [i, { i }, `${i}`].length;
  return kept;
}

describe('what held the scheduler', () => {
  it('gives each late entry the first cause, in order, among the stretches that overlap it', () => {
    const stretches: Stretch[] = [
      { cause: 'slice', startMs: 0, endMs: 10 },
      { cause: 'collection', startMs: 8, endMs: 14 },
      { cause: 'preempted slice', startMs: 20, endMs: 30 },
      { cause: 'change', startMs: 28, endMs: 31 },
      { cause: 'slice', startMs: 40, endMs: 46 },
    ];
    expect(
      attribute(
        [
          late(2, 9), // a slice, and a collection from 8: the collection
          late(1, 7), // the slice alone
          late(21, 27), // the preempted slice alone
          late(25, 29), // the preempted slice and the change: the change
          late(41, 47), // the slice
          late(50, 57), // nothing ran: elsewhere
          late(14, 20), // touches the collection's end and the preempted slice's start: elsewhere
        ],
        stretches,
      ),
    ).to.deep.equal({ collection: 1, change: 1, 'preempted slice': 1, slice: 2, elsewhere: 2 });
  });

  it('counts every cause, at zero, with no late entry', () => {
    expect(attribute([], [{ cause: 'slice', startMs: 0, endMs: 1 }])).to.deep.equal({
      collection: 0,
      change: 0,
      'preempted slice': 0,
      slice: 0,
      elsewhere: 0,
    });
  });

  it('records the broadcast slices sent, the collections and the marked stretches between start and stop', async () => {
    const recorder = new StretchRecorder();
    const queue = new BroadcastQueue((error) => {
      throw error;
    }, 1);
    queue.send(new Set(['before']), () => undefined);
    recorder.start();
    queue.send(new Set(['a', 'b']), () => undefined);
    await new Promise((done) => setImmediate(done));
    await new Promise((done) => setImmediate(done));
    churn();
    recorder.mark('change', 1, 2);
    await new Promise((done) => setTimeout(done, 10));
    const stretches = recorder.stop();
    queue.send(new Set(['c', 'd']), () => undefined);
    await new Promise((done) => setImmediate(done));
    await new Promise((done) => setImmediate(done));
    const kinds = stretches.map((s) => s.cause);
    expect(kinds.filter((k) => k === 'slice' || k === 'preempted slice')).to.have.length(2);
    expect(kinds).to.include('change');
    expect(kinds).to.include('collection');
    expect(recorder.stop(), 'nothing after stop').to.deep.equal([]);
  });
});
