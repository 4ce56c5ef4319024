import type { Conversion } from '../contract';
import { toHalfWidth } from '../conversion';

/** ISO 3779 leaves out I, O and Q so they are not read as 1 and 0. */
export const VIN_PATTERN = '^[A-HJ-NPR-Z0-9]{17}$';
const VIN = new RegExp(VIN_PATTERN);

export const VIN_MESSAGE = 'A VIN has 17 letters and digits, without I, O or Q.';
export const VIN_CHECK_DIGIT_MESSAGE =
  "This VIN's check digit (9th character) does not match; look for a typing mistake.";

const TRANSLITERATION: Record<string, number> = {
  A: 1,
  B: 2,
  C: 3,
  D: 4,
  E: 5,
  F: 6,
  G: 7,
  H: 8,
  J: 1,
  K: 2,
  L: 3,
  M: 4,
  N: 5,
  P: 7,
  R: 9,
  S: 2,
  T: 3,
  U: 4,
  V: 5,
  W: 6,
  X: 7,
  Y: 8,
  Z: 9,
};
const WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

/** The North-American check character (0–9 or X) a 17-character VIN should have at position 9. */
export function vinCheckDigit(vin: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const c = vin[i] ?? '0';
    const value = c >= '0' && c <= '9' ? Number(c) : (TRANSLITERATION[c] ?? 0);
    sum += value * (WEIGHTS[i] ?? 0);
  }
  const remainder = sum % 11;
  return remainder === 10 ? 'X' : String(remainder);
}

/** Upper-cases and strips spaces and dashes, then checks the form (and the check digit if asked). */
export function normalizeVin(text: string, options: { checkDigit?: boolean } = {}): Conversion<string> {
  const vin = toHalfWidth(text).replace(/[\s-]/g, '').toUpperCase();
  if (!VIN.test(vin)) return { ok: false, message: VIN_MESSAGE };
  if (options.checkDigit && vin[8] !== vinCheckDigit(vin))
    return { ok: false, message: VIN_CHECK_DIGIT_MESSAGE };
  return { ok: true, value: vin };
}
