/**
 * The closed vocabularies of statusdrill. Every status, stage, impact and entry kind used anywhere
 * comes from these lists; lookup tables elsewhere are `Record<…>` over them, so adding a word is a
 * compile error until every table knows it.
 */

/** Channel statuses, Statuspage's component vocabulary, from best to worst (maintenance apart). */
export const STATUSES = [
  'operational',
  'degraded_performance',
  'partial_outage',
  'major_outage',
  'under_maintenance',
] as const;
export type Status = (typeof STATUSES)[number];

/** Severity rank of each status: 0 works, 3 is down; maintenance counts as planned, not broken. */
export const STATUS_RANK: Record<Status, number> = {
  operational: 0,
  under_maintenance: 0,
  degraded_performance: 1,
  partial_outage: 2,
  major_outage: 3,
};

/** Incident stages, in the order an incident normally moves through them. */
export const STAGES = ['investigating', 'identified', 'monitoring', 'resolved', 'postmortem'] as const;
export type Stage = (typeof STAGES)[number];

/** Stages after which an incident is no longer open. */
export const CLOSED_STAGES: ReadonlySet<Stage> = new Set<Stage>(['resolved', 'postmortem']);

/** Incident impacts, Statuspage's vocabulary. */
export const IMPACTS = ['none', 'minor', 'major', 'critical'] as const;
export type Impact = (typeof IMPACTS)[number];

/** The five kinds of timeline entry; each entry carries exactly one of these keys. */
export const ENTRY_KINDS = ['actual', 'update', 'inject', 'prompt', 'expect'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

/** Where an inject reaches the responders from. */
export const INJECT_CHANNELS = ['press', 'social', 'phone', 'email', 'internal'] as const;
export type InjectChannel = (typeof INJECT_CHANNELS)[number];

/**
 * What an expectation asks of responders, counted from the expectation's own time:
 * - `first-update`: a first public update, on any incident;
 * - `scoping`: an update that gives the status of the affected channels (of `channel` if named);
 * - `channel-status`: `channel` published at `status` or worse;
 * - `workaround`: an update that tells customers what still works or what to do instead, in its
 *   `workaround` text or by naming a channel as operational;
 * - `update`: a new public update (on `incident` if named), after a change worth telling;
 * - `resolve`: the incident (`incident` if named) marked resolved;
 * - `cadence`: no gap longer than `within` between public updates (on `incident` if named) until
 *   the incident (without `incident`, every incident) is closed.
 */
export const EXPECT_KINDS = [
  'first-update',
  'scoping',
  'channel-status',
  'workaround',
  'update',
  'resolve',
  'cadence',
] as const;
export type ExpectKind = (typeof EXPECT_KINDS)[number];

/**
 * Where an update's words come from, so a replay never passes a composed text off as an
 * organisation's own:
 * - `verbatim`: the organisation's words as reported by the sources;
 * - `assembled`: reported fragments joined with as few added words as possible;
 * - `paraphrased`: reported speech, reworded;
 * - `composed`: written for the exercise; no official text is known.
 */
export const WORDINGS = ['verbatim', 'assembled', 'paraphrased', 'composed'] as const;
export type Wording = (typeof WORDINGS)[number];

/** Languages statusdrill's interface speaks; a scenario declares a non-empty subset. */
export const LANGUAGES = ['fr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** How far a source can be trusted, after the research notes' scale. */
export const CONFIDENCES = ['H', 'M', 'L'] as const;
export type Confidence = (typeof CONFIDENCES)[number];

/** Run modes: replay publishes the script, exercise withholds it as model answers. */
export const MODES = ['replay', 'exercise'] as const;
export type Mode = (typeof MODES)[number];
