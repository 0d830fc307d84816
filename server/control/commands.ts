/**
 * Every control operation, once: its name, the right it needs, the shape of its input and what it
 * does. The JSON API and the `/control` socket namespace both dispatch here, so they have the same
 * operations, the same checks and the same errors; the rights matrix test walks this table.
 */
import { z } from 'zod';
import { ValidationError } from '../errors.js';
import { assertRight, authorOf, type Right } from '../access/principal.js';
import { Empty, Id } from './requests.js';
import { command, onRun, type Command, type CommandContext } from './command.js';
import { REPORT_COMMANDS } from './report-commands.js';
import * as R from './requests.js';
import type { ControlDeps } from './deps.js';
import { controlRun, createRun, publishOrDraft, toAction, decideDraft, endRun } from './operations.js';
import { consoleView, deskView, logLine, runSummary } from './views.js';
import { scenarioList } from './scenario-list.js';
import { noteRow } from '../report/report-view.js';
import { protoKeyPaths } from '../scenario/reserved-keys.js';

export type { CommandContext } from './command.js';

/** The operations, by name. The name is also the `/control` event. */
export const COMMANDS = {
  ...REPORT_COMMANDS,
  'scenarios:list': command({ right: 'facilitator', input: Empty, handle: (d, c) => scenarioList(d.library, c.lang) }),
  'runs:list': command({
    right: 'facilitator',
    input: Empty,
    handle: (d, c) => d.runs.list().map((run) => runSummary(run, c.lang, d.drafts.requiresApproval(run.id))),
  }),
  'runs:create': command({ right: 'facilitator', input: R.CreateRunSchema, handle: (d, c, i) => createRun(d, c, i) }),
  'runs:get': command({
    right: 'run',
    input: onRun({}),
    handle: (d, c, i) => {
      const run = d.runs.require(i.run);
      const drafts = d.drafts.list(run.id);
      const approval = d.drafts.requiresApproval(run.id);
      if (c.principal.role !== 'facilitator') return deskView(run, c.lang, drafts, approval);
      return {
        ...consoleView(run, c.lang, drafts, approval),
        codes: d.codes.list(run.id).map((code) => withLink(d, code)),
        notifications: d.notifications.view(run.id),
        notes: d.notes.list(run.id).map((note) => noteRow(note, run.scenario)),
      };
    },
  }),
  'runs:end': command({ right: 'facilitator', input: onRun({}), handle: (d, _c, i) => endRun(d, i.run) }),
  'runs:control': command({
    right: 'facilitator',
    input: onRun(R.ControlSchema.shape),
    handle: (d, c, i) => controlRun(d, c.principal, i),
  }),
  'runs:settings': command({
    right: 'facilitator',
    input: onRun(R.SettingsSchema.shape),
    handle: (d, _c, i) => {
      d.runs.require(i.run);
      d.drafts.setRequiresApproval(i.run, i.requireApproval);
      d.changed(i.run);
      return { requireApproval: i.requireApproval };
    },
  }),
  'runs:act': command({
    right: 'facilitator',
    input: onRun({ action: R.ActSchema }),
    handle: (d, c, i) => {
      const run = d.runs.require(i.run);
      const recorded = run.act(toAction(run, i.action), authorOf(c.principal));
      return { seq: recorded.seq, offsetMs: recorded.offsetMs };
    },
  }),
  'runs:publish': command({
    right: 'run',
    input: onRun({ update: R.UpdateInputSchema }),
    handle: (d, c, i) => publishOrDraft(d, c.principal, i.run, i.update),
  }),
  'runs:log': command({
    right: 'facilitator',
    input: onRun({}),
    handle: (d, c, i) => {
      const run = d.runs.require(i.run);
      return run.logRecords().map((record) => ({ ...record, line: logLine(run, record, c.lang).text }));
    },
  }),
  'drafts:decide': command({
    right: 'facilitator',
    input: onRun({ draft: Id, ...R.DecisionSchema.shape }),
    handle: (d, c, i) => decideDraft(d, c.principal, i),
  }),
  'codes:list': command({
    right: 'facilitator',
    input: onRun({}),
    handle: (d, _c, i) => d.codes.list(d.runs.require(i.run).id).map((code) => withLink(d, code)),
  }),
  'codes:create': command({
    right: 'facilitator',
    input: onRun(R.CodeSchema.shape),
    handle: (d, _c, i) => {
      const code = withLink(d, d.codes.create(d.runs.require(i.run).id, i.label));
      d.changed(i.run);
      return code;
    },
  }),
  'codes:revoke': command({
    right: 'facilitator',
    input: onRun({ code: Id }),
    handle: (d, _c, i) => {
      const code = d.codes.revoke(i.run, i.code);
      const closed = d.sessions.closeWhere((p) => p.role === 'responder' && p.code === code.id);
      d.disconnect((p) => p.role === 'responder' && p.code === code.id);
      d.changed(i.run);
      return { revoked: code.id, sessionsClosed: closed };
    },
  }),
  'notifications:get': command({
    right: 'facilitator',
    input: onRun({}),
    handle: (d, _c, i) => d.notifications.view(d.runs.require(i.run).id),
  }),
  'webhooks:add': command({
    right: 'facilitator',
    input: onRun(R.WebhookSchema.shape),
    handle: (d, _c, i) => d.notifications.addWebhook(d.runs.require(i.run).id, i.url),
  }),
  'webhooks:remove': command({
    right: 'facilitator',
    input: onRun({ webhook: Id }),
    handle: (d, _c, i) => {
      d.notifications.removeWebhook(d.runs.require(i.run).id, i.webhook);
      return { removed: i.webhook };
    },
  }),
  'schedules:list': command({ right: 'facilitator', input: Empty, handle: (d) => d.schedules.list() }),
  'schedules:remove': command({
    right: 'facilitator',
    input: z.strictObject({ schedule: Id }),
    handle: (d, _c, i) => {
      d.schedules.remove(i.schedule);
      d.changed(undefined);
      return { removed: i.schedule };
    },
  }),
} satisfies Record<string, { right: Right }>;

