/**
 * Server validation errors (`details[].path`, a JSON pointer into the record data such as
 * `/f_parts/1/f_qty`) sorted under the field they belong to, so each shows on its field or table cell.
 */
import type { ErrorDetail } from '../api/client';
import type { FieldErrors } from './types';

/** Field id → (pointer inside the field → messages). Paths outside any field land under `''`. */
export function errorsByField(details: readonly ErrorDetail[] | undefined): Record<string, FieldErrors> {
  const out: Record<string, FieldErrors> = {};
  for (const { path, message } of details ?? []) {
    // `/data/f_x` when the pointer is into the request body rather than the record.
    const match = /^(?:\/data)?\/([^/]+)(.*)$/.exec(path);
    const fieldId = match?.[1] ?? '';
    const rest = match?.[2] ?? '';
    const field = out[fieldId] ?? {};
    field[rest] = [...(field[rest] ?? []), message];
    out[fieldId] = field;
  }
  return out;
}
