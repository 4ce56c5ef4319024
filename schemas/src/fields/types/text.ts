import type { Conversion, FieldDef, FieldType, JsonSchema } from '../contract';
import { defineFieldType, fail, isBlank, label, numberProp, ok, textLength } from '../conversion';
import { numberToPlainText } from '../decimal';
import { definition, integerSchema, labelSchema } from '../schema-parts';
import type { FieldTypeName } from '../type-names';

export interface TextOptions {
  multiline: boolean;
  defaultMaxLength: number;
  /** Largest maxLength a designer may choose. */
  maxMaxLength: number;
}

// Control characters break CSV export and terminals; line breaks only belong in multi-line text.
const SINGLE_LINE_SAFE = '^[^\\u0000-\\u001f\\u007f]*$';
const MULTI_LINE_SAFE = '^[^\\u0000-\\u0008\\u000b-\\u001f\\u007f]*$';

// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const CONTROL_EXCEPT_LINE_BREAKS = /[\u0000-\u0008\u000b-\u001f\u007f]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/g;

/** Trims, folds line breaks (single line) or normalises them to \n, and checks the length limits. */
export function normalizeString(field: FieldDef, input: unknown, options: TextOptions): Conversion<string> {
  if (isBlank(input)) return ok(null);
  let text: string;
  if (typeof input === 'string') text = input;
  else if (typeof input === 'number' && Number.isFinite(input)) text = numberToPlainText(input);
  else return fail('Enter text.');
  text = options.multiline
    ? text.replace(/\r\n?/g, '\n').replace(CONTROL_EXCEPT_LINE_BREAKS, '')
    : text.replace(/[ \t]*[\r\n]+[ \t]*|\t/g, ' ').replace(CONTROL, '');
  text = text.trim();
  if (text === '') return ok(null);
  const max = numberProp(field, 'maxLength', options.defaultMaxLength);
  const min = numberProp(field, 'minLength', 0);
  const length = textLength(text);
  if (length > max) return fail(`Use at most ${max} characters (this has ${length}).`);
  if (length < min) return fail(`Use at least ${min} characters.`);
  return ok(text);
}

export function stringFieldType(
  type: FieldTypeName,
  typeLabel: { zh: string; en: string },
  options: TextOptions,
): FieldType<string> {
  return defineFieldType<string>({
    type,
    group: 'basic',
    label: typeLabel,
    storesValue: true,
    computed: false,
    compareAs: 'text',
    // A short text groups (one group per name, per model); a long one is prose.
    groupBy: options.multiline ? [] : ['value'],
    aggregates: options.multiline ? ['count'] : ['count', 'countDistinct'],
    publicFill: true,
    // A one-line text names a record; a long text is too long for a title.
    canTitle: !options.multiline,
    searchable: true,
    bulkSet: 'text',
    definitionSchema: definition({
      maxLength: integerSchema(1, options.maxMaxLength),
      minLength: integerSchema(0, options.maxMaxLength),
      placeholder: labelSchema,
    }),
    checkDefinition(field) {
      const max = numberProp(field, 'maxLength', options.defaultMaxLength);
      return numberProp(field, 'minLength', 0) > max
        ? ['The minimum length is larger than the maximum.']
        : [];
    },
    valueSchema(field): JsonSchema {
      return {
        type: 'string',
        minLength: Math.max(1, numberProp(field, 'minLength', 0)),
        maxLength: numberProp(field, 'maxLength', options.defaultMaxLength),
        pattern: options.multiline ? MULTI_LINE_SAFE : SINGLE_LINE_SAFE,
      };
    },
    normalize: (field, input) => normalizeString(field, input, options),
    toText: (_field, value) => value ?? '',
    fromText: (field, text) => normalizeString(field, text, options),
    widget: (field) => ({
      widget: options.multiline ? 'textarea' : 'input',
      options: {
        maxLength: numberProp(field, 'maxLength', options.defaultMaxLength),
        placeholder: field.placeholder,
      },
    }),
  });
}

export const textType = stringFieldType('text', label('单行文本', 'Text'), {
  multiline: false,
  defaultMaxLength: 200,
  maxMaxLength: 2000,
});
