/**
 * Invalid inputs of every control operation, invalid by construction: a valid example with one
 * defect its schema forbids (checked against the schema, so the generator cannot fool itself), or
 * one the operation must refuse though its shape is fine: a run, draft, code, note, share or
 * schedule that does not exist, a channel the scenario does not have (prototype names included),
 * a story time outside the story, an incident opened without a title, a URL that is not http(s).
 */
import { COMMANDS, type CommandName } from '../../server/control/commands.js';
import type { Rng } from './rng.js';
import { PROTO_KEYS } from './hostile-values.js';
import { schemaDefect, type Defect } from './schema-defects.js';
import type { Input } from './command-examples.js';
import type { TargetIds } from './fuzz-target.js';

/** An invalid input and why it is. */
export interface InvalidInput {
  input: Input;
  what: string;
  /** Whether the defect is in an id the JSON API takes from the path. */
  inPath: boolean;
}

/** Keys the JSON API takes from the path rather than the body. */
export const PATH_KEYS = new Set(['run', 'draft', 'code', 'webhook', 'note', 'share', 'schedule']);

/** Report operations, which also take ended runs. */
const ANY_RUN = new Set<CommandName>([
  'notes:list',
  'notes:add',
  'notes:remove',
  'shares:list',
  'shares:create',
  'shares:revoke',
]);

const unknownIds = (rng: Rng): string => rng.pick(['zzzzzzzz', 'nope', 'A', '0', rng.pick(PROTO_KEYS)]);
const badTimes = [
  '+999d',
  '+99999999d',
  `+${'9'.repeat(30)}m`,
  '2030-01-01T00:00+01:00',
  '2000-01-01T00:00Z',
  'yesterday',
  '-1h',
  '+1x',
];
const badChannels = [...PROTO_KEYS, 'nope', 'APP', 'app ', 'lbp-web'];

/** Defects a valid shape can still carry, for the operations that have them. */
function semanticDefects(rng: Rng, name: CommandName, input: Input, ids: TargetIds): Array<() => Defect> {
  const set = (key: string, value: unknown, what: string) => (): Defect => ({
    value: { ...input, [key]: value },
    what,
  });
  const out: Array<() => Defect> = [];
  if ('run' in input) {
    out.push(set('run', unknownIds(rng), 'a run that does not exist'));
    if (!ANY_RUN.has(name)) out.push(set('run', ids.ended, 'an ended run'));
    else out.push(set('run', `${ids.replay}~123`, 'an ended run that never was'));
  }
  for (const key of ['draft', 'code', 'note', 'share', 'schedule', 'webhook']) {
    if (key in input) out.push(set(key, unknownIds(rng), `a ${key} that does not exist`));
  }
  const update = (input.update ?? (input.action as Input | undefined)?.update) as Input | undefined;
  const withUpdate = (changed: Input, what: string) => (): Defect => ({
    value:
      'update' in input ? { ...input, update: changed } : { ...input, action: { type: 'publish', update: changed } },
    what,
  });
  if (update !== undefined) {
    const channels: Record<string, string> = { ...(update.channels as Record<string, string>) };
    Object.defineProperty(channels, rng.pick(badChannels), {
      value: 'major_outage',
      enumerable: true,
      configurable: true,
    });
    out.push(withUpdate({ ...update, channels }, 'an update naming a channel the scenario does not have'));
    const { title: _title, ...untitled } = update;
    out.push(withUpdate({ ...untitled, incident: 'never-opened' }, 'a new incident without a title'));
    out.push(withUpdate({ ...update, nextUpdateAt: rng.pick(badTimes) }, 'a next update out of the story'));
    out.push(withUpdate({ ...update, body: {} }, 'a body in no language'));
  }
  const action = input.action as Input | undefined;
  if (action?.type === 'set-actual') {
    out.push(set('action', { ...action, channel: rng.pick(badChannels) }, 'a channel the scenario does not have'));
  }
  if (action?.type === 'fire' || action?.type === 'skip') {
    out.push(set('action', { ...action, entry: rng.pick([0, 1, 9_999]) }, 'an entry applied already or not there'));
  }
  if (action?.type === 'inject') {
    const inject = action.inject as Input;
    out.push(set('action', { ...action, inject: { ...inject, body: {} } }, 'an inject in no language'));
  }
  if (name === 'runs:create') {
    out.push(set('scenario', rng.pick(['nope', 'schema', ...PROTO_KEYS]), 'a scenario that does not exist'));
    out.push(set('from', rng.pick(badTimes), 'a start out of the story'));
    out.push(set('start', { kind: 'at', at: '2001-01-01T00:00:00Z' }, 'a start in the past'));
    out.push(set('start', { kind: 'cron', cron: '61 * * * *', timeZone: 'UTC' }, 'a cron of minute 61'));
    out.push(
      set(
        'start',
        { kind: 'cron', cron: '0 9 * * 1', timeZone: rng.pick(['Mars/Olympus', ...PROTO_KEYS]) },
        'an unknown time zone',
      ),
    );
  }
  if (name === 'runs:control') {
    out.push(() => ({
      value: { run: input.run, control: 'seek', to: rng.pick([...badTimes, 99_999_999_999]) },
      what: 'a seek out of the story',
    }));
    out.push(() => ({ value: { run: input.run, control: 'speed' }, what: 'a speed control without a speed' }));
    out.push(() => ({ value: { run: input.run, control: 'seek' }, what: 'a seek without a time' }));
  }
  if (name === 'notes:add' && 'at' in input) out.push(set('at', rng.pick(badTimes), 'a note out of the story'));
  if (name === 'webhooks:add') {
    out.push(
      set(
        'url',
        rng.pick(['javascript:alert(1)', 'ftp://x.org/', 'not a url', '/hook', 'http://']),
        'a URL that is not http(s)',
      ),
    );
  }
  return out;
}

/** An invalid input of `name` made from `example`. */
export function invalidInput(rng: Rng, name: CommandName, example: Input, ids: TargetIds): InvalidInput {
  const schema = COMMANDS[name].input;
  const semantic = semanticDefects(rng, name, example, ids);
  const made = (defect: Defect): InvalidInput => ({
    input: defect.value as Input,
    what: defect.what,
    inPath: isObject(defect.value) && [...PATH_KEYS].some((key) => !sameValue(defect.value, example, key)),
  });
  if (semantic.length > 0 && rng.chance(0.4)) return made(rng.pick(semantic)());
  for (let attempt = 0; attempt < 20; attempt++) {
    const defect = schemaDefect(rng, schema, example);
    // As `dispatch` reads it: no input at all is an empty one.
    if (!schema.safeParse(defect.value ?? {}).success) return made(defect);
  }
  // Every schema defect happened to be valid (it never has): a list for the input is not.
  return made({ value: ['not', 'an', 'object'], what: 'a list for the input' });
}

function sameValue(a: unknown, b: Input, key: string): boolean {
  const left = a as Input;
  return Object.hasOwn(left, key) === Object.hasOwn(b, key) && JSON.stringify(left[key]) === JSON.stringify(b[key]);
}

function isObject(value: unknown): value is Input {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
