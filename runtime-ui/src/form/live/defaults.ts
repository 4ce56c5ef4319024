/**
 * A new record's starting values: fixed defaults, the current user and their department. Expression
 * defaults are computed live (compute.ts); linkage defaults need the database and are filled on save.
 */
import { type FieldDef, fieldType, isFieldType } from '@forecourt/schemas';
import type { FormData } from '../types';

export interface Filler {
  userId?: string;
  departmentId?: string;
}

export function initialData(fields: readonly FieldDef[], filler: Filler): FormData {
  const data: FormData = {};
  for (const field of fields) {
    const source = field.default;
    if (!source || !isFieldType(field.type) || fieldType(field.type).computed) continue;
    let value: unknown = null;
    if (source.kind === 'value') value = source.value;
    else if (source.kind === 'currentUser') value = filler.userId ?? null;
    else if (source.kind === 'currentDepartment') value = filler.departmentId ?? null;
    if (value === null || value === undefined) continue;
    data[field.id] = field.multiple === true && !Array.isArray(value) ? [value] : value;
  }
  return data;
}
