/**
 * Small runs to measure: a scenario of two channels (`web`, `cards`) over twelve hours with a
 * 15-minute first-update, 30-minute scoping and 30-minute gap policy, and builders for its
 * entries and for recorded actions. Times are minutes after the start.
 */
import type { Action, RecordedAction } from '../../server/replay/actions.js';
import type { Scenario } from '../../server/scenario/compile.js';
import { MIN, text, twoChannelScenario } from '../support/two-channel.js';
import type { EntryFile, ExpectSpec, UpdateSpec } from '../../server/scenario/schema.js';
import type { Status } from '../../server/scenario/vocabulary.js';

export { MIN } from '../support/two-channel.js';

/** The two-channel scenario with `timeline`, under a 15-minute first-update, 30-minute scoping and 30-minute gap policy. */
export function scenario(timeline: EntryFile[]): Scenario {
  return twoChannelScenario(timeline, { firstUpdateWithin: '15m', scopingWithin: '30m', maxGap: '30m' });
}

/** The world changes at minute `m`. */
export const actual = (m: number, statuses: Record<string, Status>): EntryFile => ({ at: `+${m}m`, actual: statuses });

/** The contents of an update of `incident`, investigating unless `extra` says otherwise. */
export const updateSpec = (incident: string, extra: Partial<UpdateSpec> = {}): UpdateSpec => ({
  incident,
  title: text('T'),
  impact: 'major',
  status: 'investigating',
  body: text('B'),
  ...extra,
});

/** A scripted update of `incident` at minute `m`. */
export const update = (m: number, incident: string, extra: Partial<UpdateSpec> = {}): EntryFile => ({
  at: `+${m}m`,
  update: updateSpec(incident, extra),
});

/** An expectation set at minute `m`. */
export const expectation = (m: number, spec: ExpectSpec): EntryFile => ({ at: `+${m}m`, expect: spec });

/** A workaround text. */
export const WORKAROUND = text('Cards still work.');

/** A responder's action at minute `m`, `seq`-th of the run. */
export function responder(seq: number, m: number, action: Action): RecordedAction {
  return { seq, offsetMs: m * MIN, wallMs: m * MIN, author: { role: 'responder', name: 'R' }, action };
}

/** A responder publishing an update of `incident` at minute `m`. */
export function published(seq: number, m: number, incident: string, extra: Partial<UpdateSpec> = {}): RecordedAction {
  return responder(seq, m, { type: 'publish', update: updateSpec(incident, extra) });
}
