/** What a save sends: the fields a person fills in, never computed or layout ones (the server owns those). */
import { type FieldDef, fieldType, isFieldType } from '@forecourt/schemas';
import type { FormData } from './types';

function typed(field: FieldDef): boolean {
  if (!isFieldType(field.type)) return false;
  const type = fieldType(field.type);
  return type.storesValue && !type.computed;
}

/** A new record: every filled field (empty ones are left for the server's defaults). */
export function createPayload(fields: readonly FieldDef[], data: FormData): FormData {
  const out: FormData = {};
  for (const field of fields)
    if (typed(field) && data[field.id] !== null && data[field.id] !== undefined)
      out[field.id] = data[field.id];
  return out;
}

/** An edit: only the fields that changed, emptied ones as null. */
export function updatePayload(fields: readonly FieldDef[], data: FormData, stored: FormData): FormData {
  const out: FormData = {};
  for (const field of fields) {
    if (!typed(field)) continue;
    const now = data[field.id] ?? null;
    if (JSON.stringify(now) !== JSON.stringify(stored[field.id] ?? null)) out[field.id] = now;
  }
  return out;
}
