import { defineFieldType, label } from '../conversion';
import { delegateToResult, RESULT_TYPES, resultField } from '../results';
import { definition, enumSchema, expressionSchema, integerSchema } from '../schema-parts';

/** A value computed from the record, e.g. labour total = hours × rate. The server evaluates it. */
export const formulaType = defineFieldType<unknown>({
  type: 'formula',
  group: 'advanced',
  label: label('公式', 'Formula'),
  storesValue: true,
  computed: true,
  compareAs: 'result',
  groupBy: 'result',
  aggregates: 'result',
  publicFill: true,
  definitionSchema: definition(
    { expression: expressionSchema, resultType: enumSchema(RESULT_TYPES), precision: integerSchema(0, 10) },
    ['expression', 'resultType'],
  ),
  ...delegateToResult((field) => resultField(field)),
});
