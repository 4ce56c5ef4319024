import { DEFAULT_TIME_ZONE } from './conversion';
import { DATE_TOKEN, formatInZone } from './dates';

/**
 * Serial numbers such as "RO-{store.code}-{yyMMdd}-{seq:4}" → "RO-SH01-260301-0007". The engine keeps
 * one counter per form, field and period (see serialPeriod) and calls formatSerial with its next value.
 */
export type SerialReset = 'never' | 'day' | 'month' | 'year';

export const SERIAL_RESETS: readonly SerialReset[] = ['never', 'day', 'month', 'year'];

const TOKEN = /\{([^{}]*)\}/g;
const SEQ = /^seq(?::(\d{1,2}))?$/;
const VALUE_PATH = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$/;

export interface SerialInput {
  /** When the record is created; date tokens use it. */
  date: Date;
  /** The counter's value for this record, from 1. */
  counter: number;
  /** Record values and context (e.g. `store.code`) by dotted path or exact key. */
  values?: Record<string, unknown>;
  timeZone?: string;
}

function valueAt(values: Record<string, unknown>, path: string): unknown {
  if (path in values) return values[path];
  let current: unknown = values;
  for (const key of path.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** What is wrong with a pattern: unknown tokens, braces, or no {seq} (numbers would repeat). */
export function checkSerialPattern(pattern: string): string[] {
  const messages: string[] = [];
  let sequences = 0;
  for (const match of pattern.matchAll(TOKEN)) {
    const token = match[1] ?? '';
    if (SEQ.test(token)) {
      sequences++;
      const width = Number(SEQ.exec(token)?.[1] ?? '1');
      if (width < 1 || width > 12) messages.push('The counter width must be from 1 to 12 digits.');
    } else if (!DATE_TOKEN.test(token) && !VALUE_PATH.test(token))
      messages.push(`Unknown part "{${token}}".`);
  }
  if (/[{}]/.test(pattern.replace(TOKEN, ''))) messages.push('A brace is not closed.');
  if (sequences !== 1) messages.push('The pattern needs exactly one counter, e.g. {seq:4}.');
  return messages;
}

/** Fills a pattern. Missing values print as nothing; a counter wider than its width prints in full. */
export function formatSerial(pattern: string, input: SerialInput): string {
  const timeZone = input.timeZone ?? DEFAULT_TIME_ZONE;
  return pattern.replace(TOKEN, (whole, token: string) => {
    const seq = SEQ.exec(token);
    if (seq) return String(input.counter).padStart(Number(seq[1] ?? '1'), '0');
    if (DATE_TOKEN.test(token)) return formatInZone(input.date.getTime(), timeZone, token);
    if (VALUE_PATH.test(token)) {
      const value = valueAt(input.values ?? {}, token);
      return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
    }
    return whole;
  });
}

/** The counter's period key: '' (never), '2026' (year), '2026-03' (month), '2026-03-01' (day), local time. */
export function serialPeriod(
  resetEvery: SerialReset,
  date: Date,
  timeZone: string = DEFAULT_TIME_ZONE,
): string {
  switch (resetEvery) {
    case 'day':
      return formatInZone(date.getTime(), timeZone, 'yyyy-MM-dd');
    case 'month':
      return formatInZone(date.getTime(), timeZone, 'yyyy-MM');
    case 'year':
      return formatInZone(date.getTime(), timeZone, 'yyyy');
    default:
      return '';
  }
}
