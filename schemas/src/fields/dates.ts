import type { DateBucket } from './contract';

/**
 * Calendar dates and instants without libraries. Zone offsets come from Intl.DateTimeFormat, which
 * browsers and Node both ship with full IANA data.
 */

export interface DateParts {
  year: number;
  month: number;
  day: number;
}

export interface DateTimeParts extends DateParts {
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

/** The calendar buckets a date or time groups into, finest first: every dated type offers all of them. */
export const DATE_BUCKETS = [
  'day',
  'week',
  'month',
  'quarter',
  'year',
] as const satisfies readonly DateBucket[];

/** Years outside this range do not fit the fixed-width stored forms and are always typing mistakes. */
export const MIN_YEAR = 1000;
export const MAX_YEAR = 9999;

export function isRealDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) return false;
  if (!Number.isInteger(month) || month < 1 || month > 12) return false;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return Number.isInteger(day) && day >= 1 && day <= last;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** "YYYY-MM-DD". */
export function formatDate(parts: DateParts): string {
  return `${pad(parts.year, 4)}-${pad(parts.month)}-${pad(parts.day)}`;
}

const DATE_TEXT = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/;
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})$/;

/** "2026-03-01", "2026/3/1", "2026.3.1", "2026年3月1日", "20260301"; null if not a real date. */
export function parseDate(text: string): DateParts | null {
  const match = DATE_TEXT.exec(text.trim()) ?? COMPACT_DATE.exec(text.trim());
  if (!match) return null;
  const parts = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  return isRealDate(parts.year, parts.month, parts.day) ? parts : null;
}

const DATE_TIME_TEXT =
  /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:(?:T|\s+)(\d{1,2})[:：](\d{2})(?:[:：](\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

export interface ParsedDateTime {
  parts: DateTimeParts;
  /** Minutes east of UTC when the text names an offset or Z; null when it has no zone. */
  offsetMinutes: number | null;
}

/** Date and time, optionally with seconds, fraction and an offset; a bare date is midnight. */
export function parseDateTime(text: string): ParsedDateTime | null {
  const match = DATE_TIME_TEXT.exec(text.trim());
  if (!match) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '', zone] = match;
  const parts: DateTimeParts = {
    year: Number(y),
    month: Number(mo),
    day: Number(d),
    hour: Number(h),
    minute: Number(mi),
    second: Number(s),
    millisecond: Number(fraction.padEnd(3, '0').slice(0, 3)),
  };
  if (!isRealDate(parts.year, parts.month, parts.day)) return null;
  if (parts.hour > 23 || parts.minute > 59 || parts.second > 59) return null;
  return { parts, offsetMinutes: zone === undefined ? null : parseOffset(zone) };
}

function parseOffset(zone: string): number {
  if (zone.toUpperCase() === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0'));
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Wall-clock parts of an instant in a zone. */
export function instantToZoned(epochMs: number, timeZone: string): DateTimeParts {
  const values: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(epochMs))) {
    if (part.type !== 'literal') values[part.type] = Number(part.value);
  }
  return {
    year: values.year ?? 0,
    month: values.month ?? 0,
    day: values.day ?? 0,
    hour: values.hour ?? 0,
    minute: values.minute ?? 0,
    second: values.second ?? 0,
    millisecond: ((epochMs % 1000) + 1000) % 1000,
  };
}

function wallClockMs(parts: DateTimeParts): number {
  const date = new Date(0);
  date.setUTCFullYear(parts.year, parts.month - 1, parts.day);
  date.setUTCHours(parts.hour, parts.minute, parts.second, parts.millisecond);
  return date.getTime();
}

/** Minutes the zone is ahead of UTC at that instant (480 for Shanghai). */
export function zoneOffsetMinutes(epochMs: number, timeZone: string): number {
  const whole = epochMs - (((epochMs % 1000) + 1000) % 1000);
  return Math.round((wallClockMs({ ...instantToZoned(whole, timeZone), millisecond: 0 }) - whole) / 60_000);
}

/** The instant a wall-clock time in a zone names; in a DST gap, the later offset wins. */
export function zonedToInstant(parts: DateTimeParts, timeZone: string): number {
  const local = wallClockMs(parts);
  const first = local - zoneOffsetMinutes(local, timeZone) * 60_000;
  const second = local - zoneOffsetMinutes(first, timeZone) * 60_000;
  return second;
}

/** Instant of a parsed date-time, reading zone-less text in `timeZone`. */
export function parsedToInstant(parsed: ParsedDateTime, timeZone: string): number {
  if (parsed.offsetMinutes === null) return zonedToInstant(parsed.parts, timeZone);
  return wallClockMs(parsed.parts) - parsed.offsetMinutes * 60_000;
}

/** The stored form "YYYY-MM-DDTHH:mm:ss.sssZ", or null outside years 1000–9999. */
export function formatInstant(epochMs: number): string | null {
  if (!Number.isFinite(epochMs)) return null;
  const date = new Date(epochMs);
  const year = date.getUTCFullYear();
  if (Number.isNaN(year) || year < MIN_YEAR || year > MAX_YEAR) return null;
  return date.toISOString();
}

/** "+08:00" style offset text. */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

const PATTERN_TOKENS = /yyyy|yy|MM|dd|HH|mm|ss/g;

/** Formats an instant in a zone with the tokens yyyy, yy, MM, dd, HH, mm, ss (serial numbers, file names). */
export function formatInZone(epochMs: number, timeZone: string, pattern: string): string {
  const p = instantToZoned(epochMs, timeZone);
  return pattern.replace(PATTERN_TOKENS, (token) => {
    switch (token) {
      case 'yyyy':
        return pad(p.year, 4);
      case 'yy':
        return pad(p.year % 100);
      case 'MM':
        return pad(p.month);
      case 'dd':
        return pad(p.day);
      case 'HH':
        return pad(p.hour);
      case 'mm':
        return pad(p.minute);
      default:
        return pad(p.second);
    }
  });
}

/** Only these letters may make up a date token in a pattern. */
export const DATE_TOKEN = /^(?:yyyy|yy|MM|dd|HH|mm|ss)+$/;
