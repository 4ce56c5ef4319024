import type { JsonSchema } from './contract';
import { FIELD_ID_PATTERN } from './conversion';

/** Reusable JSON Schema fragments for definition properties. Plain data, shared by value. */

export const labelSchema: JsonSchema = {
  type: 'object',
  properties: {
    zh: { type: 'string', minLength: 1, maxLength: 200 },
    en: { type: 'string', minLength: 1, maxLength: 200 },
  },
  required: ['zh', 'en'],
  additionalProperties: false,
};

/** Longer help text (descriptions, placeholders). */
export const longLabelSchema: JsonSchema = {
  type: 'object',
  properties: {
    zh: { type: 'string', maxLength: 5000 },
    en: { type: 'string', maxLength: 5000 },
  },
  required: ['zh', 'en'],
  additionalProperties: false,
};

export const fieldIdSchema: JsonSchema = { type: 'string', pattern: FIELD_ID_PATTERN };

export const formIdSchema: JsonSchema = { type: 'string', pattern: '^[a-z][a-z0-9_]{1,62}$' };

/** An expression in the formula language; parsed and checked by the expressions module, not here. */
export const expressionSchema: JsonSchema = { type: 'string', minLength: 1, maxLength: 10_000 };

export const integerSchema = (minimum: number, maximum: number): JsonSchema => ({
  type: 'integer',
  minimum,
  maximum,
});

export const booleanSchema: JsonSchema = { type: 'boolean' };

export const enumSchema = (values: readonly string[]): JsonSchema => ({ type: 'string', enum: [...values] });

/** A definition-properties fragment: each type lists its own properties explicitly. */
export function definition(properties: Record<string, JsonSchema>, required: string[] = []): JsonSchema {
  return required.length > 0 ? { properties, required } : { properties };
}
