import type { FieldDef } from '../contract';
import { defineFieldType, label } from '../conversion';
import { delegateToResult, type ResultType, resultField } from '../results';
import { definition, enumSchema, expressionSchema, fieldIdSchema, integerSchema } from '../schema-parts';

export const AGGREGATES = ['count', 'sum', 'avg', 'min', 'max'] as const;
export type Aggregate = (typeof AGGREGATES)[number];

/** Rollups of money stay exact (parts total); min/max of dates give dates; count is a whole number. */
const ROLLUP_RESULT_TYPES: ResultType[] = ['number', 'money', 'date', 'datetime'];

function rollupResult(field: FieldDef) {
  if (field.aggregate === 'count') return resultField({ ...field, resultType: 'number', precision: 0 });
  return resultField(field);
}

/** Aggregates a table of this record, or the related records, e.g. the sum of parts amounts. */
export const rollupType = defineFieldType<unknown>({
  type: 'rollup',
  group: 'relation',
  label: label('汇总', 'Rollup'),
  storesValue: true,
  computed: true,
  compareAs: 'result',
  groupBy: 'result',
  aggregates: 'result',
  publicFill: false,
  definitionSchema: definition(
    {
      source: {
        type: 'object',
        properties: { relation: fieldIdSchema, subform: fieldIdSchema },
        minProperties: 1,
        maxProperties: 1,
        additionalProperties: false,
      },
      aggregate: enumSchema(AGGREGATES),
      field: fieldIdSchema,
      /** Only rows or records for which this is true count, e.g. `f_status = "done"`. */
      filter: expressionSchema,
      resultType: enumSchema(ROLLUP_RESULT_TYPES),
      precision: integerSchema(0, 10),
    },
    ['source', 'aggregate'],
  ),
  checkDefinition(field) {
    const messages: string[] = [];
    if (field.aggregate !== 'count' && typeof field.field !== 'string')
      messages.push('Choose the field to aggregate.');
    if (
      (field.aggregate === 'sum' || field.aggregate === 'avg') &&
      (field.resultType === 'date' || field.resultType === 'datetime')
    )
      messages.push('Dates can be rolled up with min or max only.');
    return messages;
  },
  ...delegateToResult(rollupResult),
});
