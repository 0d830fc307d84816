/**
 * The socket fuzz: a seeded run of events to `/control` (as the facilitator and as a responder)
 * and `/status` (as a viewer). Each one must be answered with an error acknowledgement within the
 * bound, or, sent without a callback or to an event nobody listens to, change nothing and leave the
 * connection answering; every run's state is compared with what it was before each event.
 */
import type { Socket } from 'socket.io-client';
import { SOCKET_MESSAGE_LIMIT } from '../../server/web/limits.js';
import { connectControl } from '../support/control.js';
import { connectViewer } from '../support/viewers.js';
import { Rng } from './rng.js';
import type { FuzzTarget, SurfaceFuzzOptions } from './fuzz-target.js';
import { controlEvent, statusEvent, type SocketEvent } from './socket-events.js';
import { describeChange } from './state-fingerprint.js';
import { STOP_AFTER_FAILURES, Tally } from './tally.js';

/** Event `index` of the run seeded `seed`: four in five to `/control`. */
export function socketEvent(seed: number, index: number, target: FuzzTarget): SocketEvent {
  const rng = Rng.derive(seed, 'socket', index);
  return rng.chance(0.8) ? controlEvent(rng, target) : statusEvent(rng, target);
}

/** Runs the socket fuzz. */
export async function fuzzSockets({ seed, count, target, boundMs }: SurfaceFuzzOptions): Promise<Tally> {
  const tally = new Tally();
  const connect = {
    facilitator: () => connectControl(target.url, target.facilitator[0]!.session),
    responder: () => connectControl(target.url, target.responder[0]!.session),
    viewer: () => connectViewer(target.url),
  };
  const sockets: Record<SocketEvent['who'], Socket> = {
    facilitator: await connect.facilitator(),
    responder: await connect.responder(),
    viewer: await connect.viewer(),
  };
  try {
    let before = target.fingerprint();
    for (let index = 0; index < count && tally.failures.length < STOP_AFTER_FAILURES; index++) {
      const event = socketEvent(seed, index, target);
      const socket = sockets[event.who];
      const outcome = await send(socket, event, boundMs);
      const reasons = [fault(event, outcome)];
      // The server cuts a client whose message is over the limit; anything else cut it wrongly.
      const overLimit = Buffer.byteLength(JSON.stringify(event.args)) >= SOCKET_MESSAGE_LIMIT - 1_024;
      // Sent without a callback, the connection must still answer, unless the message was over
      // the limit: then it is being cut, and the question is asked of the next connection.
      const answers =
        outcome.kind === 'ack' || !socket.connected ? undefined : await stillAnswers(socket, event, target, boundMs);
      if (!socket.connected) {
        if (!overLimit) reasons.push('the server closed the connection');
        socket.close();
        sockets[event.who] = await connect[event.who]();
      } else reasons.push(answers);
      tally.count(`/${event.namespace} ${event.event.slice(0, 40)}`, outcome.label);
      const after = target.fingerprint();
      if (after !== before) reasons.push(`the state changed: ${describeChange(before, after)}`);
      const reason = reasons.filter((r) => r !== undefined).join('; ');
      if (reason !== '') {
        const { namespace, who, event: name, args } = event;
        tally.fail({
          index,
          surface: `/${namespace} ${name}`,
          what: event.what,
          reason,
          sent: { namespace, who, event: name, args },
        });
      }
      before = after;
    }
  } finally {
    for (const socket of Object.values(sockets)) socket.close();
  }
  return tally;
}

type Outcome = { kind: 'ack'; label: string; ack: unknown } | { kind: 'silent'; label: string };

/** Emits the event; with a callback when one is expected, waiting for it up to the bound. */
async function send(socket: Socket, event: SocketEvent, boundMs: number): Promise<Outcome> {
  if (event.expect === 'none') {
    socket.emit(event.event, ...event.args);
    return { kind: 'silent', label: 'no acknowledgement asked' };
  }
  try {
    const ack: unknown = await socket.timeout(boundMs).emitWithAck(event.event, ...event.args);
    const code = (ack as { error?: { code?: unknown } } | null)?.error?.code;
    return { kind: 'ack', label: `ack ${typeof code === 'string' ? code : 'ok'}`, ack };
  } catch {
    return { kind: 'silent', label: socket.connected ? 'no acknowledgement' : 'disconnected' };
  }
}

/** What is wrong with the outcome of `event`, if anything. */
function fault(event: SocketEvent, outcome: Outcome): string | undefined {
  if (event.expect === 'none') return undefined;
  if (outcome.kind !== 'ack')
    return outcome.label === 'disconnected' ? undefined : `no acknowledgement within the bound`;
  const ack = outcome.ack as { ok?: unknown; error?: { code?: unknown; message?: unknown } } | null;
  if (ack?.ok !== false) return `acknowledged as done: ${JSON.stringify(ack)?.slice(0, 300)}`;
  if (typeof ack.error?.code !== 'string' || typeof ack.error.message !== 'string' || ack.error.message === '')
    return `an acknowledgement that is not { ok: false, error: { code, message } }: ${JSON.stringify(ack).slice(0, 300)}`;
  return undefined;
}

/** After an event with no answer, the connection still answers a harmless request. */
async function stillAnswers(
  socket: Socket,
  event: SocketEvent,
  target: FuzzTarget,
  boundMs: number,
): Promise<string | undefined> {
  const [name, input] =
    event.namespace === 'status'
      ? ['status:join', { run: target.ids.replay }]
      : ['runs:get', { run: event.who === 'responder' ? target.ids.exercise : target.ids.replay }];
  try {
    const ack = (await socket.timeout(boundMs).emitWithAck(name, input)) as { ok?: unknown };
    return ack.ok === true ? undefined : `then ${name} failed: ${JSON.stringify(ack).slice(0, 200)}`;
  } catch {
    return `then ${name} had no answer within the bound`;
  }
}
