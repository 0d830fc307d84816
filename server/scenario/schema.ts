/**
 * The scenario file format v1, defined once. The TypeScript types, the validation at load time
 * and the JSON Schema in `scenarios/schema.json` all derive from these zod schemas; the
 * descriptions below are what editors show when completing a scenario file.
 */
import { z } from 'zod';
import {
  CONFIDENCES,
  EXPECT_KINDS,
  IMPACTS,
  INJECT_CHANNELS,
  LANGUAGES,
  STAGES,
  STATUSES,
  WORDINGS,
} from './vocabulary.js';
import { DATE_PATTERN, DATE_TIME_PATTERN, DURATION_PATTERN, TIME_REF_PATTERN } from './time.js';

/** The value of the `schema` key that marks a file as a statusdrill v1 scenario. */
export const SCHEMA_VERSION = 'statusdrill/v1';

const ID_PATTERN = /^[a-z0-9][a-z0-9-]*$/;
const SOURCE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** A lowercase identifier such as `lbp-web`, used for channels, groups and incidents. */
const Id = z.string().regex(ID_PATTERN, { error: 'lowercase letters, digits and dashes, e.g. "lbp-web"' });

/** A text in each of the scenario's declared languages, e.g. `{ fr: "Banque en ligne", en: "Online banking" }`. */
const Text = z
  .partialRecord(z.enum(LANGUAGES), z.string().trim().min(1))
  .describe('A text in each of the scenario\'s languages, e.g. { fr: "…", en: "…" }.');

/** A name or label: one string for every language, or a text per language. */
const Label = z
  .union([z.string().trim().min(1), Text])
  .describe('A name or label: one string for every language, or { fr: "…", en: "…" }.');

const Status = z.enum(STATUSES).describe('A channel status: ' + STATUSES.join(', ') + '.');

/** A story time: absolute with offset, or relative to `startsAt`. */
const TimeRef = z
  .string()
  .regex(new RegExp(TIME_REF_PATTERN), {
    error: 'a date-time with offset such as "2025-12-22T07:00+01:00", or an offset such as "+1h15m"',
  })
  .describe(
    'Absolute ISO 8601 date-time with offset ("2025-12-22T07:00+01:00") or offset from startsAt ("+1h15m", "+1d2h").',
  );

const DateTime = z.string().regex(new RegExp(DATE_TIME_PATTERN), {
  error: 'a date-time with offset such as "2025-12-22T06:00:00+01:00"',
});

const Duration = z
  .string()
  .regex(new RegExp(DURATION_PATTERN), { error: 'a duration such as "15m", "1h30m" or "2d"' })
  .describe('A duration: days, hours, minutes, seconds, e.g. "15m", "1h30m", "1d".');

/** A map from channel id to status. */
const ChannelStatuses = z.record(z.string(), Status).describe('Channel id to status, e.g. { lbp-web: major_outage }.');

/** A source the scenario's facts come from; timeline entries cite it by `id`. */
export const SourceSchema = z.strictObject({
  id: z
    .string()
    .regex(SOURCE_ID_PATTERN, { error: 'letters, digits, ".", "_" or "-", e.g. "S11"' })
    .describe('Short id cited by timeline entries, e.g. "S11".'),
  title: z.string().min(1).describe('Title of the article, post or page.'),
  publisher: z.string().min(1).optional().describe('Outlet or author, e.g. "AFP via Boursorama".'),
  url: z
    .url({ protocol: /^https?$/, error: 'an http(s) URL' })
    .optional()
    .describe('Where the source can be read.'),
  date: z
    .string()
    .regex(new RegExp(DATE_PATTERN), { error: 'a date such as "2025-12-22", or a month such as "2026-01"' })
    .describe('Publication date, YYYY-MM-DD, or YYYY-MM when only the month is known.'),
  confidence: z
    .enum(CONFIDENCES)
    .optional()
    .describe('H: official statement via a wire service or two outlets; M: one reputable outlet; L: weak.'),
  note: z.string().optional().describe('What this source supports, and its caveats.'),
});

/** A group of channels on the status page, usually one per organisation or product family. */
export const GroupSchema = z.strictObject({
  id: Id.describe('Group id, e.g. "lbp-online".'),
  name: Text.describe('Group name shown on the page.'),
  organisation: z.string().min(1).describe('The organisation this group belongs to, named in text (no logos).'),
  description: Text.optional().describe('One line shown under the group name.'),
});

/** One customer-facing service (a Statuspage component). */
export const ChannelSchema = z.strictObject({
  id: Id.describe('Channel id, e.g. "lbp-web".'),
  group: Id.describe('Id of the group this channel belongs to.'),
  name: Text.describe('Channel name shown on the page.'),
  description: Text.optional().describe("What this channel is, in customers' words."),
  initial: Status.optional().describe('Status at startsAt; "operational" when omitted.'),
});

/** The communication policy responders are held to, scored in the after-action report. */
export const CommsPolicySchema = z.strictObject({
  firstUpdateWithin: Duration.describe('First public update due within this long of the first impact.'),
  scopingWithin: Duration.optional().describe(
    'An update naming the affected channels due within this long of the first update.',
  ),
  maxGap: Duration.describe('Longest acceptable gap between two public updates while an incident is open.'),
  requireNextUpdate: z.boolean().optional().describe('Whether every update must announce when the next one comes.'),
});

