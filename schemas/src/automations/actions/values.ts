import type { JsonSchema } from '../../fields/contract';
import { expressionSchema, fieldIdSchema } from '../../fields/schema-parts';

export const MAX_MAPPED_VALUES = 100;

/** Field id → expression over the triggering record. */
export const valuesSchema: JsonSchema = {
  type: 'object',
  propertyNames: fieldIdSchema,
  additionalProperties: expressionSchema,
  minProperties: 1,
  maxProperties: MAX_MAPPED_VALUES,
};
