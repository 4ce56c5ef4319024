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

/** Users of the organisation (service advisor, technician): ids like usr_4k9x2m7q1c8d5t3v. */
export const memberType = defineFieldType<Reference>({
  type: 'member',
  group: 'people',
  label: label('成员', 'Member'),
  storesValue: true,
  computed: false,
  compareAs: 'member',
  groupBy: ['value'],
  aggregates: ['count', 'countDistinct'],
  publicFill: false,
  definitionSchema: definition({
    multiple: booleanSchema,
    maxSelected: integerSchema(1, 200),
    /** Only members of these departments can be chosen. */
    departments: { type: 'array', items: { type: 'string', minLength: 1, maxLength: 64 }, uniqueItems: true },
  }),
  valueSchema: referenceSchema,
  normalize: (field, input) => normalizeReference(field, input, 'member'),
  toText: (_field, value) => referenceText(value),
  fromText: (field, text) => parseReferenceText(field, text, 'member'),
  displayText: (_field, value, context) => namesText(value, context),
  widget: (field) => ({
    widget: 'member',
    options: { multiple: field.multiple === true, departments: field.departments },
  }),
});
