/**
 * Malformed engine.io and socket.io packets, as only a hand-written client would send them:
 * unknown packet types, broken or non-array JSON, event names that are not strings or are
 * reserved, acknowledgement ids out of range, binary events whose attachments never come or point
 * nowhere, nesting deep enough to reach recursion limits, frames over the size limit, text frames
 * that are not UTF-8. Every event names an operation with an input that is not valid, so none of
 * them may change anything.
 */
import type { Rng } from './rng.js';
import type { FuzzTarget } from './fuzz-target.js';
import { deepJsonText, hostileString } from './hostile-values.js';

/** One frame: text, or bytes sent as a binary frame or as a text frame that is not UTF-8. */
export type Frame = { text: string } | { bytes: Buffer; as: 'binary' | 'text' };

/** A connection's worth of packets. */
export interface RawSession {
  namespace: 'status' | 'control';
  /**
   * What the namespace is joined with, as JSON: for `/control` the session's anti-forgery token;
   * for `/status` nothing, or a run to join at once that is not one (which the server ignores).
   */
  auth: string;
  frames: Frame[];
  /** What the frames are, for the failure report. */
  what: string[];
}

const RESERVED = ['connect', 'connect_error', 'disconnect', 'disconnecting', 'newListener', 'removeListener'];

/** The frames of one raw connection, after the namespace is joined. */
export function rawSession(rng: Rng, target: FuzzTarget): RawSession {
  const namespace = rng.chance(0.6) ? 'status' : 'control';
  const ns = `/${namespace}`;
  const event =
    namespace === 'status'
      ? 'status:join'
      : rng.pick(['runs:create', 'runs:control', 'runs:act', 'runs:end', 'codes:revoke']);
  // Inputs no operation takes: the run does not exist, or the fields are not the operation's.
  const bad = rng.pick<unknown>([
    { run: 'nope' },
    { run: 7 },
    {},
    { run: target.ids.replay, colour: 'red' },
    'text',
    null,
  ]);
  const packets: Array<() => [Frame, string]> = [
    () => [
      { text: rng.pick(['', '9', '7x', '1', '2', '3', '5', '6', 'b', 'x']) },
      'an engine.io packet of no or the wrong type',
    ],
    () => [
      { text: `4${rng.pick(['', '9', 'x', '7', '0/../', '0/nope,', '1/nope,', '5', '6'])}` },
      'a socket.io packet of no or the wrong type',
    ],
    () => [
      { text: `42${ns},${rng.pick(['', '[', '{}', '[]', '[1]', '[null]', `["${event}"`, '"x"', '[{"a":1}]'])}` },
      'an event that is not one',
    ],
    () => [{ text: `42${ns},${JSON.stringify([rng.pick(RESERVED), bad])}` }, 'a reserved event name'],
    () => [
      {
        text: `42${ns},${rng.pick(['99999999999999999999', '-1', '0x1', '1e3', '007'])}${JSON.stringify([event, bad])}`,
      },
      'an acknowledgement id out of range',
    ],
    () => [
      { text: `42${ns},${rng.int(1_000)}${JSON.stringify([event, bad])}` },
      'an operation with an input it does not take',
    ],
    () => [{ text: `43${ns},${rng.int(1_000)}[{"ok":true}]` }, 'an acknowledgement nobody asked for'],
    () => [{ text: `44${ns},{"message":"x"}` }, 'a connection error from the client'],
    () => [{ text: `41${ns},` }, 'a disconnection, then more'],
    () => [{ text: `42${ns},["${event}",${deepJsonText(rng, rng.between(100, 30_000))}]` }, 'an input nested deep'],
    () => [{ text: `42${ns},${deepJsonText(rng, rng.between(100, 30_000))}` }, 'a packet nested deep'],
    () => [
      {
        text: `45${rng.pick(['1', '2', '999999', '-1', 'x'])}-${ns},${JSON.stringify([event, { _placeholder: true, num: rng.pick([0, 1, 7, -1]) }])}`,
      },
      'a binary event',
    ],
    () => [
      {
        text: `451-${ns},["${event}",${deepJsonText(rng, rng.between(100, 20_000)).replace('1', '{"_placeholder":true,"num":0}')}]`,
      },
      'a binary event nested deep',
    ],
    () => [
      { text: `42${ns},${JSON.stringify([event, { _placeholder: true, num: 0 }])}` },
      'a placeholder outside a binary event',
    ],
    () => [
      { bytes: Buffer.from(Array.from({ length: rng.between(1, 64) }, () => rng.int(256))), as: 'binary' },
      'a binary frame',
    ],
    () => [{ bytes: Buffer.from([0x34, 0x32, 0xff, 0xfe, 0xc0, 0x80]), as: 'text' }, 'a text frame that is not UTF-8'],
    () => [{ text: `42${ns},${JSON.stringify([event, hostileString(rng, 70_000)])}` }, 'a frame over the size limit'],
  ];
  const frames: Frame[] = [];
  const what: string[] = [];
  const count = rng.between(1, 6);
  for (let i = 0; i < count; i++) {
    const [frame, description] = rng.pick(packets)();
    frames.push(frame);
    what.push(description);
  }
  const auth =
    namespace === 'control'
      ? JSON.stringify({ csrf: target.facilitator[0]!.session.csrf })
      : rng.chance(0.6)
        ? ''
        : rng.pick([
            JSON.stringify({ run: rng.pick<unknown>(['nope', 7, null, [], '', 'a'.repeat(65), target.ids.ended]) }),
            JSON.stringify({ run: target.ids.replay, lang: rng.pick<unknown>(['de', 0, {}]) }),
            JSON.stringify({ run: target.ids.replay, extra: 1 }),
            `{"run":${deepJsonText(rng, rng.between(100, 30_000))}}`,
            '{"__proto__":{"run":"x"},"run":"nope"}',
            '"text"',
            '[1]',
            '{"run":',
          ]);
  if (auth !== '' && namespace === 'status') what.unshift('a run to join at once that is not one');
  return { namespace, auth, frames, what };
}
