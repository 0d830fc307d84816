/** Broadcast slices: in order, one per turn of the event loop, small broadcasts at once. */
import { expect } from 'chai';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { BroadcastQueue, SLICE_CHANNEL, type SliceTiming } from '../../server/web/broadcast-queue.js';

const ids = (n: number, prefix = 's'): Set<string> => new Set(Array.from({ length: n }, (_, i) => `${prefix}${i}`));
const fail = (error: unknown): never => {
  throw error;
};
const turn = (): Promise<void> => new Promise((done) => setImmediate(done));

describe('BroadcastQueue', () => {
  it('sends a broadcast that fits in one slice at once', () => {
    const sent: string[][] = [];
    new BroadcastQueue(fail, 3).send(ids(3), (part) => sent.push(part));
    expect(sent).to.deep.equal([['s0', 's1', 's2']]);
  });

  it('sends a large broadcast a slice per turn, and a later one after it, so every socket gets them in order', async () => {
    const queue = new BroadcastQueue(fail, 2);
    const got = new Map<string, string[]>();
    const emit = (message: string) => (part: string[]) =>
      part.forEach((id) => got.set(id, [...(got.get(id) ?? []), message]));
    queue.send(ids(5), emit('v1'));
    queue.send(ids(1), emit('v2'));
    expect(got.size, 'nothing before the first turn').to.equal(0);
    expect(queue.pending).to.equal(4);
    await turn();
    expect([...got.keys()]).to.deep.equal(['s0', 's1']);
    for (let i = 0; i < 4; i += 1) await turn();
    expect(queue.pending).to.equal(0);
    expect(got.get('s0')).to.deep.equal(['v1', 'v2']);
    expect(got.get('s4')).to.deep.equal(['v1']);
  });

  it('reports a slice that throws and goes on with the next', async () => {
    const errors: unknown[] = [];
    const queue = new BroadcastQueue((error) => errors.push(error), 1);
    const sent: string[] = [];
    queue.send(ids(2), (part) => {
      if (part[0] === 's0') throw new Error('boom');
      sent.push(...part);
    });
    await turn();
    await turn();
    expect(errors.map((e) => (e as Error).message)).to.deep.equal(['boom']);
    expect(sent).to.deep.equal(['s1']);
  });

  it('tells each slice it sends, with its wall and CPU time, to a subscriber of its diagnostics channel', async () => {
    const timings: SliceTiming[] = [];
    const listen = (message: unknown): void => void timings.push(message as SliceTiming);
    subscribe(SLICE_CHANNEL, listen);
    try {
      const queue = new BroadcastQueue(fail, 2);
      const sent: string[] = [];
      const before = performance.now();
      queue.send(ids(5), (part) => {
        const until = performance.now() + 2;
        while (performance.now() < until); // a slice that takes 2 ms of CPU
        sent.push(...part);
      });
      for (let i = 0; i < 3; i += 1) await turn();
      expect(sent).to.have.length(5);
      expect(timings).to.have.length(3);
      for (const t of timings) {
        expect(t.startMs).to.be.at.least(before);
        expect(t.endMs - t.startMs).to.be.at.least(2);
        expect(t.cpuMs).to.be.above(0);
      }
      expect(timings[1]!.startMs).to.be.at.least(timings[0]!.endMs);
    } finally {
      unsubscribe(SLICE_CHANNEL, listen);
    }
  });
});
