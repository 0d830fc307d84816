/**
 * A valid input for every control operation, on the fuzz target's runs. Each payload the fuzz
 * sends is one of these with a defect: everything else in it is valid, so the payload reaches the
 * check that must refuse the defect, rather than being refused for something easier.
 */
import { COMMANDS, type CommandName } from '../../server/control/commands.js';
import type { TargetIds } from './fuzz-target.js';

/** An input as the socket sends it: the JSON API takes the same, ids in the path. */
export type Input = Record<string, unknown>;

const text = (words: string): { fr: string; en: string } => ({ fr: words, en: words });

/** An update the tutorial's runs accept: it opens an incident. */
export const validUpdate = (): Input => ({
  incident: 'fuzz-outage',
  title: text('Outage'),
  status: 'investigating',
  impact: 'major',
  channels: { app: 'major_outage', cards: 'operational' },
  body: text('We are investigating.'),
  workaround: text('Card payments work.'),
  nextUpdateAt: '+30m',
});

/** Valid inputs of every operation. */
export function commandExamples(ids: TargetIds): Record<CommandName, Input[]> {
  const { exercise, replay, ended } = ids;
  return {
    'scenarios:list': [{}],
    'runs:list': [{}],
    'runs:ended': [{}],
    'schedules:list': [{}],
    'runs:create': [
      {
        scenario: 'tutorial',
        mode: 'exercise',
        speed: 60,
        visibility: 'unlisted',
        from: '+15m',
        play: false,
        start: { kind: 'now' },
        requireApproval: true,
      },
      { scenario: 'tutorial', start: { kind: 'at', at: '2099-01-01T09:00:00+01:00' } },
      { scenario: 'tutorial', start: { kind: 'cron', cron: '0 9 * * 1', timeZone: 'Europe/Paris' } },
    ],
    'runs:get': [{ run: exercise }, { run: replay }],
    'runs:end': [{ run: replay }],
    'runs:settings': [{ run: exercise, requireApproval: false }],
    'runs:control': [
      { run: replay, control: 'seek', to: '+30m' },
      { run: replay, control: 'seek', to: 600_000 },
      { run: replay, control: 'speed', speed: 120 },
      { run: replay, control: 'step-next' },
    ],
    'runs:act': [
      { run: replay, action: { type: 'set-actual', channel: 'atm', status: 'partial_outage' } },
      { run: replay, action: { type: 'publish', update: validUpdate() } },
      {
        run: exercise,
        action: { type: 'inject', inject: { channel: 'press', from: 'AFP', subject: text('Call'), body: text('So?') } },
      },
      { run: replay, action: { type: 'fire', entry: 3 } },
      { run: replay, action: { type: 'skip', entry: 4 } },
    ],
    'runs:publish': [{ run: replay, update: validUpdate() }],
    'runs:log': [{ run: replay }],
    'drafts:decide': [{ run: exercise, draft: ids.draft, decision: 'reject', reason: 'Too vague' }],
    'codes:list': [{ run: exercise }],
    'codes:create': [{ run: exercise, label: 'Team B' }],
    'codes:revoke': [{ run: exercise, code: ids.code }],
    'notifications:get': [{ run: replay }],
    'webhooks:add': [{ run: replay, url: 'https://hooks.example.org/statusdrill' }],
    'webhooks:remove': [{ run: replay, webhook: 'wh_none' }],
    'notes:list': [{ run: replay }, { run: ended }],
    'notes:add': [
      { run: replay, text: 'A note', at: '+20m' },
      { run: ended, text: 'After the run' },
    ],
    'notes:remove': [{ run: replay, note: ids.note }],
    'shares:list': [{ run: replay }],
    'shares:create': [{ run: replay, label: 'Board' }],
    'shares:revoke': [{ run: replay, share: ids.share }],
    'schedules:remove': [{ schedule: ids.schedule }],
  };
}

/** Keys of a command's input that must be present (those without a default, not optional). */
export function requiredKeys(name: CommandName): string[] {
  const shape = (
    COMMANDS[name].input as unknown as { shape: Record<string, { safeParse(v: unknown): { success: boolean } }> }
  ).shape;
  return Object.keys(shape).filter((key) => !shape[key]!.safeParse(undefined).success);
}
