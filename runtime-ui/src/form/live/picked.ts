/**
 * A record picked in a relation fills this record at once: its `copy` fields (the vehicle's plate onto
 * the repair order) and lookups of it, as the server would on save.
 */
import { type FieldDef, fieldType, isFieldType } from '@forecourt/schemas';
import type { FormData } from '../types';

/** Relation field id → the records last picked in it, with their data. */
export type Picked = Record<string, { id: string; data: FormData }[]>;

const context = () => ({ now: new Date(), timeZone: 'Asia/Shanghai' });

function coerce(field: FieldDef, value: unknown): unknown {
  if (!isFieldType(field.type)) return null;
  try {
    const converted = fieldType(field.type).normalize(field, value, context());
    return converted.ok ? converted.value : null;
  } catch {
    return null; // an address before the region table has loaded: the server fills it on save
  }
}

export function applyPicked(fields: FieldDef[], data: FormData, changed: string, picked: Picked): FormData {
  const relation = fields.find((f) => f.id === changed && f.type === 'relation');
  if (!relation) return data;
  const ids = Array.isArray(data[changed])
    ? (data[changed] as string[])
    : data[changed]
      ? [String(data[changed])]
      : [];
  const records = ids.map((id) => picked[changed]?.find((r) => r.id === id));
  const first = records[0];
  const next = { ...data };
  if (first && relation.copy && typeof relation.copy === 'object') {
    for (const [from, to] of Object.entries(relation.copy as Record<string, string>)) {
      const target = fields.find((f) => f.id === to);
      if (target && first.data[from] != null) next[to] = coerce(target, first.data[from]);
    }
  }
  for (const lookup of fields.filter((f) => f.type === 'lookup' && f.relation === changed)) {
    if (records.some((r) => !r)) continue; // not all known here: the server fills it on save
    const values = records.map((r) => r?.data[String(lookup.targetField)] ?? null);
    next[lookup.id] = ids.length === 0 ? null : coerce(lookup, relation.multiple ? values : values[0]);
  }
  return next;
}
