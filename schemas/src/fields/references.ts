import type { Conversion, FieldDef, JsonSchema } from './contract';
import {
  booleanProp,
  ENTITY_ID_PATTERN,
  fail,
  isBlank,
  isEntityId,
  ok,
  optionalNumberProp,
} from './conversion';

/**
 * Values that point at other things by id (users, departments, records): one id, or a list when the
 * field allows several. Whether the id exists is the server's check; here only its form.
 */
export type Reference = string | string[];

const MAX_REFERENCES = 200;

function idOf(item: unknown): string | undefined {
  if (typeof item === 'string') return item.trim();
  if (typeof item === 'object' && item !== null && typeof (item as { id?: unknown }).id === 'string')
    return (item as { id: string }).id.trim();
  return undefined;
}

/** Accepts an id, `{ id }` (as pickers hand them over), or a list of either. */
export function normalizeReference(field: FieldDef, input: unknown, noun: string): Conversion<Reference> {
  if (isBlank(input) || (Array.isArray(input) && input.length === 0)) return ok(null);
  const multiple = booleanProp(field, 'multiple', false);
  const items = Array.isArray(input) ? input : [input];
  const ids: string[] = [];
  for (const item of items) {
    const id = idOf(item);
    if (!isEntityId(id)) return fail(`This does not identify a ${noun}.`);
    if (!ids.includes(id)) ids.push(id);
  }
  if (!multiple) return ids.length === 1 ? ok(ids[0] ?? null) : fail(`Choose only one ${noun}.`);
  const max = optionalNumberProp(field, 'maxSelected') ?? MAX_REFERENCES;
  if (ids.length > max) return fail(`Choose at most ${max}.`);
  return ok(ids);
}

export function referenceText(value: Reference | null): string {
  if (value === null || value === undefined) return '';
  return Array.isArray(value) ? value.join('; ') : value;
}

export function parseReferenceText(field: FieldDef, text: string, noun: string): Conversion<Reference> {
  const ids = text.split(/[\s;；,，、]+/).filter((id) => id !== '');
  return normalizeReference(field, booleanProp(field, 'multiple', false) ? ids : text, noun);
}

export function referenceSchema(field: FieldDef): JsonSchema {
  const id = { type: 'string', pattern: ENTITY_ID_PATTERN };
  if (!booleanProp(field, 'multiple', false)) return id;
  return {
    type: 'array',
    items: id,
    minItems: 1,
    maxItems: optionalNumberProp(field, 'maxSelected') ?? MAX_REFERENCES,
    uniqueItems: true,
  };
}
