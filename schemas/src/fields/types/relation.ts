import { booleanProp, defineFieldType, label } from '../conversion';
import { namesText } from '../display';
import {
  normalizeReference,
  parseReferenceText,
  type Reference,
  referenceSchema,
  referenceText,
} from '../references';
import {
  booleanSchema,
  definition,
  enumSchema,
  expressionSchema,
  fieldIdSchema,
  formIdSchema,
  integerSchema,
} from '../schema-parts';

/**
 * A link to records of another form (the customer and vehicle on a repair order). `copy` fills fields of
 * this record from the chosen one: `{ [targetFieldId]: thisFieldId }`.
 */
export const relationType = defineFieldType<Reference>({
  type: 'relation',
  group: 'relation',
  label: label('关联记录', 'Related record'),
  storesValue: true,
  computed: false,
  compareAs: 'link',
  groupBy: ['value'],
  aggregates: ['count', 'countDistinct'],
  publicFill: false,
  extraWrites: 'link',
  definitionSchema: definition(
    {
      target: formIdSchema,
      multiple: booleanSchema,
      maxSelected: integerSchema(1, 200),
      copy: {
        type: 'object',
        propertyNames: fieldIdSchema,
        additionalProperties: fieldIdSchema,
        maxProperties: 100,
      },
      /** Only target records for which this is true can be chosen. */
      filter: expressionSchema,
      display: enumSchema(['dropdown', 'table', 'cards']),
    },
    ['target'],
  ),
  checkDefinition(field) {
    const copy = field.copy;
    if (typeof copy !== 'object' || copy === null) return [];
    const targets = Object.values(copy as Record<string, string>);
    return new Set(targets).size === targets.length
      ? []
      : ['Two copied fields fill the same field of this form.'];
  },
  valueSchema: referenceSchema,
  normalize: (field, input) => normalizeReference(field, input, 'record'),
  toText: (_field, value) => referenceText(value),
  fromText: (field, text) => parseReferenceText(field, text, 'record'),
  displayText: (_field, value, context) => namesText(value, context),
  widget: (field) => ({
    widget: 'relation',
    options: {
      target: field.target,
      multiple: booleanProp(field, 'multiple', false),
      display: field.display ?? 'dropdown',
    },
  }),
});
