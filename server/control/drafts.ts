/**
 * Updates responders submit for approval, when the facilitator requires it. A draft waits until
 * the facilitator approves it (then it is published, as the responder's) or rejects it.
 */
import { ConflictError, NotFoundError } from '../errors.js';
import { newSecret } from '../access/secrets.js';
import type { UpdateInput } from './requests.js';
import { memoryItems, type ItemPort } from '../store/item-store.js';

/** Most drafts a run keeps waiting at once; past that, responders must wait for decisions. */
export const MAX_PENDING_DRAFTS = 50;

/** Where a draft stands. */
export type DraftState = 'pending' | 'approved' | 'rejected';

/** An update waiting for, or past, the facilitator's decision. */
export interface Draft {
  id: string;
  run: string;
  /** Name of the responder who wrote it. */
  author: string;
  update: UpdateInput;
  /** Story offset and wall time at which it was submitted. */
  offsetMs: number;
  submittedAt: string;
  state: DraftState;
  reason?: string;
  /** `seq` of the publish action, once approved. */
  seq?: number;
}

/** Every run's drafts and whether its responders need approval. Drafts are kept in `items`, written before any answer. */
export class Drafts {
  private readonly approval = new Set<string>();
  /** Schedules whose runs start with approval required. */
  private readonly scheduled = new Set<string>();

  constructor(
    private readonly now: () => number = Date.now,
    /** Told when a run's or a schedule's approval setting changes, to keep it beyond the process. */
    private readonly persist?: { run(run: string, required: boolean): void; schedule(id: string): void },
    private readonly items: ItemPort<Draft> = memoryItems(),
  ) {}

  /** Whether responders' updates on `run` wait for approval. */
  requiresApproval(run: string): boolean {
    return this.approval.has(run);
  }

  setRequiresApproval(run: string, required: boolean): void {
    this.persist?.run(run, required);
    if (required) this.approval.add(run);
    else this.approval.delete(run);
  }

  /** Makes every run `schedule` starts require approval. */
  setScheduleRequiresApproval(schedule: string): void {
    this.persist?.schedule(schedule);
    this.scheduled.add(schedule);
  }

  /** Called when a schedule starts a run: carries the schedule's setting over to it. */
  scheduleStarted(schedule: string, run: string): void {
    if (this.scheduled.has(schedule)) this.setRequiresApproval(run, true);
  }

  submit(run: string, author: string, update: UpdateInput, offsetMs: number): Draft {
    const waiting = this.items.list(run).filter((d) => d.state === 'pending').length;
    if (waiting >= MAX_PENDING_DRAFTS)
      throw new ConflictError(`${waiting} drafts are already waiting for the facilitator's decision`);
    const draft: Draft = {
      id: newSecret(6),
      run,
      author,
      update,
      offsetMs,
      submittedAt: new Date(this.now()).toISOString(),
      state: 'pending',
    };
    this.items.put(run, draft.id, draft);
    return draft;
  }

  /** A pending draft of `run`; NotFoundError or ConflictError otherwise. */
  pending(run: string, id: string): Draft {
    const draft = this.items.list(run).find((d) => d.id === id);
    if (draft === undefined) throw new NotFoundError(`run "${run}" has no draft "${id}"`);
    if (draft.state !== 'pending') throw new ConflictError(`draft "${id}" is already ${draft.state}`);
    return draft;
  }

  /** Records the facilitator's decision on `draft` (kept before it returns). */
  decide(draft: Draft, state: Exclude<DraftState, 'pending'>, details: { reason?: string; seq?: number }): Draft {
    const decided: Draft = {
      ...draft,
      state,
      ...(details.reason !== undefined && details.reason !== '' ? { reason: details.reason } : {}),
      ...(details.seq !== undefined ? { seq: details.seq } : {}),
    };
    this.items.put(draft.run, draft.id, decided);
    return decided;
  }

  /** The drafts of a run, newest first. */
  list(run: string): Draft[] {
    return this.items.list(run).reverse();
  }

  /** Forgets the approval setting of a run that ended; its drafts stay for the record. */
  forget(run: string): void {
    this.approval.delete(run);
  }
}
