/**
 * Join codes: the facilitator gives one per run (or per team) to responders, who exchange it for a
 * responder session on that run only. A code is looked up by its digest and can be revoked, which
 * also shuts out whoever joined with it.
 */
import { randomInt } from 'node:crypto';
import { NotFoundError } from '../errors.js';
import { newSecret, secretKey } from './secrets.js';

/** Letters and digits that cannot be mistaken for one another when read aloud or copied by hand. */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const GROUPS = 3;
const GROUP_LENGTH = 4;

/** A join code as the facilitator sees it. */
export interface JoinCode {
  id: string;
  run: string;
  /** What the facilitator calls it ("Comms team A"). */
  label: string;
  /** The secret itself, e.g. `K7QM-4XPD-9RTA`. */
  code: string;
  createdAt: string;
}

/** The join codes of every run. */
export class JoinCodes {
  private readonly byKey = new Map<string, JoinCode>();
  private readonly byId = new Map<string, JoinCode>();

  constructor(
    private readonly now: () => number = Date.now,
    /** Told of each code made and revoked, to keep them beyond the process. */
    private readonly persist?: { created(code: JoinCode): void; revoked(id: string): void },
  ) {}

  /** Takes back codes kept from before a restart. */
  load(codes: readonly JoinCode[]): void {
    for (const code of codes) {
      this.byKey.set(secretKey(normalise(code.code)), code);
      this.byId.set(code.id, code);
    }
  }

  /** Makes a new code for `run`. */
  create(run: string, label: string): JoinCode {
    const code: JoinCode = {
      id: newSecret(6),
      run,
      label,
      code: freshCode(),
      createdAt: new Date(this.now()).toISOString(),
    };
    this.persist?.created(code);
    this.byKey.set(secretKey(normalise(code.code)), code);
    this.byId.set(code.id, code);
    return code;
  }

  /** The code matching what someone typed (case, spaces and dashes do not matter), if it is live. */
  find(typed: string): JoinCode | undefined {
    if (typed.length > 64) return undefined;
    return this.byKey.get(secretKey(normalise(typed)));
  }

  /** Whether the code with this id is still live. */
  isLive(id: string): boolean {
    return this.byId.has(id);
  }

  /** The live codes of a run, oldest first. */
  list(run: string): JoinCode[] {
    return [...this.byId.values()].filter((code) => code.run === run);
  }

  /** Revokes a code of `run`; throws NotFoundError if it has no such code. */
  revoke(run: string, id: string): JoinCode {
    const code = this.byId.get(id);
    if (code?.run !== run) throw new NotFoundError(`run "${run}" has no join code "${id}"`);
    this.persist?.revoked(id);
    this.byId.delete(id);
    this.byKey.delete(secretKey(normalise(code.code)));
    return code;
  }

  /** Revokes every code of a run (when it ends). */
  revokeRun(run: string): void {
    for (const code of this.list(run)) this.revoke(run, code.id);
  }
}

function freshCode(): string {
  const groups = Array.from({ length: GROUPS }, () =>
    Array.from({ length: GROUP_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join(''),
  );
  return groups.join('-');
}

function normalise(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '');
}