/** A scripted public communication: an update to an incident, opening it on first use. */
export const UpdateSchema = z.strictObject({
  incident: Id.describe('Incident id; the first update with a new id opens the incident.'),
  title: Text.optional().describe("Incident title; required on the incident's first update."),
  status: z.enum(STAGES).describe('Incident stage: ' + STAGES.join(', ') + '.'),
  impact: z.enum(IMPACTS).optional().describe('Incident impact; required on the first update.'),
  channels: ChannelStatuses.optional().describe('Published statuses this update sets.'),
  body: Text.describe('The text of the update.'),
  workaround: Text.optional().describe('What still works or what to do instead; shown prominently.'),
  nextUpdateAt: TimeRef.optional().describe('When the next update is promised.'),
  publisher: Label.optional().describe(
    'Who published it and where, e.g. "La Banque Postale (X)" or { fr: "La Poste (communiqué)", en: "La Poste (statement)" }.',
  ),
  wording: z
    .enum(WORDINGS)
    .optional()
    .describe(
      'Where the words come from: verbatim (as reported), assembled (reported fragments joined), paraphrased (reported speech reworded), composed (written for the exercise).',
    ),
  originalLanguage: z
    .enum(LANGUAGES)
    .optional()
    .describe('Language the organisation published in; the other versions are translations and are marked as such.'),
});

/** A message delivered to responders during a run. */
export const InjectSchema = z.strictObject({
  id: Id.optional().describe('Optional id, to refer to the inject in notes.'),
  channel: z.enum(INJECT_CHANNELS).describe('How it arrives: ' + INJECT_CHANNELS.join(', ') + '.'),
  from: Label.describe('Who sends it, e.g. "Journalist, AFP" or { fr: "Journaliste, AFP", en: "Journalist, AFP" }.'),
  subject: Text.optional().describe('Subject line or headline.'),
  body: Text.describe('The message.'),
});

/** Something responders should do by a deadline, scored in the after-action report. */
export const ExpectSchema = z.strictObject({
  id: Id.describe('Expectation id, unique in the scenario.'),
  kind: z.enum(EXPECT_KINDS).describe('What is expected: ' + EXPECT_KINDS.join(', ') + '.'),
  within: Duration.describe(
    "Deadline, counted from the entry's time; for cadence, the longest gap between two public updates.",
  ),
  channel: Id.optional().describe('Channel concerned (required for channel-status).'),
  status: Status.optional().describe('Status expected (required for channel-status).'),
  incident: Id.optional().describe('Scripted incident concerned, for update, resolve and cadence.'),
  description: Text.optional().describe('The expectation in words, for the facilitator and the report.'),
  onMissed: InjectSchema.optional().describe(
    'A contingency: an inject delivered to responders the moment the deadline passes unmet, e.g. a journalist calling because nothing was said.',
  ),
});

const SourceRef = z
  .union([z.string().min(1), z.array(z.string().min(1)).min(1)])
  .describe('Id of a source in sources[], or a list of them.');

const entryBase = {
  at: TimeRef,
  source: SourceRef.optional(),
  assumption: z.string().min(1).optional().describe('Why this is assumed, when no source says it.'),
  note: z.string().min(1).optional().describe('A remark for the facilitator; never public.'),
};

/** Each timeline entry carries `at` and exactly one of these keys. */
export const EntrySchemas = {
  actual: z.strictObject({
    ...entryBase,
    actual: ChannelStatuses.describe('Actual (ground-truth) statuses from this time on.'),
  }),
  update: z.strictObject({ ...entryBase, update: UpdateSchema }),
  inject: z.strictObject({ ...entryBase, inject: InjectSchema }),
  prompt: z.strictObject({
    ...entryBase,
    prompt: Text.describe('A discussion question for the facilitator; never public.'),
  }),
  expect: z.strictObject({ ...entryBase, expect: ExpectSchema }),
} as const;

/** One timeline entry, of one of the five kinds. */
export const EntrySchema = z.union([
  EntrySchemas.actual,
  EntrySchemas.update,
  EntrySchemas.inject,
  EntrySchemas.prompt,
  EntrySchemas.expect,
]);

/** A whole scenario file. */
export const ScenarioSchema = z.strictObject({
  schema: z.literal(SCHEMA_VERSION).describe('Format version; always "statusdrill/v1".'),
  id: Id.describe('Scenario id; must equal the file name without its extension.'),
  title: Text.describe('Scenario title.'),
  summary: Text.describe('Two or three sentences on what happened and what the exercise is about.'),
  timeZone: z.string().min(1).describe('IANA time zone story times are shown in, e.g. "Europe/Paris".'),
  startsAt: DateTime.describe('Story time at offset zero, with UTC offset.'),
  endsAt: DateTime.describe('Story time at which the scenario ends, with UTC offset.'),
  languages: z.array(z.enum(LANGUAGES)).min(1).describe('Languages of every text; the first is the default.'),
  marking: Text.optional().describe('Exercise marking shown in the banner, e.g. { fr: "EXERCICE", en: "EXERCISE" }.'),
  sources: z.array(SourceSchema).optional().describe('Where the facts come from; entries cite them by id.'),
  groups: z.array(GroupSchema).min(1).describe('Groups of channels, in page order.'),
  channels: z.array(ChannelSchema).min(1).describe('Channels, in page order within their group.'),
  commsPolicy: CommsPolicySchema.optional().describe(
    'Communication policy; defaults to firstUpdateWithin 15m, maxGap 30m.',
  ),
  timeline: z.array(EntrySchema).describe('What happens, when. Entries due at the same time apply in file order.'),
});

/** A scenario file as written, once its shape is valid. */
export type ScenarioFile = z.infer<typeof ScenarioSchema>;
export type LocalizedText = z.infer<typeof Text>;
/** A label: one string for all languages, or a localized text. */
export type LabelText = z.infer<typeof Label>;
export type UpdateSpec = z.infer<typeof UpdateSchema>;
export type InjectSpec = z.infer<typeof InjectSchema>;
export type ExpectSpec = z.infer<typeof ExpectSchema>;
export type EntryFile = z.infer<typeof EntrySchema>;
