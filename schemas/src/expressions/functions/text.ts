/** Text functions dealers know from spreadsheets. Lengths count characters (code points), so 京 is one. */
import { clean, roundToString } from '../decimal';
import { ExpressionError } from '../errors';
import { type EvaluationState, stateOf, uncharged } from '../guard';
import type { LibraryFunction, LibraryThis } from './types';

const WHITESPACE = /[\s\u3000]+/g;
const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const DATE_TOKENS = /YYYY|YY|MM|M|DD|D|HH|H|mm|ss/g;
const NUMBER_PATTERN = /[#0][#0,]*(?:\.[#0]*)?/;

/** A value as text: numbers without float noise, lists joined, nothing as "". */
export function asText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(clean(value));
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(asText).join('');
  return JSON.stringify(value);
}

function group(int: string): string {
  return int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Formats a number with an Excel-like picture: "#,##0.00", "0.0%", "¥#,##0", "000", "0.## km". */
export function formatNumberPicture(n: number, picture: string): string {
  const m = NUMBER_PATTERN.exec(picture);
  if (!m) throw new ExpressionError('type', `"${picture}" is not a number format such as "#,##0.00".`);
  const [intPart, fracPart = ''] = m[0].split('.');
  const percent = picture.includes('%');
  const value = percent ? n * 100 : n;
  const maxDecimals = fracPart.length;
  const minDecimals = fracPart.replace(/#+$/, '').length;
  let text = roundToString(value, maxDecimals, 'half-up');
  const negative = text.startsWith('-');
  if (negative) text = text.slice(1);
  let [int = '0', frac = ''] = text.split('.');
  while (frac.length > minDecimals && frac.endsWith('0')) frac = frac.slice(0, -1);
  const minInt = (intPart ?? '').replace(/[#,]/g, '').length;
  int = int.padStart(minInt, '0');
  if (int === '0' && minInt === 0) int = '';
  if ((intPart ?? '').includes(',')) int = group(int);
  if (int === '' && frac === '') int = '0';
  const body = `${int}${frac ? `.${frac}` : ''}`;
  const sign = negative ? '-' : '';
  return sign + picture.slice(0, m.index) + body + picture.slice(m.index + m[0].length);
}

const wallClocks = new Map<string, Intl.DateTimeFormat>();

function wallClock(instant: Date, state: EvaluationState): number[] {
  const { timeZone } = state;
  let f = wallClocks.get(timeZone);
  if (!f) {
    const options = {
      hourCycle: 'h23',
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    } as const;
    const time = { hour: '2-digit', minute: '2-digit', second: '2-digit' } as const;
    try {
      f = uncharged(state, () => new Intl.DateTimeFormat('en-CA', { ...options, ...time }));
    } catch {
      throw new ExpressionError('type', `Unknown time zone "${timeZone}".`);
    }
    wallClocks.set(timeZone, f);
  }
  const parts = f.formatToParts(instant);
  return ['year', 'month', 'day', 'hour', 'minute', 'second'].map((t) =>
    Number(parts.find((p) => p.type === t)?.value ?? 0),
  );
}

/** Formats an ISO date or datetime: tokens YYYY YY MM M DD D HH H mm ss, e.g. "YYYY年MM月DD日". */
export function formatDatePicture(value: string, picture: string, state: EvaluationState): string {
  const m = DATE.exec(value.trim());
  if (!m)
    throw new ExpressionError('type', `Expected a date like "2024-01-31", got ${JSON.stringify(value)}.`);
  let fields = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0));
  if (m[7] !== undefined) {
    const iso = value
      .trim()
      .replace(' ', 'T')
      .replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
    const instant = new Date(iso);
    if (Number.isNaN(instant.getTime())) throw new ExpressionError('type', `"${value}" is not a valid date.`);
    fields = wallClock(instant, state);
  }
  const [y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0] = fields;
  const two = (n: number) => String(n).padStart(2, '0');
  const tokens: Record<string, string> = {
    YYYY: String(y).padStart(4, '0'),
    YY: two(y % 100),
    MM: two(mo),
    M: String(mo),
    DD: two(d),
    D: String(d),
    HH: two(h),
    H: String(h),
    mm: two(mi),
    ss: two(s),
  };
  return picture.replace(DATE_TOKENS, (t) => tokens[t] ?? t);
}

function text(this: LibraryThis, value: unknown, picture?: string): string | undefined {
  if (value === undefined) return undefined;
  if (picture === undefined || picture === '') return asText(value);
  const numeric = typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
  if (typeof value === 'number' || (/[#0]/.test(picture) && !Number.isNaN(numeric))) {
    return formatNumberPicture(typeof value === 'number' ? value : numeric, picture);
  }
  if (typeof value === 'string' && DATE.test(value.trim())) {
    return formatDatePicture(value, picture, stateOf(this.environment));
  }
  return asText(value);
}

function count(n: number | undefined, name: string): number {
  const k = n ?? 1;
  if (!Number.isInteger(k) || k < 0) {
    throw new ExpressionError('type', `The count of ${name} must be a whole number ≥ 0, not ${k}.`);
  }
  return k;
}

function left(s?: string, n?: number): string | undefined {
  return s === undefined ? undefined : Array.from(s).slice(0, count(n, '$left')).join('');
}

function right(s?: string, n?: number): string | undefined {
  if (s === undefined) return undefined;
  const k = count(n, '$right');
  return k === 0 ? '' : Array.from(s).slice(-k).join('');
}

export const textFunctions: Record<string, LibraryFunction> = {
  text: { implementation: text, signature: '<x-s?:s>' },
  upper: { implementation: (s?: string) => s?.toUpperCase(), signature: '<s-:s>' },
  lower: { implementation: (s?: string) => s?.toLowerCase(), signature: '<s-:s>' },
  /** Excel TRIM: strips the ends and collapses inner runs of spaces (full-width too) to one. */
  trim: { implementation: (s?: string) => s?.replace(WHITESPACE, ' ').trim(), signature: '<s-:s>' },
  left: { implementation: left, signature: '<s-n?:s>' },
  right: { implementation: right, signature: '<s-n?:s>' },
  /** Joins any number of values as text; missing values count as "". */
  concat: { implementation: (...values: unknown[]) => values.map(asText).join('') },
};
