/**
 * Sessions: what a login or a join code is exchanged for. The browser holds only the session id,
 * in an HttpOnly cookie; each session carries its own anti-forgery token for state-changing
 * requests. Sessions expire after a period without use.
 */
import { newSecret, secretKey } from './secrets.js';
import type { Principal } from './principal.js';

/** A signed-in browser. */
export interface Session {
  principal: Principal;
  /** The anti-forgery token pages send back with every state-changing request. */
  csrf: string;
  lastSeenMs: number;
}

/** How long a session lasts without use. */
export const SESSION_IDLE_MS = 12 * 3_600_000;

/** Most sessions kept at once; opening one more closes the oldest (a join code may be used many times). */
export const MAX_SESSIONS = 10_000;

/** Every live session, by the digest of its id. */
export class Sessions {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Opens a session; returns its id (the cookie's value) and the session. */
  open(principal: Principal): { id: string; session: Session } {
    this.sweep();
    // Maps iterate in insertion order: the first key is the oldest session.
    for (const key of this.sessions.keys()) {
      if (this.sessions.size < MAX_SESSIONS) break;
      this.sessions.delete(key);
    }
    const id = newSecret(32);
    const session: Session = { principal, csrf: newSecret(24), lastSeenMs: this.now() };
    this.sessions.set(secretKey(id), session);
    return { id, session };
  }

  /** The live session with this id, refreshed; undefined if unknown or expired. */
  get(id: string | undefined): Session | undefined {
    if (id === undefined || id.length > 128) return undefined;
    const key = secretKey(id);
    const session = this.sessions.get(key);
    if (session === undefined) return undefined;
    if (this.now() - session.lastSeenMs > SESSION_IDLE_MS) {
      this.sessions.delete(key);
      return undefined;
    }
    session.lastSeenMs = this.now();
    return session;
  }

  /** Closes a session (sign out). */
  close(id: string | undefined): void {
    if (id !== undefined) this.sessions.delete(secretKey(id));
  }

  /** Closes every session whose principal matches, e.g. the responders of a revoked code. */
  closeWhere(matches: (principal: Principal) => boolean): number {
    let closed = 0;
    for (const [key, session] of this.sessions) {
      if (!matches(session.principal)) continue;
      this.sessions.delete(key);
      closed += 1;
    }
    return closed;
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, session] of this.sessions)
      if (now - session.lastSeenMs > SESSION_IDLE_MS) this.sessions.delete(key);
  }
}
