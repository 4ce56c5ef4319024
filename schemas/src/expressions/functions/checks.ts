/**
 * Checks and fallbacks. `$isVin`, `$isMobile` and `$isPlate` use the field-type module's strict
 * checks (`fields/checks/`), so a validation expression and a VIN/phone/plate field agree.
 */
import { normalizePhone } from '../../fields/checks/phone';
import { normalizePlate } from '../../fields/checks/plate';
import { normalizeVin } from '../../fields/checks/vin';
import type { LibraryFunction } from './types';

/** A 17-character VIN (no I, O or Q) whose 9th character is the ISO 3779 / GB 16735 check digit. */
export function isVin(value: unknown): boolean {
  return typeof value === 'string' && normalizeVin(value, { checkDigit: true }).ok;
}

/** A mainland China mobile number, written with or without +86, spaces or dashes. */
export function isMobile(value: unknown): boolean {
  if (typeof value !== 'string' && typeof value !== 'number') return false;
  return normalizePhone(String(value), ['mobile']).ok;
}

/** A mainland China plate: 京A12345, 粤B·D12345 (new energy), 沪A12345D, 苏A1234学... */
export function isPlate(value: unknown): boolean {
  return typeof value === 'string' && normalizePlate(value).ok;
}

/** Missing, null, "" (or only spaces) and [] are empty. */
export function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  return false;
}

export const checkFunctions: Record<string, LibraryFunction> = {
  isVin: { implementation: isVin, signature: '<x-:b>' },
  isMobile: { implementation: isMobile, signature: '<x-:b>' },
  isPlate: { implementation: isPlate, signature: '<x-:b>' },
  /** `a` unless it is empty, then `b`. */
  ifEmpty: { implementation: (a: unknown, b: unknown) => (isEmpty(a) ? b : a), signature: '<xx:x>' },
  /** The first argument that is not empty. */
  coalesce: { implementation: (...values: unknown[]) => values.find((v) => !isEmpty(v)) },
};
