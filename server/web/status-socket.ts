/**
 * The `/status` namespace: viewers join the room of a run (one room per run and language), get a
 * snapshot on join, then every public change in order. The runs may be this process's or, in a
 * cluster, the leader's as this process mirrors them: viewers of every process get every change. Viewers can only listen. A change for
 * thousands of viewers is written a slice at a time (see `BroadcastQueue`), encoded once for all
 * of them, and a snapshot from the markup's JSON made once per version (see `socket-packets.ts`).
 */
import type { Namespace, Server, Socket } from 'socket.io';
import { z } from 'zod';
import { LANGUAGES, type Language } from '../scenario/vocabulary.js';
import type { PublicRun, PublicRuns, Reach } from '../status/public-run.js';
import {
  STATUS_NAMESPACE,
  type Ack,
  type StatusChange,
  type StatusClientToServer,
  type StatusServerToClient,
} from '../events.js';
import type { Logger } from '../logger.js';
import type { LiveRenderer } from './live-renderer.js';
import { BroadcastQueue } from './broadcast-queue.js';
import { encodeBroadcast, encodeSnapshot, writeEncoded } from './socket-packets.js';

const JoinSchema = z.strictObject({ run: z.string().min(1).max(64), lang: z.enum(LANGUAGES).optional() });

type StatusNamespace = Namespace<StatusClientToServer, StatusServerToClient>;
type StatusSocket = Socket<StatusClientToServer, StatusServerToClient>;

const room = (run: string, lang: Language): string => `run:${run}:${lang}`;

/**
 * Carries the changes of the runs a process owns to the viewers of the other processes of a
 * cluster (through the namespace's Redis adapter).
 */
export interface Relay {
  /**
   * A room every viewer of this process is in and no viewer of another process is: what this
   * process delivers itself is kept out of what it sends the others.
   */
  readonly ownRoom: string;
  /**
   * Called with each change of a run this process owns, once its own viewers have it; `send`
   * hands it to the other processes' viewers, and is to be called once the run's state is
   * published to those processes, so a viewer there never hears of a version its process lacks.
   */
  relay(run: PublicRun, send: () => void): void;
}

/** Serves `/status` on `io`, for every run `runs` serves now or later. */
export function attachStatusSocket(
  io: Server,
  deps: { runs: PublicRuns; renderer: LiveRenderer; logger: Logger; relay?: Relay },
): void {
  const ns: StatusNamespace = io.of(STATUS_NAMESPACE);
  const { runs, renderer, logger, relay } = deps;

  const queue = new BroadcastQueue((error) => logger.error({ err: error }, 'broadcast failed'));
  const broadcast = (run: PublicRun, reach: Reach): void => {
    for (const lang of LANGUAGES) {
      const members = ns.adapter.rooms.get(room(run.id, lang));
      if (members === undefined || members.size === 0) continue;
      const change: StatusChange = renderer.change(run, lang);
      const encoded = encodeBroadcast(STATUS_NAMESPACE, 'status:changed', JSON.stringify(change));
      // Local: the slices are this process's own sockets, written to directly, nothing for Redis to carry.
      queue.send(members, (ids) => {
        for (const id of ids) {
          const socket = ns.sockets.get(id);
          if (socket !== undefined) writeEncoded(socket, encoded);
        }
      });
    }
    if (reach === 'everywhere' && relay !== undefined) {
      // The same change as this process's viewers get: what the others' viewers hold of the
      // version before was rendered there from the same model, part for part. Where this process
      // kept no rendering of that version, the change comes whole.
      const changes = run.scenario.languages.map((lang) => renderer.change(run, lang));
      relay.relay(run, () => {
        for (const change of changes)
          ns.to(room(run.id, change.lang)).except(relay.ownRoom).emit('status:changed', change);
      });
    }
  };
  runs.onChanged((run, reach) => {
    try {
      broadcast(run, reach);
    } catch (error) {
      logger.error({ err: error, run: run.id }, 'broadcast failed');
    }
  });

  /** Puts a viewer in the room of the run it asks for and sends it the snapshot. */
  const join = (socket: StatusSocket, request: unknown): Ack<{ version: number }> => {
    const parsed = JoinSchema.safeParse(request);
    if (!parsed.success)
      return { ok: false, error: { code: 'invalid', message: 'expected { run: string, lang?: "fr" | "en" }' } };
    const run = runs.get(parsed.data.run);
    if (run === undefined) return { ok: false, error: { code: 'not_found', message: `no run "${parsed.data.run}"` } };
    const lang = parsed.data.lang ?? run.scenario.languages[0] ?? 'fr';
    for (const joined of socket.rooms) if (joined !== socket.id && joined !== relay?.ownRoom) void socket.leave(joined);
    void socket.join(room(run.id, lang));
    const { version, head, tail } = renderer.snapshotJson(run, lang);
    writeEncoded(socket, encodeSnapshot(STATUS_NAMESPACE, 'status:snapshot', head, tail));
    return { ok: true, data: { version } };
  };

  ns.on('connection', (socket) => {
    if (relay !== undefined) void socket.join(relay.ownRoom);
    // A viewer that names its run in the handshake's `auth` joins at once: one round trip less
    // than connecting, then joining. Anything else there is ignored; `status:join` still works.
    const auth: unknown = socket.handshake.auth;
    if (typeof auth === 'object' && auth !== null && 'run' in auth) join(socket, auth);
    socket.on('status:join', (request, ack) => {
      const response = join(socket, request);
      if (typeof ack === 'function') ack(response);
    });
  });
}
