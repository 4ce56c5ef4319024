import type { FieldDef } from '../api/types';

/**
 * Whether the server sorts by a field (engine/src/query/keyset.ts refuses lists, tables and JSON
 * values: multi-selects, several members or records, subforms, files, addresses, locations).
 */
const UNSORTABLE = new Set([
  'subform',
  'multiselect',
  'attachment',
  'image',
  'signature',
  'address',
  'location',
]);

export function isSortable(field: FieldDef): boolean {
  if (UNSORTABLE.has(field.type)) return false;
  if (field.multiple === true) return false;
  return true;
}

export interface SortKey {
  field: string;
  dir: 'asc' | 'desc';
}

/** The record's own creation time, sortable like a field: the server's default order, newest first. */
export const CREATED_AT = '_created_at';
