/**
 * The socket.io wire contract: namespaces, event names and payloads. The server's `Server<…>`
 * generics, the browser script's JSDoc types and the tests all use these.
 */
import type { Language } from './scenario/vocabulary.js';

/** The namespace viewers of status pages connect to. */
export const STATUS_NAMESPACE = '/status';

/** An acknowledgement: the data asked for, or an error that says what went wrong. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

/**
 * What a viewer sends to join the room of a run: as `status:join`, or as the `auth` of its
 * connection to the namespace, which joins it on every connection without a round trip more.
 */
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
  /**
   * The run object's instance: a run brought back by another process, or recreated under its id,
   * has a new one and its versions start again, so a viewer holding another instance starts over.
   */
  instance: string;
  version: number;
  lang: Language;
  clock: ClockSnapshot;
  /** The live region of the page, rendered by the server exactly as the page renders it. */
  html: string;
  /** A sentence for screen readers about what changed. */
  announcement: string;
}

/** One part of the live region (an element marked `data-part`): its key and its whole new markup. */
export interface LivePart {
  key: string;
  html: string;
}

/**
 * A public change, one version after the previous one: the snapshot of the new version, except
 * that the live region comes as the parts that changed since the previous version when it can
 * (`parts`, applied in place of the elements of the same `data-part`), else whole (`html`).
 * About a tenth of the bytes of a snapshot for a channel's change on the La Poste page.
 */
export type StatusChange = Omit<StatusSnapshot, 'html'> & ({ html: string } | { parts: LivePart[] });

/** Events the server sends to viewers. */
export interface StatusServerToClient {
  /** The full state, sent on every join. */
  'status:snapshot': (snapshot: StatusSnapshot) => void;
  /** The state after a public change; `version` is one more than the previous one of the same instance. */
  'status:changed': (change: StatusChange) => void;
}

/** Events viewers send to the server. Viewers never change anything. */
export interface StatusClientToServer {
  /** Joins (or re-joins, to get a fresh snapshot) the room of a run. */
  'status:join': (request: JoinRequest, ack?: (response: Ack<{ version: number }>) => void) => void;
}

/** The namespace of the facilitator's console and the responders' desks. */
export const CONTROL_NAMESPACE = '/control';

/** A command's answer: its result, or an error saying what was wrong. */
export type CommandAck = (response: Ack<unknown>) => void;

/**
 * Events the console and desks send. Besides these, every command of `server/control/commands.ts`
 * is an event of the same name (`runs:create`, `runs:control`, `runs:publish`…) taking the
 * command's input and answering with a `CommandAck`.
 */
export interface ControlClientToServer {
  /** Follow a run: answers with its view now, then `run:view` after every change. */
  'run:watch': (request: { run: string }, ack: CommandAck) => void;
  /** Stop following a run. */
  'run:unwatch': (request: { run: string }, ack?: CommandAck) => void;
  /** Follow the list of runs and schedules (facilitator): `lobby:changed` after every change. */
  'lobby:watch': (request: Record<string, never>, ack: CommandAck) => void;
}

/** Events the server sends to consoles and desks. */
export interface ControlServerToClient {
  /** A followed run's view after a change: the console's view for the facilitator, the desk's for responders. */
  'run:view': (view: { run: string; view: unknown }) => void;
  /** Runs or schedules changed; ask for them again. */
  'lobby:changed': () => void;
  /** A followed run ended. */
  'run:ended': (event: { run: string }) => void;
}
