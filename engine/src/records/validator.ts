import { type FieldDef, type FormDefinition, fieldType } from '@forecourt/schemas';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import type { ErrorDetail } from '../errors';

const ajv = new Ajv2020({ allErrors: true, strict: false, $data: false, validateFormats: false });
const cache = new Map<string, ValidateFunction>();

/**
 * The JSON Schema of a record's data, generated from the form's closed field model (each type's
 * valueSchema); user metadata never reaches ajv as a raw schema. Every value may be null (empty);
 * keys outside the model are refused.
 */
export function recordSchema(definition: FormDefinition): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const field of definition.fields) {
    const type = fieldType(field.type);
    if (!type.storesValue || isSystem(field)) continue;
    properties[field.id] = { anyOf: [{ type: 'null' }, type.valueSchema(field)] };
  }
  return { type: 'object', properties, additionalProperties: false };
}

/** A compiled validator per published version (versions never change, so the cache never goes stale). */
export function validateRecordData(
  key: string,
  definition: FormDefinition,
  data: Record<string, unknown>,
): ErrorDetail[] {
  let validate = cache.get(key);
  if (!validate) {
    validate = ajv.compile(recordSchema(definition));
    if (cache.size > 2000) cache.clear();
    cache.set(key, validate);
  }
  if (validate(data)) return [];
  return (validate.errors ?? []).map((e) => ({
    path:
      e.keyword === 'additionalProperties'
        ? `/${String(e.params.additionalProperty)}`
        : e.instancePath || '/',
    message:
      e.keyword === 'additionalProperties' ? 'is not a field of this form' : `is not valid (${e.message})`,
  }));
}

export function isSystem(field: FieldDef): boolean {
  return fieldType(field.type).group === 'system';
}
