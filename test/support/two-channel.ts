/**
 * A small scenario for hand-built runs: two channels (`web`, `cards`) over twelve hours from
 * 2026-01-05 08:00 Paris time, with whatever timeline and policy a test gives. Times are written
 * as offsets (`+15m`).
 */
import { compileScenario, type Scenario } from '../../server/scenario/compile.js';
import type { EntryFile, ScenarioFile } from '../../server/scenario/schema.js';

/** One minute in milliseconds. */
export const MIN = 60_000;

/** The same words in French and English. */
export const text = (t: string): { fr: string; en: string } => ({ fr: t, en: t });

/** The two-channel scenario with `timeline` (and `commsPolicy` when given). */
export function twoChannelScenario(timeline: EntryFile[], commsPolicy?: ScenarioFile['commsPolicy']): Scenario {
  return compileScenario({
    schema: 'statusdrill/v1',
    id: 'two-channels',
    title: text('Two channels'),
    summary: text('Two channels'),
    timeZone: 'Europe/Paris',
    startsAt: '2026-01-05T08:00:00+01:00',
    endsAt: '2026-01-05T20:00:00+01:00',
    languages: ['fr', 'en'],
    groups: [{ id: 'g', organisation: 'Org', name: text('G') }],
    channels: [
      { id: 'web', group: 'g', name: text('Web') },
      { id: 'cards', group: 'g', name: text('Cards') },
    ],
    ...(commsPolicy === undefined ? {} : { commsPolicy }),
    timeline,
  });
}
