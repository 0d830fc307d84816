/**
 * The control operations that take more than a line: creating and ending runs, driving the
 * clock, turning what people typed into run actions, and the approval of responders' drafts.
 */
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import { authorOf, type Principal } from '../access/principal.js';
import type { Action } from '../replay/actions.js';
import { displacedEntries, type PublishInput } from '../replay/actions.js';
import { checkAction } from '../replay/action-rules.js';
import type { Run } from '../replay/run.js';
import { publicState } from '../replay/run-views.js';
import { storyOffset } from '../scenario/compile.js';
import { MAX_DURATION_MS, parseDuration } from '../scenario/time.js';
import type { z } from 'zod';
import type { ActSchema, ControlSchema, CreateRunSchema, DecisionSchema, UpdateInput } from './requests.js';
import type { ControlDeps } from './deps.js';
import type { CommandContext } from './commands.js';
import { runSummary } from './views.js';

/** Starts a run now, or schedules it. */
export function createRun(
  d: ControlDeps,
  c: CommandContext & { principal: Principal },
  i: z.output<typeof CreateRunSchema>,
) {
  const entry = d.library.find((e) => e.id === i.scenario);
  if (entry === undefined) throw new NotFoundError(`no scenario "${i.scenario}"`);
  if (!entry.result.ok)
    throw new ConflictError(`scenario "${i.scenario}" has ${entry.result.problems.length} problem(s); fix them first`);
  const scenario = entry.result.scenario;
  const common = { scenario: scenario.id, mode: i.mode, speed: i.speed, visibility: i.visibility };
  if (i.start.kind !== 'now') {
    // A schedule starts its runs at their first entry: a `from` would be dropped without a word.
    if (i.from !== undefined)
      throw new ValidationError('from: a scheduled run starts at its first entry; leave from out, or start now');
    const schedule =
      i.start.kind === 'at'
        ? d.schedules.add({ kind: 'once', at: Date.parse(i.start.at), ...common })
        : d.schedules.add({ kind: 'cron', cron: i.start.cron, timeZone: i.start.timeZone, ...common });
    if (i.requireApproval) d.drafts.setScheduleRequiresApproval(schedule.id);
    d.changed(undefined);
    return { scheduled: schedule };
  }
  const startAtMs = i.from === undefined ? (scenario.entries[0]?.offsetMs ?? 0) : storyOffset(scenario, i.from);
  const run = d.runs.create({
    scenario,
    mode: i.mode,
    speed: i.speed,
    visibility: i.visibility,
    startAtMs,
    ...(i.play ? { playAs: authorOf(c.principal) } : {}),
  });
  d.drafts.setRequiresApproval(run.id, i.requireApproval);
  d.changed(undefined);
  return { run: runSummary(run, c.lang, i.requireApproval) };
}

/** Ends a run and shuts its responders out. */
export function endRun(d: ControlDeps, id: string) {
  d.runs.end(id);
  // Told first, so open desks hear it before their responders are disconnected.
  d.hub.emit('ended', id);
  d.codes.revokeRun(id);
  d.sessions.closeWhere((p) => p.role === 'responder' && p.run === id);
  d.disconnect((p) => p.role === 'responder' && p.run === id);
  d.drafts.forget(id);
  d.notifications.forget(id);
  d.changed(undefined);
  return { ended: id };
}

/** One transport control; answers with the clock after it. */
export function controlRun(d: ControlDeps, principal: Principal, i: z.output<typeof ControlSchema> & { run: string }) {
  const run = d.runs.require(i.run);
  const author = authorOf(principal);
  switch (i.control) {
    case 'play':
      run.play(author);
      break;
    case 'pause':
      run.pause(author);
      break;
    case 'speed':
      if (i.speed === undefined) throw new ValidationError('speed: required for the speed control');
      run.setSpeed(i.speed, author);
      break;
    case 'seek':
      if (i.to === undefined)
        throw new ValidationError('to: required for seek (a story time, "+3h", or an offset in ms)');
      if (typeof i.to === 'number') {
        if (i.to > run.scenario.durationMs) throw new ValidationError(`to: at most ${run.scenario.durationMs} ms`);
        run.seek(i.to, author);
      } else run.seekToTime(i.to, author);
      break;
    case 'step-next':
      run.stepNext(author);
      break;
    case 'step-back':
      run.stepBack(author);
      break;
    case 'restart':
      run.restart(author);
      break;
  }
  return publicState(run).clock;
}

