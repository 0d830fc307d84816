/**
 * The report's exports, from the same view as the page: Markdown to read, JSON with everything
 * (the view and the raw metrics), and CSV of the timeline, one row per channel status interval.
 */
import { stringify } from 'csv-stringify/sync';
import { formatInZone } from '../scenario/time.js';
import { durationText, type ReportView, type UpdateRow } from './report-view.js';

/** The CSV columns of the timeline, in order. */
export const TIMELINE_COLUMNS = ['channel', 'from', 'to', 'actual', 'published'] as const;

/** The report as a Markdown document. */
export function reportMarkdown(view: ReportView): string {
  const w = view.words;
  const s = view.summary;
  const lines: string[] = [
    `# ${md(w.heading)}: ${md(s.title)}`,
    '',
    `**${view.marking}**`,
    '',
    `## ${w.summary}`,
    '',
    `- ${w.scenario}: ${md(s.title)} (\`${s.scenarioId}\`)`,
    `- ${w.mode}: ${view.marking}`,
    `- ${w.participants}: ${s.participants.length === 0 ? w.nobody : s.participants.map((p) => `${md(p.name)} (${p.role})`).join(', ')}`,
    `- ${w.wallDuration}: ${durationText(s.wallDurationMs)}`,
    `- ${w.storyDuration}: ${durationText(s.storyDurationMs)} (${s.storyFrom} – ${s.storyTo}, ${s.timeZone})`,
    '',
    `## ${w.metrics}`,
    '',
    `| ${w.metric} | ${w.value} |`,
    '| --- | --- |',
    ...view.metricRows.map((r) => `| ${cell(r.label)} | ${cell(r.value)} |`),
    '',
    `### ${w.staleness}`,
    '',
    `| ${w.channel} | ${w.staleFor} | ${w.longestStale} | ${w.staleAtEnd} |`,
    '| --- | --- | --- | --- |',
    ...view.staleness.map((r) => `| ${cell(r.name)} | ${r.staleFor} | ${r.longest} | ${r.atEnd} |`),
    '',
    `## ${w.expectations}`,
    '',
  ];
  if (view.expectations.length === 0) lines.push(w.noExpectations, '');
  else
    lines.push(
      `| ${w.expectation} | ${w.due} | ${w.deadline} | ${w.metAt} | ${w.status} |`,
      '| --- | --- | --- | --- | --- |',
      ...view.expectations.map(
        (e) => `| ${cell(`${e.id} (${e.kind})`)} | ${e.setAt} | ${e.deadline} | ${e.metAt} | ${e.status} |`,
      ),
      '',
    );
  if (view.exercise) lines.push(`## ${w.modelAnswers}`, '', ...updateList(view.modelAnswers, view), '');
  lines.push(`## ${w.publishedUpdates}`, '', ...updateList(view.published, view), '');
  lines.push(`## ${w.notes}`, '');
  if (view.notes.length === 0) lines.push(w.noNotes, '');
  else lines.push(...view.notes.map((n, i) => `${i + 1}. **${n.time}** · ${md(n.author)}: ${md(n.text)}`), '');
  return lines.join('\n');
}

/** Everything in the report as JSON: the view (without its words table) and the raw metrics. */
export function reportJson(view: ReportView): string {
  const { words: _words, ...rest } = view;
  return `${JSON.stringify({ ...rest, intervals: view.intervals.map((iv) => ({ ...iv, ...times(view, iv) })) }, null, 2)}\n`;
}

/** The timeline as CSV: one row per channel status interval, times in the scenario's zone. */
export function timelineCsv(view: ReportView): string {
  return stringify(
    view.intervals.map((iv) => {
      const { from, to } = times(view, iv);
      return [iv.channel, from, to, iv.actual, iv.published];
    }),
    // No cell holds free text today, but one must never run as a formula in a spreadsheet.
    { header: true, columns: [...TIMELINE_COLUMNS], record_delimiter: 'windows', escape_formulas: true },
  );
}

function times(view: ReportView, iv: { fromMs: number; toMs: number }): { from: string; to: string } {
  const zone = view.summary.timeZone;
  return { from: formatInZone(view.startsAtMs + iv.fromMs, zone), to: formatInZone(view.startsAtMs + iv.toMs, zone) };
}

function updateList(rows: readonly UpdateRow[], view: ReportView): string[] {
  if (rows.length === 0) return [view.words.noUpdates];
  return rows.map(
    (u) =>
      `- **${u.time}** · ${md(u.stage)} · ${view.words.origin[u.origin]}` +
      `${u.channels.length === 0 ? '' : ` · ${md(u.channels.join(', '))}`}: ${md(u.body)}`,
  );
}

/** Text that Markdown shows as written: no markup, no raw HTML, one line. */
function md(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/([\\`*_{}[\]()#+!|>~])/g, '\\$1')
    .replace(/</g, '&lt;');
}

function cell(text: string): string {
  return md(text);
}
