/**
 * What belongs to runs besides their logs, in the database: documents by run, kind and id, kept
 * in the order they were first written, rewritten in place, found by id, trimmed to the newest,
 * and carried along when a new run takes an earlier one's id. The in-memory stand-in behaves the same.
 */
import { expect } from 'chai';
import { openDatabase } from '../../server/store/database.js';
import { ItemStore, memoryItems, runItems, type ItemPort } from '../../server/store/item-store.js';
import { RunStore } from '../../server/store/run-store.js';
import { StorageError } from '../../server/store/storage-error.js';

interface Doc {
  n: number;
}

const ports: Array<{ name: string; make: () => ItemPort<Doc> }> = [
  { name: 'SQLite', make: () => new ItemStore(openDatabase(':memory:')).of<Doc>('note') },
  { name: 'memory', make: () => memoryItems<Doc>() },
];

ports.forEach(({ name, make }) => {
  describe(`run items (${name})`, () => {
    let items: ItemPort<Doc>;
    beforeEach(() => {
      items = make();
    });

    it('lists a run’s documents oldest first, and a rewrite keeps its place', () => {
      items.put('r1', 'a', { n: 1 });
      items.put('r1', 'b', { n: 2 });
      items.put('r2', 'c', { n: 3 });
      items.put('r1', 'a', { n: 10 });
      expect(items.list('r1')).to.deep.equal([{ n: 10 }, { n: 2 }]);
      expect(items.list('r2')).to.deep.equal([{ n: 3 }]);
    });

    it('finds a document by id whichever run holds it, and forgets a removed one', () => {
      items.put('r1', 'a', { n: 1 });
      items.put('r2', 'b', { n: 2 });
      expect(items.find('b')).to.deep.equal({ run: 'r2', data: { n: 2 } });
      items.remove('r2', 'b');
      expect(items.find('b')).to.equal(undefined);
      expect(items.list('r2')).to.deep.equal([]);
    });

    it('keeps only the newest documents of a run when trimmed', () => {
      for (let n = 0; n < 5; n++) items.put('r1', `d${n}`, { n });
      items.put('r2', 'x', { n: 99 });
      items.trim('r1', 2);
      expect(items.list('r1')).to.deep.equal([{ n: 3 }, { n: 4 }]);
      expect(items.list('r2')).to.have.length(1);
    });

    it('hands out copies: changing what it returned changes nothing kept', () => {
      items.put('r1', 'a', { n: 1 });
      items.list('r1')[0]!.n = 5;
      expect(items.list('r1')).to.deep.equal([{ n: 1 }]);
    });

    it('binds to one run with runItems', () => {
      const bound = runItems(items, 'r1');
      bound.put('a', { n: 1 });
      bound.put('b', { n: 2 });
      bound.trim(1);
      expect(bound.list()).to.deep.equal([{ n: 2 }]);
      expect(items.list('r1')).to.deep.equal([{ n: 2 }]);
    });
  });
});

describe('run items in the database', () => {
  it('refuses a write to a closed database with a StorageError, a 503', () => {
    const db = openDatabase(':memory:');
    const items = new ItemStore(db).of<Doc>('note');
    db.close();
    expect(() => items.put('r1', 'a', { n: 1 }))
      .to.throw(StorageError)
      .with.property('httpStatus', 503);
  });

  it('moves a run’s documents aside with it when a new run takes its id', () => {
    const db = openDatabase(':memory:');
    const runs = new RunStore(db);
    const notes = new ItemStore(db).of<Doc>('note');
    const run = { id: 'demo', scenario: 's', mode: 'replay' as const, visibility: 'public' as const, speed: 1 };
    runs.insertRun({ ...run, restored: false }, 1_000);
    notes.put('demo', 'a', { n: 1 });
    runs.insertRun({ ...run, restored: false }, 2_000);
    expect(notes.list('demo')).to.deep.equal([]);
    expect(notes.list('demo~1000')).to.deep.equal([{ n: 1 }]);
    expect(runs.endedRuns(10).map((r) => r.id)).to.deep.equal(['demo~1000']);
  });
});