/** The run action for what the facilitator asked. */
export function toAction(run: Run, input: z.output<typeof ActSchema>): Action {
  switch (input.type) {
    case 'publish':
      return { type: 'publish', update: toPublishInput(run, input.update) };
    case 'inject': {
      const { subject, ...rest } = input.inject;
      return { type: 'inject', inject: { ...rest, ...(subject === undefined ? {} : { subject }) } };
    }
    default:
      return input;
  }
}

/** An update as the run records it: `nextUpdateAt` as an offset (`+30m` counts from now). */
export function toPublishInput(run: Run, update: UpdateInput): PublishInput {
  const { nextUpdateAt, ...rest } = update;
  const clean = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) as Omit<
    UpdateInput,
    'nextUpdateAt'
  >;
  if (nextUpdateAt === undefined) return clean;
  return { ...clean, nextUpdateAtMs: nextUpdateOffset(run, nextUpdateAt) };
}

function nextUpdateOffset(run: Run, text: string): number {
  if (text.startsWith('+')) {
    const ms = parseDuration(text.slice(1));
    if (ms === undefined) throw new ValidationError(`nextUpdateAt: "${text}" is not a duration such as +30m or +1h30m`);
    // As for a scenario's durations: further ahead, no clock can show the promised time.
    if (ms > MAX_DURATION_MS) throw new ValidationError(`nextUpdateAt: "${text}" is more than a year ahead`);
    return run.clock.offset() + ms;
  }
  try {
    return storyOffset(run.scenario, text);
  } catch (error) {
    if (error instanceof ValidationError) throw new ValidationError(`nextUpdateAt: ${error.message}`);
    throw error;
  }
}

/** Publishes a responder's or the facilitator's update, or keeps it for approval when the run requires it. */
export function publishOrDraft(d: ControlDeps, principal: Principal, runId: string, update: UpdateInput) {
  const run = d.runs.require(runId);
  const author = authorOf(principal);
  const action: Action = { type: 'publish', update: toPublishInput(run, update) };
  if (principal.role === 'responder' && d.drafts.requiresApproval(run.id)) {
    // Checked now, so a responder hears about a mistake before the facilitator has to.
    const state = run.currentState();
    checkAction(action, author, {
      scenario: run.scenario,
      state,
      offsetMs: state.offsetMs,
      displaced: displacedEntries(run.effectiveActions()),
    });
    const draft = d.drafts.submit(run.id, principal.name, update, state.offsetMs);
    d.changed(run.id);
    return { draft };
  }
  const recorded = run.act(action, author);
  return { seq: recorded.seq, offsetMs: recorded.offsetMs };
}

/** Approves (publishing it, as its author's) or rejects a draft. */
export function decideDraft(
  d: ControlDeps,
  principal: Principal,
  i: z.output<typeof DecisionSchema> & { run: string; draft: string },
) {
  const run = d.runs.require(i.run);
  const pending = d.drafts.pending(run.id, i.draft);
  let draft;
  if (i.decision === 'reject') {
    draft = d.drafts.decide(pending, 'rejected', { ...(i.reason === undefined ? {} : { reason: i.reason }) });
  } else {
    const recorded = run.act(
      { type: 'publish', update: toPublishInput(run, pending.update) },
      { role: 'responder', name: `${pending.author}, approved by ${principal.name}` },
    );
    draft = d.drafts.decide(pending, 'approved', { seq: recorded.seq });
  }
  d.changed(run.id);
  return { draft };
}