/** The name of an operation. */
export type CommandName = keyof typeof COMMANDS;

/** Whether `name` is an operation. */
export function isCommand(name: string): name is CommandName {
  return Object.hasOwn(COMMANDS, name);
}

/**
 * Runs an operation: rights first (so nobody learns anything from validation errors about a run
 * they may not touch), then the input's shape, then the operation itself.
 */
export function dispatch(deps: ControlDeps, ctx: CommandContext, name: CommandName, raw: unknown): unknown {
  const cmd = COMMANDS[name] as Command;
  const runId =
    typeof raw === 'object' && raw !== null && 'run' in raw && typeof raw.run === 'string' ? raw.run : undefined;
  assertRight(ctx.principal, cmd.right, runId);
  // zod would drop a record's `__proto__` key unseen (an update naming that channel passed without it).
  const reserved = protoKeyPaths(raw).map((path) => ({
    path: path.length === 1 ? '(body)' : path.slice(0, -1).map(String).join('.'),
    message: 'unknown field(s) __proto__',
  }));
  if (reserved.length > 0) {
    const issues = reserved.slice(0, 20);
    throw new ValidationError(issues.map((i) => `${i.path}: ${i.message}`).join('; '), { issues });
  }
  const parsed = cmd.input.safeParse(raw ?? {});
  if (!parsed.success)
    throw new ValidationError(describeIssues(parsed.error.issues), { issues: issueList(parsed.error.issues) });
  return cmd.handle(deps, { ...ctx, principal: ctx.principal }, parsed.data);
}

/** `path: message; path: message`, for the error's message. */
function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issueList(issues)
    .map((i) => `${i.path}: ${i.message}`)
    .join('; ');
}

function issueList(issues: readonly z.core.$ZodIssue[]): Array<{ path: string; message: string }> {
  return issues.slice(0, 20).map((issue) => ({
    path: issue.path.length === 0 ? '(body)' : issue.path.map(String).join('.'),
    message: issue.code === 'unrecognized_keys' ? `unknown field(s) ${issue.keys.join(', ')}` : issue.message,
  }));
}

function withLink(d: ControlDeps, code: { id: string; run: string; label: string; code: string; createdAt: string }) {
  return { ...code, link: `${d.publicUrl ?? ''}/join/${encodeURIComponent(code.code)}` };
}
