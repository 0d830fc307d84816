/**
 * Who is asking: the facilitator (who holds the admin token) or a responder who joined one run
 * with a join code. Rights follow from the principal alone.
 */
import { ForbiddenError, UnauthorizedError } from '../errors.js';
import type { Author } from '../replay/actions.js';

/** The holder of the admin token: may do everything. */
export interface Facilitator {
  role: 'facilitator';
  name: string;
}

/** A member of the comms team of one run, admitted by a join code. */
export interface Responder {
  role: 'responder';
  name: string;
  /** The only run this responder may act on. */
  run: string;
  /** Id of the join code that admitted them; revoking it shuts them out. */
  code: string;
}

export type Principal = Facilitator | Responder;

/** What a command requires of its caller. */
export type Right = 'facilitator' | 'run';

/** The facilitator, as every facilitator credential maps to the same person. */
export const FACILITATOR: Facilitator = { role: 'facilitator', name: 'Facilitator' };

/** Throws a ForbiddenError unless `principal` has `right` (on `run` for run rights). */
export function assertRight(principal: Principal | undefined, right: Right, run?: string): asserts principal {
  if (principal === undefined) throw new UnauthorizedError();
  if (principal.role === 'facilitator') return;
  if (right === 'facilitator') throw new ForbiddenError('only the facilitator may do this');
  if (run === undefined || principal.run !== run) throw new ForbiddenError('a responder may act on their own run only');
}

/** The author recorded in a run's log for what `principal` does. */
export function authorOf(principal: Principal): Author {
  return { role: principal.role, name: principal.name };
}
