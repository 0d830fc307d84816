/**
 * The shapes of what the console, the desk and API clients send, validated with zod before
 * anything runs. Deeper rules (a known channel, a stage that exists) are the run's to check.
 */
import { z } from 'zod';
import { IMPACTS, INJECT_CHANNELS, LANGUAGES, MODES, STAGES, STATUSES } from '../scenario/vocabulary.js';
import type { Control } from '../replay/run-log.js';

const MAX_TEXT = 5_000;

/** A run, scenario, code or schedule id as it appears in a path. */
export const Id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'an id of letters, digits, "-" and "_"');

/** A text per language; each at most 5,000 characters. */
const Text = z.partialRecord(z.enum(LANGUAGES), z.string().trim().min(1, 'must not be empty').max(MAX_TEXT));
const Label = z.union([
  z.string().trim().min(1).max(200),
  z.partialRecord(z.enum(LANGUAGES), z.string().trim().min(1).max(200)),
]);
const Speed = z.number().min(0.1, 'at least 0.1').max(10_000, 'at most 10000');
const StoryTime = z.string().min(1).max(64);

/** How a run starts: now, at a date-time, or on a cron schedule in a time zone. */
export const StartSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('now') }),
  z.strictObject({ kind: z.literal('at'), at: z.iso.datetime({ offset: true, error: 'a date-time with its offset' }) }),
  z.strictObject({
    kind: z.literal('cron'),
    // Five fields: a seconds field would let one schedule start a run every second.
    cron: z
      .string()
      .max(120)
      .refine(
        (cron) => cron.trim().split(/\s+/).length === 5,
        'five fields: minute hour day-of-month month day-of-week',
      ),
    timeZone: z.string().min(1).max(64),
  }),
]);

/** `runs:create`. */
export const CreateRunSchema = z.strictObject({
  scenario: Id,
  mode: z.enum(MODES).default('replay'),
  speed: Speed.default(60),
  visibility: z.enum(['public', 'unlisted']).default('public'),
  /** Story time to start from (date-time or `+1h`); the first entry when absent. */
  from: StoryTime.optional(),
  /** Start playing at once. */
  play: z.boolean().default(true),
  start: StartSchema.default({ kind: 'now' }),
  /** Whether responders' updates wait for the facilitator's approval. */
  requireApproval: z.boolean().default(false),
});

/** `runs:control`: one transport control. */
export const ControlSchema = z.strictObject({
  control: z.enum(['play', 'pause', 'speed', 'seek', 'step-next', 'step-back', 'restart'] satisfies Control[]),
  speed: Speed.optional(),
  /** For `seek`: a story time (`2025-12-22T10:00+01:00`, `+3h`) or an offset in ms. */
  to: z
    .union([StoryTime, z.number().int().min(0)], {
      error: 'a story time ("2025-12-22T10:00+01:00", "+3h") or an offset in whole milliseconds from 0',
    })
    .optional(),
});

/** An incident update as people write it during a run. */
export const UpdateInputSchema = z.strictObject({
  incident: z.string().min(1).max(64),
  title: Text.optional(),
  status: z.enum(STAGES),
  impact: z.enum(IMPACTS).optional(),
  channels: z.record(z.string().min(1).max(64), z.enum(STATUSES)).optional(),
  body: Text,
  workaround: Text.optional(),
  /** When the next update is promised: a story time or an offset such as `+30m`. */
  nextUpdateAt: StoryTime.optional(),
});
export type UpdateInput = z.infer<typeof UpdateInputSchema>;

/** An inject the facilitator sends by hand. */
export const InjectInputSchema = z.strictObject({
  channel: z.enum(INJECT_CHANNELS),
  from: Label,
  subject: Text.optional(),
  body: Text,
});

/** `runs:act`: an action of the facilitator. */
export const ActSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('set-actual'), channel: z.string().min(1).max(64), status: z.enum(STATUSES) }),
  z.strictObject({ type: z.literal('publish'), update: UpdateInputSchema }),
  z.strictObject({ type: z.literal('inject'), inject: InjectInputSchema }),
  z.strictObject({ type: z.literal('fire'), entry: z.number().int().min(0) }),
  z.strictObject({ type: z.literal('skip'), entry: z.number().int().min(0) }),
]);

/** `runs:settings`. */
export const SettingsSchema = z.strictObject({ requireApproval: z.boolean() });

/** `drafts:decide`. */
export const DecisionSchema = z.strictObject({
  decision: z.enum(['approve', 'reject']),
  reason: z.string().trim().max(500).optional(),
});

/** `codes:create`. */
export const CodeSchema = z.strictObject({ label: z.string().trim().min(1).max(80).default('Responders') });

/** `webhooks:add`. */
export const WebhookSchema = z.strictObject({ url: z.string().min(1).max(2048) });

/**
 * A run, live or ended, as reports name it: an ended run whose id a new run took is kept as
 * `<id>~<created ms>`.
 */
export const RunRef = z.string().regex(/^[A-Za-z0-9_-]{1,64}(~\d{1,16})?$/, 'a run id, such as "k3x9q2ab"');

/** `notes:add`. */
export const NoteSchema = z.strictObject({
  text: z.string().trim().min(1, 'must not be empty').max(2_000, 'at most 2000 characters'),
  /** The story time the note is pinned to (date-time or `+3h`); where the story stands when absent. */
  at: StoryTime.optional(),
});

/** `shares:create`. */
export const ShareSchema = z.strictObject({ label: z.string().trim().min(1).max(80).default('Report') });

/** No input besides the path. */
export const Empty = z.strictObject({});
