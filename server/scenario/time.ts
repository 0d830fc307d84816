/**
 * Time syntax of scenario files: durations (`15m`, `1d2h30m`), offsets from `startsAt` (`+1h15m`)
 * and absolute ISO 8601 date-times that always carry a UTC offset. Pure functions, no clock.
 */

const UNIT_MS = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1_000 } as const;

/** A duration: days, hours, minutes, seconds in that order, each optional, at least one. */
export const DURATION_PATTERN = '^(?=\\d)(\\d+d)?(\\d+h)?(\\d+m)?(\\d+s)?$';
/** An offset from the scenario's start: `+` then a duration. */
export const OFFSET_PATTERN = '^\\+(?=\\d)(\\d+d)?(\\d+h)?(\\d+m)?(\\d+s)?$';
/** An ISO 8601 date-time with minutes, optional seconds and fraction, and a mandatory offset. */
export const DATE_TIME_PATTERN = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,3})?)?(Z|[+-]\\d{2}:\\d{2})$';
/** A story time: an absolute date-time with offset, or an offset from `startsAt`. */
export const TIME_REF_PATTERN = `(${DATE_TIME_PATTERN})|(${OFFSET_PATTERN})`;
/** A calendar date, or a month when a source is dated no more precisely. */
export const DATE_PATTERN = '^\\d{4}-\\d{2}(-\\d{2})?$';

const durationRe = new RegExp(DURATION_PATTERN);
const offsetRe = new RegExp(OFFSET_PATTERN);
const dateTimeRe = new RegExp(DATE_TIME_PATTERN);
const dateRe = new RegExp(DATE_PATTERN);

/**
 * The longest duration a scenario may give (a deadline, a gap between updates): a year. Longer
 * ones put deadlines past the last date a clock can show, where formatting them throws.
 */
export const MAX_DURATION_MS = 365 * UNIT_MS.d;

/**
 * Milliseconds in a duration such as `1d2h30m`, or `undefined` if the text is not one, or has so
 * many digits that it is not a number.
 */
export function parseDuration(text: string): number | undefined {
  if (!durationRe.test(text)) return undefined;
  let total = 0;
  for (const [, amount, unit] of text.matchAll(/(\d+)([dhms])/g)) {
    total += Number(amount) * UNIT_MS[unit as keyof typeof UNIT_MS];
  }
  return Number.isFinite(total) ? total : undefined;
}

/**
 * Epoch milliseconds of an absolute date-time with offset, or `undefined` when the text is not
 * one or names an impossible date (the 31st of February is refused, not rolled over).
 */
export function parseDateTime(text: string): number | undefined {
  if (!dateTimeRe.test(text)) return undefined;
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) return undefined;
  const [year, month, day] = text.slice(0, 10).split('-').map(Number) as [number, number, number];
  const hour = Number(text.slice(11, 13));
  const minute = Number(text.slice(14, 16));
  const calendar = new Date(Date.UTC(year, month - 1, day));
  if (calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== day) return undefined;
  if (hour > 23 || minute > 59) return undefined;
  return ms;
}

/** Whether a text is a real calendar date `YYYY-MM-DD` or month `YYYY-MM`. */
export function isCalendarDate(text: string): boolean {
  return dateRe.test(text) && parseDateTime(`${text.length === 7 ? `${text}-01` : text}T00:00Z`) !== undefined;
}

/**
 * Offset in milliseconds from `startsAtMs` of a story time written as an offset (`+3h30m`) or an
 * absolute date-time; `undefined` when the text is neither.
 */
export function resolveTimeRef(text: string, startsAtMs: number): number | undefined {
  if (offsetRe.test(text)) return parseDuration(text.slice(1));
  const absolute = parseDateTime(text);
  return absolute === undefined ? undefined : absolute - startsAtMs;
}

/** A duration in the file syntax, largest units first: 93_600_000 ms is `1d2h`. */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0m';
  let rest = Math.abs(ms);
  let out = ms < 0 ? '-' : '';
  for (const unit of ['d', 'h', 'm', 's'] as const) {
    const amount = Math.floor(rest / UNIT_MS[unit]);
    if (amount > 0) out += `${amount}${unit}`;
    rest -= amount * UNIT_MS[unit];
  }
  return rest > 0 ? `${out}${rest}ms` : out;
}

/** Whether an IANA time zone name is known to this runtime's Intl data. */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * An `Intl.DateTimeFormat`, made once per locale and options: building one costs about as much
 * as formatting a hundred dates, and a page formats dozens. Time zones come from scenarios, so the
 * cache stays small; it is emptied if it ever holds more than 1,000.
 */
export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (format === undefined) {
    if (formats.size >= 1_000) formats.clear();
    format = new Intl.DateTimeFormat(locale, options);
    formats.set(key, format);
  }
  return format;
}

/**
 * An instant as ISO 8601 in a time zone, with that zone's offset at that instant
 * (`2025-12-22T10:00:00+01:00`), the way scenario files and Statuspage payloads write times.
 */
export function formatInZone(epochMs: number, timeZone: string): string {
  const parts = dateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'longOffset',
  }).formatToParts(new Date(epochMs));
  const get = (type: Intl.DateTimeFormatPartTypes): string => parts.find((part) => part.type === type)?.value ?? '';
  const offset = get('timeZoneName').replace('GMT', '') || '+00:00';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}:${get('second')}${offset}`;
}

/** Like `formatInZone`, with milliseconds, as Statuspage payloads write times (`…T10:00:00.000+01:00`). */
export function formatTimestampInZone(epochMs: number, timeZone: string): string {
  const text = formatInZone(epochMs, timeZone);
  const millis = String(Math.floor(((epochMs % 1000) + 1000) % 1000)).padStart(3, '0');
  return `${text.slice(0, 19)}.${millis}${text.slice(19)}`;
}
