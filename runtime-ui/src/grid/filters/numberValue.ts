import { valueTypeOf } from '@forecourt/schemas';
import type { FieldDef } from '../../api/types';

/**
 * Numbers leave the grid as decimal strings, never as JS floats: money keeps its cents exactly, and a
 * percent field (stored as a fraction, where a bare number already means a fraction) is typed as "15"
 * and sent as "0.15", so a bulk edit to 15 stores 15% and a filter "≥ 15" means 15%.
 */
export function isPercent(field: FieldDef): boolean {
  return valueTypeOf(field) === 'percent';
}

/** Moves the point of a plain decimal string `places` to the right: ("15", -2) → "0.15". */
export function shiftPoint(text: string, places: number): string | undefined {
  const match = /^(-?)(\d*)(?:\.(\d*))?$/.exec(text.trim());
  if (!match || (!match[2] && !match[3])) return undefined;
  const [, sign, int = '', frac = ''] = match;
  let digits = int + frac;
  let point = int.length + places;
  if (point < 0) {
    digits = '0'.repeat(-point) + digits;
    point = 0;
  }
  if (point > digits.length) digits += '0'.repeat(point - digits.length);
  const whole = digits.slice(0, point).replace(/^0+/, '') || '0';
  const part = digits.slice(point).replace(/0+$/, '');
  const out = part ? `${whole}.${part}` : whole;
  return out === '0' ? out : sign + out;
}

/** A stored value (number or decimal string) as a plain decimal string, without exponents. */
function plain(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
  const text = String(value);
  return /e/i.test(text) ? value.toFixed(12).replace(/\.?0+$/, '') : text;
}

/** What the number input shows for a stored value: a percent field shows 0.15 as 15. */
export function shownNumber(field: FieldDef, value: unknown): string | null {
  const text = plain(value);
  if (text === undefined) return null;
  return (isPercent(field) ? shiftPoint(text, 2) : text) ?? null;
}

/** What is sent for the text in the number input: a decimal string, a percent field's as its fraction. */
export function sentNumber(field: FieldDef, typed: string | number | null): string | undefined {
  const text = plain(typed);
  if (text === undefined) return undefined;
  return isPercent(field) ? shiftPoint(text, -2) : shiftPoint(text, 0);
}
