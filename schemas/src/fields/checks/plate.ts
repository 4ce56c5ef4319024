import type { Conversion } from '../contract';
import { toHalfWidth } from '../conversion';

/** One-character abbreviations of the provinces that issue plates (港/澳 cross-border plates use 粤). */
export const PLATE_PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';

// Plates never use I or O, so they cannot be read as 1 and 0.
const L = 'A-HJ-NP-Z';
const P = `[${PLATE_PROVINCES}]`;
/** Ordinary plate: 京A12345. */
const ORDINARY = `${P}[${L}][${L}0-9]{5}`;
/** Small new-energy car: 沪AD12345 (D electric, F hybrid; newer series use other letters A–K). */
const NEW_ENERGY_SMALL = `${P}[${L}][A-HJK][${L}0-9][0-9]{4}`;
/** Large new-energy vehicle: 粤B12345D. */
const NEW_ENERGY_LARGE = `${P}[${L}][0-9]{5}[DF]`;
/** Police, driving school, trailer, consulate, Hong Kong and Macau plates end with a character. */
const SPECIAL = `${P}[${L}][${L}0-9]{4}[警学挂领港澳]`;

export const PLATE_PATTERN = `^(${ORDINARY}|${NEW_ENERGY_SMALL}|${NEW_ENERGY_LARGE}|${SPECIAL})$`;
const PLATE = new RegExp(PLATE_PATTERN);
const NEW_ENERGY = new RegExp(`^(${NEW_ENERGY_SMALL}|${NEW_ENERGY_LARGE})$`);

export const PLATE_MESSAGE =
  'A plate is a province character, a letter and 5 letters or digits (6 for new-energy cars), e.g. 京A12345.';

/** Upper-cases and removes spaces and the separator dot ("粤B·D12345" → "粤BD12345"). */
export function normalizePlate(text: string): Conversion<string> {
  const plate = toHalfWidth(text)
    .replace(/[\s·•・.\-‧∙]/g, '')
    .toUpperCase();
  return PLATE.test(plate) ? { ok: true, value: plate } : { ok: false, message: PLATE_MESSAGE };
}

export function isNewEnergyPlate(plate: string): boolean {
  return NEW_ENERGY.test(plate);
}
