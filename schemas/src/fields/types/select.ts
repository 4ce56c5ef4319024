import type { Conversion, FieldDef, JsonSchema } from '../contract';
import { defineFieldType, fail, isBlank, label, ok } from '../conversion';
import { checkOptions, findOption, optionsOf, optionsSchema, optionText } from '../options';
import { definition, enumSchema } from '../schema-parts';

export function normalizeSelect(field: FieldDef, input: unknown): Conversion<string> {
  if (isBlank(input)) return ok(null);
  if (typeof input !== 'string' && typeof input !== 'number') return fail('Choose one of the options.');
  const options = optionsOf(field);
  const text = String(input);
  const option = options.find((candidate) => candidate.value === text) ?? findOption(options, text);
  return option ? ok(option.value) : fail(`"${text.trim()}" is not one of the options.`);
}

export const selectType = defineFieldType<string>({
  type: 'select',
  group: 'choice',
  label: label('单选', 'Single choice'),
  storesValue: true,
  computed: false,
  compareAs: 'choice',
  groupBy: ['value'],
  aggregates: ['count', 'countDistinct'],
  publicFill: true,
  bulkSet: 'option',
  chosen: true,
  definitionSchema: definition({ options: optionsSchema, display: enumSchema(['dropdown', 'radio']) }, [
    'options',
  ]),
  checkDefinition: checkOptions,
  valueSchema: (field): JsonSchema => ({
    type: 'string',
    enum: optionsOf(field).map((option) => option.value),
  }),
  normalize: (field, input) => normalizeSelect(field, input),
  toText: (field, value) => {
    if (value === null || value === undefined) return '';
    return optionsOf(field).find((option) => option.value === value)?.label.zh ?? value;
  },
  fromText: (field, text) => normalizeSelect(field, text),
  displayText: (field, value, { language }) => optionText(field, value, language),
  widget: (field) => ({
    widget: field.display === 'radio' ? 'radio' : 'dropdown',
    options: { options: optionsOf(field) },
  }),
});
