/**
 * What people do during a run, as data: the facilitator changes the world, publishes, sends
 * injects, fires or skips entries; responders publish. Each action is recorded with its story
 * offset, wall time and author, and folds into the state like a scenario entry.
 */
import type { Scenario, ScriptedUpdate } from '../scenario/compile.js';
import type { InjectSpec } from '../scenario/schema.js';
import type { Status } from '../scenario/vocabulary.js';
import { applyActual, applyEntry, publishUpdate, toPublished } from './reducer.js';
import type { ScenarioState } from './state.js';

/** Who does things in a run. `system` is the engine itself (pausing at the end, say). */
export const ROLES = ['facilitator', 'responder', 'system'] as const;
export type Role = (typeof ROLES)[number];

/** The person (or the engine) behind an action or a control. */
export interface Author {
  role: Role;
  /** A display name; never a secret. */
  name: string;
}

/** An update published during the run; times are offsets, not the file's syntax. */
export type PublishInput = Omit<ScriptedUpdate, 'nextUpdateAt'>;

/** One thing done during a run. */
export type Action =
  | { type: 'set-actual'; channel: string; status: Status }
  | { type: 'publish'; update: PublishInput }
  | { type: 'inject'; inject: InjectSpec }
  | { type: 'fire'; entry: number }
  | { type: 'skip'; entry: number };

export type ActionType = Action['type'];

/** An action as the run recorded it. */
export interface RecordedAction {
  /** Position in the run's log; orders actions made at the same story offset. */
  seq: number;
  offsetMs: number;
  wallMs: number;
  author: Author;
  action: Action;
}

/** Scenario entries that a fire or a skip has taken out of their place in the timeline. */
export function displacedEntries(actions: readonly RecordedAction[]): Set<number> {
  const displaced = new Set<number>();
  for (const { action } of actions) if (action.type === 'fire' || action.type === 'skip') displaced.add(action.entry);
  return displaced;
}

/** The state after one recorded action. */
export function applyAction(state: ScenarioState, scenario: Scenario, recorded: RecordedAction): ScenarioState {
  const { action, offsetMs, seq, author } = recorded;
  const next: ScenarioState = { ...state, offsetMs: Math.max(state.offsetMs, offsetMs), applied: state.applied + 1 };
  switch (action.type) {
    case 'set-actual':
      return applyActual(next, { [action.channel]: action.status }, offsetMs);
    case 'publish': {
      // Published by a person during the run: public in both modes.
      const origin = author.role === 'responder' ? 'responder' : 'facilitator';
      return publishUpdate(next, action.update, toPublished(next, action.update, offsetMs, `a${seq}`, origin));
    }
    case 'inject':
      return { ...next, injects: [...next.injects, { offsetMs, ref: `a${seq}`, item: action.inject }] };
    case 'fire': {
      const entry = scenario.entries.find((e) => e.index === action.entry);
      if (entry === undefined) return next;
      // The entry takes effect now, as if it had been written at this time.
      return applyEntry(state, { ...entry, offsetMs });
    }
    case 'skip':
      return next;
  }
}
