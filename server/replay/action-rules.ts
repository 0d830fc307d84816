/**
 * Whether an action may be taken now, by this author, on this run. Throws an AppError that says
 * what is wrong; the run records nothing when it does.
 */
import { ConflictError, ForbiddenError, ValidationError } from '../errors.js';
import type { Scenario } from '../scenario/compile.js';
import { didYouMean } from '../scenario/problems.js';
import type { LocalizedText } from '../scenario/schema.js';
import { IMPACTS, INJECT_CHANNELS, STAGES, STATUSES } from '../scenario/vocabulary.js';
import type { Action, Author } from './actions.js';
import type { ScenarioState } from './state.js';

const ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
const MAX_TEXT = 5_000;

/** What responders may do; everything else is the facilitator's. */
const RESPONDER_ACTIONS: ReadonlySet<Action['type']> = new Set(['publish']);

/** Throws unless `author` may take `action` now. */
export function checkAction(
  action: Action,
  author: Author,
  context: { scenario: Scenario; state: ScenarioState; offsetMs: number; displaced: ReadonlySet<number> },
): void {
  if (author.role === 'system' || (author.role === 'responder' && !RESPONDER_ACTIONS.has(action.type))) {
    throw new ForbiddenError(`a ${author.role} cannot ${action.type}`);
  }
  const { scenario, state } = context;
  const channelIds = Object.keys(state.channels);
  const checkChannel = (id: string, where: string): void => {
    // Own keys only: `in` also finds "constructor", "hasOwnProperty" and "__proto__" on every object.
    if (!Object.hasOwn(state.channels, id))
      throw new ValidationError(`${where}: unknown channel "${id}"${didYouMean(id, channelIds)}`);
  };
  switch (action.type) {
    case 'set-actual':
      checkChannel(action.channel, 'channel');
      oneOf(action.status, STATUSES, 'status');
      return;
    case 'publish': {
      const u = action.update;
      if (!ID.test(u.incident))
        throw new ValidationError('incident: lowercase letters, digits and dashes, e.g. "ddos"');
      oneOf(u.status, STAGES, 'status');
      if (u.impact !== undefined) oneOf(u.impact, IMPACTS, 'impact');
      const opening = !state.incidents.some((incident) => incident.id === u.incident);
      if (opening && (u.title === undefined || u.impact === undefined)) {
        throw new ValidationError(`incident "${u.incident}" is new: its first update needs a title and an impact`);
      }
      text(u.body, 'body', scenario);
      if (u.title !== undefined) text(u.title, 'title', scenario);
      if (u.workaround !== undefined) text(u.workaround, 'workaround', scenario);
      for (const [channel, status] of Object.entries(u.channels ?? {})) {
        checkChannel(channel, 'channels');
        oneOf(status, STATUSES, `channels.${channel}`);
      }
      if (u.nextUpdateAtMs !== undefined && !(u.nextUpdateAtMs >= context.offsetMs)) {
        throw new ValidationError('nextUpdateAt: must not be in the past');
      }
      return;
    }
    case 'inject':
      oneOf(action.inject.channel, INJECT_CHANNELS, 'inject.channel');
      text(action.inject.body, 'inject.body', scenario);
      return;
    case 'fire':
    case 'skip': {
      const entry = scenario.entries.find((e) => e.index === action.entry);
      if (entry === undefined) throw new ValidationError(`entry: no timeline entry ${action.entry}`);
      if (context.displaced.has(entry.index))
        throw new ConflictError(`entry ${entry.index} has already been fired or skipped`);
      if (entry.offsetMs <= context.offsetMs) throw new ConflictError(`entry ${entry.index} has already applied`);
      return;
    }
  }
}

function oneOf(value: string, allowed: readonly string[], where: string): void {
  if (!allowed.includes(value))
    throw new ValidationError(`${where}: "${value}" is not one of ${allowed.join(', ')}${didYouMean(value, allowed)}`);
}

/** A text in at least one of the scenario's languages, none empty or oversized. */
function text(value: LocalizedText, where: string, scenario: Scenario): void {
  const entries = Object.entries(value);
  if (entries.length === 0)
    throw new ValidationError(`${where}: a text in at least one of ${scenario.languages.join(', ')}`);
  for (const [language, content] of entries) {
    if (!(scenario.languages as string[]).includes(language))
      throw new ValidationError(
        `${where}.${language}: not one of the scenario's languages (${scenario.languages.join(', ')})`,
      );
    if (typeof content !== 'string' || content.trim() === '')
      throw new ValidationError(`${where}.${language}: must not be empty`);
    if (content.length > MAX_TEXT) throw new ValidationError(`${where}.${language}: at most ${MAX_TEXT} characters`);
  }
}
