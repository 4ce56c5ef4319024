/**
 * Calendar functions. Dates are ISO strings: "YYYY-MM-DD", or a datetime. A datetime with an offset
 * ("...Z", "+08:00") is an instant and counts on its calendar date in the evaluation's time zone
 * (default Asia/Shanghai); a datetime without offset counts on its written date. Results are
 * "YYYY-MM-DD" strings. A missing argument gives a missing result, as everywhere in JSONata.
 */
import { ExpressionError } from '../errors';
import { checkDeadline, type EvaluationState, stateOf, uncharged } from '../guard';
import type { LibraryFunction, LibraryThis } from './types';

const DAY_MS = 86_400_000;
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const MAX_STEPS = 100_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(state: EvaluationState): Intl.DateTimeFormat {
  const { timeZone } = state;
  let f = formatters.get(timeZone);
  if (!f) {
    const opts = { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' } as const;
    try {
      f = uncharged(state, () => new Intl.DateTimeFormat('en-CA', opts));
    } catch {
      throw new ExpressionError('type', `Unknown time zone "${timeZone}".`);
    }
    formatters.set(timeZone, f);
  }
  return f;
}

/** Days since 1970-01-01 of the calendar date of `instant` in the evaluation's time zone. */
export function dayOfInstant(instant: Date, state: EvaluationState): number {
  const parts = formatterFor(state).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(get('year'), get('month') - 1, get('day')) / DAY_MS;
}

/** Days since 1970-01-01 of a date string; throws a type error for anything else. */
export function parseDay(value: unknown, state: EvaluationState, what = 'date'): number {
  const m = typeof value === 'string' ? ISO.exec(value.trim()) : null;
  if (!m)
    throw new ExpressionError('type', `Expected a ${what} like "2024-01-31", got ${JSON.stringify(value)}.`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const day = Date.UTC(y, mo - 1, d) / DAY_MS;
  const check = new Date(day * DAY_MS);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) {
    throw new ExpressionError('type', `"${value}" is not a valid date.`);
  }
  if (m[7] === undefined) return day;
  const normalized = (value as string)
    .trim()
    .replace(' ', 'T')
    .replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const instant = new Date(normalized);
  if (Number.isNaN(instant.getTime())) throw new ExpressionError('type', `"${value}" is not a valid date.`);
  return dayOfInstant(instant, state);
}

export function formatDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function wholeNumber(n: number, what: string): number {
  if (!Number.isInteger(n)) throw new ExpressionError('type', `${what} must be a whole number, not ${n}.`);
  return n;
}

function ymd(day: number): [number, number, number] {
  const d = new Date(day * DAY_MS);
  return [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()];
}

/** Adds months, keeping the day of month or clamping to the month's last day (Jan 31 + 1 → Feb 28/29). */
export function addMonthsToDay(day: number, months: number): number {
  const [y, m, d] = ymd(day);
  const lastDay = new Date(Date.UTC(y, m + months + 1, 0)).getUTCDate();
  return Date.UTC(y, m + months, Math.min(d, lastDay)) / DAY_MS;
}

/** Whole months from `a` to `b`: the largest k with addMonths(a, k) ≤ b (negative when b < a). */
function monthsFromTo(a: number, b: number): number {
  if (b < a) return -monthsFromTo(b, a);
  const [ya, ma] = ymd(a);
  const [yb, mb] = ymd(b);
  let k = (yb - ya) * 12 + (mb - ma);
  while (k > 0 && addMonthsToDay(a, k) > b) k--;
  return k;
}

function tz(self: LibraryThis): EvaluationState {
  return stateOf(self.environment);
}

function daysBetween(this: LibraryThis, a?: string, b?: string): number | undefined {
  if (a === undefined || b === undefined) return undefined;
  return parseDay(b, tz(this)) - parseDay(a, tz(this));
}

function monthsBetween(this: LibraryThis, a?: string, b?: string): number | undefined {
  if (a === undefined || b === undefined) return undefined;
  return monthsFromTo(parseDay(a, tz(this)), parseDay(b, tz(this)));
}

function yearsBetween(this: LibraryThis, a?: string, b?: string): number | undefined {
  const months = monthsBetween.call(this, a, b);
  return months === undefined ? undefined : Math.trunc(months / 12);
}

function addDays(this: LibraryThis, date?: string, n?: number): string | undefined {
  if (date === undefined || n === undefined) return undefined;
  return formatDay(parseDay(date, tz(this)) + wholeNumber(n, 'The number of days'));
}

function addMonths(this: LibraryThis, date?: string, n?: number): string | undefined {
  if (date === undefined || n === undefined) return undefined;
  return formatDay(addMonthsToDay(parseDay(date, tz(this)), wholeNumber(n, 'The number of months')));
}

function dayList(self: LibraryThis, list: unknown, what: string): Set<number> {
  const items = list === undefined ? [] : Array.isArray(list) ? list : [list];
  return new Set(items.map((item) => parseDay(item, tz(self), what)));
}

/**
 * Adds working days (Monday to Friday, minus `holidays`, plus `workdays`: weekend days that are
 * worked, as with China's adjusted holidays). The start date itself is not counted; 0 returns it.
 */
function addWorkingDays(
  this: LibraryThis,
  date?: string,
  n?: number,
  holidays?: unknown,
  workdays?: unknown,
) {
  if (date === undefined || n === undefined) return undefined;
  wholeNumber(n, 'The number of working days');
  if (Math.abs(n) > MAX_STEPS / 2) {
    throw new ExpressionError('size', `Cannot add more than ${MAX_STEPS / 2} working days.`);
  }
  const off = dayList(this, holidays, 'holiday date');
  const on = dayList(this, workdays, 'working day date');
  let day = parseDay(date, tz(this));
  const step = n < 0 ? -1 : 1;
  for (let left = Math.abs(n), steps = 0; left > 0; steps++) {
    if (steps > MAX_STEPS) throw new ExpressionError('size', 'Too few working days in the calendar.');
    day += step;
    const weekday = new Date(day * DAY_MS).getUTCDay();
    const working = on.has(day) || (weekday !== 0 && weekday !== 6 && !off.has(day));
    if (working) left--;
  }
  checkDeadline(stateOf(this.environment));
  return formatDay(day);
}

function today(this: LibraryThis): string {
  const state = stateOf(this.environment);
  return formatDay(dayOfInstant(state.now, state));
}

export const dateFunctions: Record<string, LibraryFunction> = {
  daysBetween: { implementation: daysBetween, signature: '<s-s:n>' },
  monthsBetween: { implementation: monthsBetween, signature: '<s-s:n>' },
  yearsBetween: { implementation: yearsBetween, signature: '<s-s:n>' },
  addDays: { implementation: addDays, signature: '<s-n:s>' },
  addMonths: { implementation: addMonths, signature: '<s-n:s>' },
  addWorkingDays: { implementation: addWorkingDays, signature: '<s-nx?x?:s>' },
  today: { implementation: today, signature: '<:s>' },
};
