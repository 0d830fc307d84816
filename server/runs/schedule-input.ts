/** How a schedule's input is checked, before anything is armed. */
import { validate as isCronExpression, validateDetailed } from 'node-cron';
import { ValidationError } from '../errors.js';
import type { Scenario } from '../scenario/compile.js';
import { isTimeZone } from '../scenario/time.js';
import { MODES } from '../scenario/vocabulary.js';
import type { Visibility } from '../replay/run.js';
import { MAX_SPEED, MIN_SPEED } from '../replay/clock.js';
import { SCHEDULE_KINDS, type ScheduleInput } from './schedules.js';

const VISIBILITIES: Record<Visibility, true> = { public: true, unlisted: true };

/** A clean copy of the input, or a ValidationError naming the first field at fault. */
export function checkScheduleInput(
  input: ScheduleInput,
  context: { scenario: (id: string) => Scenario | undefined; now: number },
): ScheduleInput {
  const raw = input as unknown as Record<string, unknown>;
  const { kind, scenario, mode, speed, visibility, label } = raw;
  oneOf(kind, SCHEDULE_KINDS, 'kind');
  if (typeof scenario !== 'string' || context.scenario(scenario) === undefined)
    throw new ValidationError(`scenario: no valid scenario ${JSON.stringify(scenario)}`);
  oneOf(mode, MODES, 'mode');
  if (typeof speed !== 'number' || !(speed >= MIN_SPEED && speed <= MAX_SPEED))
    throw new ValidationError(`speed: a number from ${MIN_SPEED} to ${MAX_SPEED}, not ${JSON.stringify(speed)}`);
  oneOf(visibility, Object.keys(VISIBILITIES) as Visibility[], 'visibility');
  if (label !== undefined && typeof label !== 'string') throw new ValidationError('label: must be a string');
  const settings = { scenario, mode, speed, visibility };
  const withLabel = label === undefined ? settings : { ...settings, label };
  if (kind === 'cron') {
    const { cron, timeZone } = raw;
    checkCron(cron);
    if (typeof timeZone !== 'string' || !isTimeZone(timeZone))
      throw new ValidationError(`timeZone: unknown time zone ${JSON.stringify(timeZone)}, e.g. "Europe/Paris"`);
    return { kind, cron, timeZone, ...withLabel };
  }
  const { at } = raw;
  if (typeof at !== 'number' || !Number.isFinite(at))
    throw new ValidationError(`at: a wall time in epoch milliseconds, not ${JSON.stringify(at)}`);
  if (at <= context.now) throw new ValidationError(`at: ${new Date(at).toISOString()} is not in the future`);
  return { kind: 'once', at, ...withLabel };
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], where: string): asserts value is T {
  if (!(allowed as readonly unknown[]).includes(value))
    throw new ValidationError(`${where}: ${JSON.stringify(value)} is not one of ${allowed.join(', ')}`);
}

function checkCron(cron: unknown): asserts cron is string {
  if (typeof cron === 'string' && isCronExpression(cron)) return;
  const why = typeof cron === 'string' ? cronProblem(cron) : undefined;
  const reason = why === undefined ? '' : ` (${why})`;
  throw new ValidationError(
    `cron: ${JSON.stringify(cron)} is not a valid cron expression${reason}; e.g. "0 9 * * 1-5" is 09:00 on weekdays`,
  );
}

/** What node-cron finds wrong with an expression, in a few words, if it says. */
function cronProblem(cron: string): string | undefined {
  try {
    const problem = validateDetailed(cron).errors[0];
    if (problem === undefined) return undefined;
    return problem.field === 'expression' ? problem.message : `bad ${problem.field} ${JSON.stringify(problem.value)}`;
  } catch {
    return undefined;
  }
}
