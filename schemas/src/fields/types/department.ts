import { defineFieldType, label } from '../conversion';
import { namesText } from '../display';
import {
  normalizeReference,
  parseReferenceText,
  type Reference,
  referenceSchema,
  referenceText,
} from '../references';
import { booleanSchema, definition, integerSchema } from '../schema-parts';

/** Departments of the organisation (after-sales, body shop): ids like dep_4k9x2m7q1c8d5t3v. */
export const departmentType = defineFieldType<Reference>({
  type: 'department',
  group: 'people',
  label: label('部门', 'Department'),
  storesValue: true,
  computed: false,
  compareAs: 'department',
  groupBy: ['value'],
  aggregates: ['count', 'countDistinct'],
  publicFill: false,
  definitionSchema: definition({ multiple: booleanSchema, maxSelected: integerSchema(1, 200) }),
  valueSchema: referenceSchema,
  normalize: (field, input) => normalizeReference(field, input, 'department'),
  toText: (_field, value) => referenceText(value),
  fromText: (field, text) => parseReferenceText(field, text, 'department'),
  displayText: (_field, value, context) => namesText(value, context),
  widget: (field) => ({ widget: 'department', options: { multiple: field.multiple === true } }),
});
