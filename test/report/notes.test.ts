/** The facilitator's notes: pinned to story times, listed in story order, bounded, removable. */
import { expect } from 'chai';
import { ConflictError, NotFoundError } from '../../server/errors.js';
import { MAX_NOTES, Notes, type Note } from '../../server/report/notes.js';
import { memoryItems } from '../../server/store/item-store.js';

describe('notes', () => {
  let notes: Notes;
  beforeEach(() => {
    notes = new Notes(memoryItems<Note>(), () => Date.parse('2026-01-05T09:00:00Z'));
  });

  it('lists a run’s notes in story order, whatever order they were written in', () => {
    notes.add('r', { offsetMs: 5_000, text: 'later', author: 'F' });
    notes.add('r', { offsetMs: 1_000, text: 'earlier', author: 'F' });
    notes.add('other', { offsetMs: 0, text: 'elsewhere', author: 'F' });
    expect(notes.list('r').map((n) => n.text)).to.deep.equal(['earlier', 'later']);
    expect(notes.list('r')[0]).to.include({ run: 'r', author: 'F', createdAt: '2026-01-05T09:00:00.000Z' });
  });

  it('removes a note, and says so when there is no such note on the run', () => {
    const note = notes.add('r', { offsetMs: 0, text: 'x', author: 'F' });
    expect(() => notes.remove('other', note.id)).to.throw(NotFoundError);
    notes.remove('r', note.id);
    expect(notes.list('r')).to.deep.equal([]);
  });

  it(`refuses a note beyond ${MAX_NOTES} on one run`, () => {
    for (let i = 0; i < MAX_NOTES; i++) notes.add('r', { offsetMs: i, text: 'x', author: 'F' });
    expect(() => notes.add('r', { offsetMs: 0, text: 'one too many', author: 'F' })).to.throw(ConflictError);
  });
});
