/**
 * The operations of after-action reports: ended runs, the facilitator's notes pinned to story
 * times, and read-only share links. They work on live and ended runs alike: notes go on after the
 * run, and reports are mostly shared once it is over.
 */
import { z } from 'zod';
import { authorOf } from '../access/principal.js';
import { storyOffset } from '../scenario/compile.js';
import { pick } from '../status/i18n.js';
import { noteRow } from '../report/report-view.js';
import { command } from './command.js';
import { Empty, Id, NoteSchema, RunRef, ShareSchema } from './requests.js';

const onAnyRun = <T extends z.core.$ZodLooseShape>(shape: T) => z.strictObject({ run: RunRef, ...shape });

/** The report operations, by name. */
export const REPORT_COMMANDS = {
  'runs:ended': command({
    right: 'facilitator',
    input: Empty,
    handle: (d, c) =>
      d.runs.ended().map((info) => {
        const entry = d.library.find((e) => e.id === info.scenario);
        return {
          ...info,
          createdAt: new Date(info.createdMs).toISOString(),
          endedAt: new Date(info.endedMs).toISOString(),
          title: entry?.result.ok === true ? pick(entry.result.scenario.file.title, c.lang) : info.scenario,
          report: reportPath(info.id),
        };
      }),
  }),
  'notes:list': command({
    right: 'facilitator',
    input: onAnyRun({}),
    handle: (d, _c, i) => {
      const { run } = d.runs.requireAny(i.run);
      return d.notes.list(run.id).map((note) => noteRow(note, run.scenario));
    },
  }),
  'notes:add': command({
    right: 'facilitator',
    input: onAnyRun(NoteSchema.shape),
    handle: (d, c, i) => {
      const { run } = d.runs.requireAny(i.run);
      const offsetMs = i.at === undefined ? run.clock.offset() : storyOffset(run.scenario, i.at);
      const note = d.notes.add(run.id, { offsetMs, text: i.text, author: authorOf(c.principal).name });
      d.changed(run.id);
      return noteRow(note, run.scenario);
    },
  }),
  'notes:remove': command({
    right: 'facilitator',
    input: onAnyRun({ note: Id }),
    handle: (d, _c, i) => {
      const { run } = d.runs.requireAny(i.run);
      d.notes.remove(run.id, i.note);
      d.changed(run.id);
      return { removed: i.note };
    },
  }),
  'shares:list': command({
    right: 'facilitator',
    input: onAnyRun({}),
    handle: (d, _c, i) => d.shares.list(d.runs.requireAny(i.run).run.id),
  }),
  'shares:create': command({
    right: 'facilitator',
    input: onAnyRun(ShareSchema.shape),
    handle: (d, _c, i) => {
      const { run } = d.runs.requireAny(i.run);
      const { share, token } = d.shares.create(run.id, i.label);
      return { ...share, token, link: `${d.publicUrl ?? ''}${sharePath(token)}` };
    },
  }),
  'shares:revoke': command({
    right: 'facilitator',
    input: onAnyRun({ share: Id }),
    handle: (d, _c, i) => d.shares.revoke(d.runs.requireAny(i.run).run.id, i.share),
  }),
} satisfies Record<string, { right: string }>;

/** Where the report of a run is. */
export function reportPath(run: string): string {
  return `/r/${encodeURIComponent(run)}/report`;
}

/** Where a share link's token opens its report. */
export function sharePath(token: string): string {
  return `/share/${encodeURIComponent(token)}`;
}
