/**
 * Socket events of the fuzz, each invalid by construction: on `/control`, every command with an
 * input carrying one defect (invalid-inputs.ts), an input that is not an object, `run:watch` and
 * `run:unwatch` on runs that are not there or not the caller's, `lobby:watch` from a responder,
 * events nobody listens to, and commands sent without a callback or with a stray argument before
 * it; on `/status`, joins with a run or language that is not one.
 */
import { COMMANDS, type CommandName } from '../../server/control/commands.js';
import type { Rng } from './rng.js';
import type { FuzzTarget } from './fuzz-target.js';
import { commandExamples, requiredKeys } from './command-examples.js';
import { invalidInput } from './invalid-inputs.js';
import { hostileString, PROTO_KEYS, protoObject, wrongTypeValue } from './hostile-values.js';

/** One event to send. */
export interface SocketEvent {
  namespace: 'control' | 'status';
  /** Which connection sends it. */
  who: 'facilitator' | 'responder' | 'viewer';
  event: string;
  /** Arguments before the acknowledgement callback. */
  args: unknown[];
  /** `error`: an acknowledgement `{ ok: false, error }`; `none`: no acknowledgement, and nothing else either. */
  expect: 'error' | 'none';
  what: string;
}

/** Event names nobody listens to, on either namespace. */
const STRAY_EVENTS = ['runs:delete', 'run:view', 'status:changed', 'status:snapshot', 'x'.repeat(300), ...PROTO_KEYS];

/** An event for `/control`. */
export function controlEvent(rng: Rng, target: FuzzTarget): SocketEvent {
  const who = rng.chance(0.8) ? 'facilitator' : 'responder';
  const base = { namespace: 'control', who } as const;
  const roll = rng.int(20);
  if (roll === 0)
    return { ...base, event: rng.pick(STRAY_EVENTS), args: [{}], expect: 'none', what: 'an event nobody listens to' };
  if (roll === 1) {
    // Unwatching a run one does not watch changes nothing and is answered ok: only ids that are none are refused.
    const malformed = ['', 'a'.repeat(65), 'a b', 42, null, ['x']];
    const unwatch = rng.chance(0.3);
    const run = rng.pick<unknown>(unwatch ? malformed : [...malformed, 'nope', target.ids.ended]);
    const event = unwatch ? 'run:unwatch' : 'run:watch';
    return { ...base, event, args: [{ run }], expect: 'error', what: 'a run to watch that is not one' };
  }
  if (roll === 2) {
    return {
      namespace: 'control',
      who: 'responder',
      event: rng.chance(0.5) ? 'lobby:watch' : 'run:watch',
      args: [{ run: target.ids.replay }],
      expect: 'error',
      what: 'a responder watching what is not theirs',
    };
  }
  const name = rng.pick(Object.keys(COMMANDS) as CommandName[]);
  const example = rng.pick(commandExamples(target.ids)[name]);
  if (roll === 3) {
    // null and undefined are read as {}: not a defect for an operation without a required field.
    const choices = requiredKeys(name).length > 0 ? ['text', 7, true, [example], null] : ['text', 7, true, [example]];
    return {
      ...base,
      event: name,
      args: [rng.pick<unknown>(choices)],
      expect: 'error',
      what: 'an input that is not an object',
    };
  }
  const invalid = invalidInput(rng, name, example, target.ids);
  if (roll === 4)
    return { ...base, event: name, args: [invalid.input], expect: 'none', what: `${invalid.what}, without a callback` };
  if (roll === 5)
    return {
      ...base,
      event: name,
      args: [invalid.input, 'stray'],
      expect: 'none',
      what: `${invalid.what}, with a stray argument`,
    };
  return { ...base, event: name, args: [invalid.input], expect: 'error', what: invalid.what };
}

/** An event for `/status`. */
export function statusEvent(rng: Rng, target: FuzzTarget): SocketEvent {
  const base = { namespace: 'status', who: 'viewer', event: 'status:join' } as const;
  const valid = { run: target.ids.replay, lang: 'en' };
  const joins: Array<() => [unknown, string]> = [
    () => [wrongTypeValue(rng, ['object']), 'a join that is not an object'],
    () => [
      { ...valid, run: rng.pick<unknown>(['nope', '', 'a'.repeat(65), target.ids.ended, 7, null, {}]) },
      'a run that is not one',
    ],
    () => [{ ...valid, lang: rng.pick<unknown>(['de', 'EN', '', 0, ['fr']]) }, 'a language that is not one'],
    () => [{ ...valid, extra: 1 }, 'an unknown key'],
    () => [Object.assign(protoObject(rng), valid), 'prototype keys'],
    () => [{ run: hostileString(rng, rng.size(60_000) + 1) }, 'a huge run id'],
  ];
  if (rng.chance(0.15))
    return {
      ...base,
      event: rng.pick(STRAY_EVENTS),
      args: [valid],
      expect: 'none',
      what: 'an event nobody listens to',
    };
  const [join, what] = rng.pick(joins)();
  return { ...base, args: [join], expect: 'error', what };
}
