import type { Conversion } from '../contract';
import { toHalfWidth } from '../conversion';
import { type DateParts, formatDate, isRealDate } from '../dates';

/** GB 11643-1999: 6-digit region, 8-digit birth date, 3-digit sequence, check character. */
export const RESIDENT_ID_PATTERN = '^[1-9][0-9]{16}[0-9X]$';
const RESIDENT_ID = new RegExp(RESIDENT_ID_PATTERN);

export const RESIDENT_ID_MESSAGE = 'A resident ID number has 18 digits; the last one may be X.';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARACTERS = '10X98765432';
/** First two digits: provinces, plus 83 on residence permits for Hong Kong, Macau and Taiwan residents. */
const PROVINCE_PREFIXES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61,
  62, 63, 64, 65, 71, 81, 82, 83,
]);

/** The check character for the first 17 digits. */
export function residentIdCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARACTERS[sum % 11] ?? '';
}

export interface ResidentIdInfo {
  /** Region code where the number was issued (may be a since-renamed district). */
  region: string;
  birthDate: string;
  sex: 'male' | 'female';
}

/** Birth date and sex read from a valid number (the 17th digit is odd for men). */
export function residentIdInfo(id: string): ResidentIdInfo {
  const birth: DateParts = {
    year: Number(id.slice(6, 10)),
    month: Number(id.slice(10, 12)),
    day: Number(id.slice(12, 14)),
  };
  return {
    region: id.slice(0, 6),
    birthDate: formatDate(birth),
    sex: Number(id[16]) % 2 === 1 ? 'male' : 'female',
  };
}

/** Checks form, province, birth date (real, not after `today`) and the check character. */
export function normalizeResidentId(text: string, today?: Date): Conversion<string> {
  const id = toHalfWidth(text).replace(/\s/g, '').toUpperCase();
  if (/^\d{15}$/.test(id))
    return { ok: false, message: 'Old 15-digit ID numbers are not accepted; enter the 18-digit number.' };
  if (!RESIDENT_ID.test(id)) return { ok: false, message: RESIDENT_ID_MESSAGE };
  if (!PROVINCE_PREFIXES.has(Number(id.slice(0, 2))))
    return { ok: false, message: 'This ID number does not start with a known region code.' };
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  if (year < 1900 || !isRealDate(year, month, day))
    return { ok: false, message: 'The birth date inside this ID number (digits 7–14) is not a real date.' };
  if (today && Date.UTC(year, month - 1, day) > today.getTime())
    return { ok: false, message: 'The birth date inside this ID number is in the future.' };
  if (id[17] !== residentIdCheckCharacter(id))
    return {
      ok: false,
      message: 'The last character of this ID number does not match; look for a typing mistake.',
    };
  return { ok: true, value: id };
}
