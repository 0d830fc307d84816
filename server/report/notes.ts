/**
 * The facilitator's notes on a run: short texts pinned to story times, added during the run or
 * after it, shown in the after-action report where they belong on the timeline.
 */
import { randomBytes } from 'node:crypto';
import { ConflictError, NotFoundError } from '../errors.js';
import type { ItemPort } from '../store/item-store.js';

/** Longest note, in characters. */
export const MAX_NOTE_LENGTH = 2_000;
/** Most notes one run keeps. */
export const MAX_NOTES = 500;

/** A note pinned to a story time. */
export interface Note {
  id: string;
  run: string;
  /** Story offset it is pinned to. */
  offsetMs: number;
  text: string;
  /** Who wrote it. */
  author: string;
  /** Wall time, ISO 8601. */
  createdAt: string;
}

/** Every run's notes, kept in `items`. */
export class Notes {
  constructor(
    private readonly items: ItemPort<Note>,
    private readonly now: () => number = Date.now,
  ) {}

  /** Pins `text` at `offsetMs`; kept before it returns. */
  add(run: string, note: { offsetMs: number; text: string; author: string }): Note {
    if (this.items.list(run).length >= MAX_NOTES)
      throw new ConflictError(`this run has ${MAX_NOTES} notes already; remove some first`);
    const saved: Note = {
      id: `n_${randomBytes(6).toString('hex')}`,
      run,
      offsetMs: note.offsetMs,
      text: note.text,
      author: note.author,
      createdAt: new Date(this.now()).toISOString(),
    };
    this.items.put(run, saved.id, saved);
    return saved;
  }

  /** Removes a note; a NotFoundError when the run has none with this id. */
  remove(run: string, id: string): void {
    if (!this.items.list(run).some((n) => n.id === id)) throw new NotFoundError(`run "${run}" has no note "${id}"`);
    this.items.remove(run, id);
  }

  /** The notes of a run in story order (then in the order they were written). */
  list(run: string): Note[] {
    return this.items.list(run).sort((a, b) => a.offsetMs - b.offsetMs);
  }
}
