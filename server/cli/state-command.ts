/** `statusdrill state FILE --at TIME`: what the scenario says at a story time. */
import { parseArgs } from 'node:util';
import { relative, resolve } from 'node:path';
import { loadScenarioFile } from '../scenario/load.js';
import { formatProblem } from '../scenario/problems.js';
import { LANGUAGES, MODES, STATUS_RANK, type Language, type Mode, type Status } from '../scenario/vocabulary.js';
import { stateAt } from '../replay/fold.js';
import { summarizeState, type StateSummary } from '../status/state-summary.js';
import { formatStoryTime } from '../status/story-time.js';
import { pick } from '../status/i18n.js';
import { storyOffset, type Scenario } from '../scenario/compile.js';
import { ValidationError } from '../errors.js';
import { EXIT, paint, UsageError, type CliIo } from './io.js';

const STATUS_MARK: Record<Status, string> = {
  operational: '✓',
  degraded_performance: '~',
  partial_outage: '!',
  major_outage: '✗',
  under_maintenance: '⚒',
};

/** Prints the state of one scenario file at `--at`. */
export async function stateCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      at: { type: 'string' },
      json: { type: 'boolean', default: false },
      mode: { type: 'string', default: 'replay' },
      lang: { type: 'string' },
    },
  });
  if (positionals.length !== 1) throw new UsageError('state takes exactly one scenario FILE');
  if (values.at === undefined)
    throw new UsageError('state needs --at TIME, e.g. --at 2025-12-22T10:00:00+01:00 or --at +3h30m');
  const mode = values.mode as Mode;
  if (!MODES.includes(mode)) throw new UsageError(`--mode must be one of ${MODES.join(', ')} (got "${values.mode}")`);
  if (values.lang !== undefined && !LANGUAGES.includes(values.lang as Language))
    throw new UsageError(`--lang must be one of ${LANGUAGES.join(', ')} (got "${values.lang}")`);

  const file = resolve(io.cwd, positionals[0] as string);
  const loaded = await loadScenarioFile(file);
  if (!loaded.ok) {
    for (const problem of loaded.problems)
      io.stderr.write(`${formatProblem({ ...problem, file: relative(io.cwd, problem.file) })}\n`);
    return EXIT.problems;
  }
  const scenario = loaded.scenario;
  let offset: number;
  try {
    offset = storyOffset(scenario, values.at);
  } catch (error) {
    if (error instanceof ValidationError) throw new UsageError(`--at ${error.message}`);
    throw error;
  }
  const summary = summarizeState(scenario, stateAt(scenario, offset, mode));
  if (values.json) io.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  else
    io.stdout.write(
      renderText(scenario, summary, offset, (values.lang as Language | undefined) ?? scenario.languages[0] ?? 'en', io),
    );
  return EXIT.ok;
}

function renderText(scenario: Scenario, summary: StateSummary, offset: number, lang: Language, io: CliIo): string {
  const text = (t: Partial<Record<Language, string>> | undefined): string => pick(t, lang, scenario.languages[0]);
  const colour = (status: Status): 'green' | 'yellow' | 'red' =>
    STATUS_RANK[status] === 0 ? 'green' : STATUS_RANK[status] === 3 ? 'red' : 'yellow';
  const lines = [
    paint(io, 'bold', text(scenario.file.title)),
    `${formatStoryTime(scenario.startsAtMs + offset, scenario.timeZone, lang)} (${summary.offset}, ${summary.mode})`,
    `Page: ${summary.description} (${summary.indicator})`,
    '',
  ];
  const width = Math.max(...scenario.file.channels.map((c) => text(c.name).length));
  for (const group of scenario.file.groups) {
    lines.push(paint(io, 'bold', `${text(group.name)} — ${group.organisation}`));
    for (const channel of scenario.file.channels.filter((c) => c.group === group.id)) {
      const s = summary.channels[channel.id];
      if (s === undefined) continue;
      const diverges = s.actual !== s.published ? paint(io, 'yellow', `  published: ${s.published}`) : '';
      lines.push(
        `  ${paint(io, colour(s.actual), STATUS_MARK[s.actual])} ${text(channel.name).padEnd(width)}  ${paint(io, colour(s.actual), s.actual)}${diverges}`,
      );
    }
  }
  lines.push('');
  if (summary.incidents.length === 0) lines.push('No open incident.');
  for (const incident of summary.incidents) {
    lines.push(
      paint(io, 'bold', `Incident ${incident.id}: ${text(incident.title)} [${incident.status}, ${incident.impact}]`),
    );
    if (incident.latestUpdate !== null) {
      lines.push(`  ${incident.latestUpdate.at} ${incident.latestUpdate.status}: ${text(incident.latestUpdate.body)}`);
      if (incident.latestUpdate.workaround !== undefined)
        lines.push(`  ${paint(io, 'green', '→')} ${text(incident.latestUpdate.workaround)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
