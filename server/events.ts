/**
 * The socket.io wire contract: namespaces, event names and payloads. The server's `Server<…>`
 * generics, the browser script's JSDoc types and the tests all use these.
 */
import type { Language } from './scenario/vocabulary.js';

/** The namespace viewers of status pages connect to. */
export const STATUS_NAMESPACE = '/status';

/** An acknowledgement: the data asked for, or an error that says what went wrong. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

/** What a viewer sends to join the room of a run. */
export interface JoinRequest {
  run: string;
  /** Language of the page; the run's first language when absent. */
  lang?: Language;
}

/** The story clock as a viewer needs it to keep ticking between events. */
export interface ClockSnapshot {
  offsetMs: number;
  speed: number;
  playing: boolean;
  ended: boolean;
  startsAtMs: number;
  durationMs: number;
  timeZone: string;
  /** The words shown beside the time, in the page's language. */
  texts: { speed: string; state: string };
}

/** Everything a viewer needs to show a run at a version, in one language. */
export interface StatusSnapshot {
  run: string;
  version: number;
  lang: Language;
  clock: ClockSnapshot;
  /** The live region of the page, rendered by the server exactly as the page renders it. */
  html: string;
  /** A sentence for screen readers about what changed. */
  announcement: string;
}

/** Events the server sends to viewers. */
export interface StatusServerToClient {
  /** The full state, sent on every join. */
  'status:snapshot': (snapshot: StatusSnapshot) => void;
  /** The state after a public change; `version` is one more than the previous one. */
  'status:changed': (snapshot: StatusSnapshot) => void;
}

/** Events viewers send to the server. Viewers never change anything. */
export interface StatusClientToServer {
  /** Joins (or re-joins, to get a fresh snapshot) the room of a run. */
  'status:join': (request: JoinRequest, ack?: (response: Ack<{ version: number }>) => void) => void;
}
