import type { Conversion, JsonSchema } from '../contract';
import { defineFieldType, fail, isBlank, label, ok, toHalfWidth } from '../conversion';
import { definition, enumSchema } from '../schema-parts';

const TRUE_WORDS = new Set(['true', 'yes', 'y', '1', '是', '对', '有', '√', '✓', 'on']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0', '否', '不', '无', '×', '✗', 'off']);

/** Spreadsheets and clerks write yes/no many ways; anything else is refused rather than guessed. */
export function normalizeBoolean(input: unknown): Conversion<boolean> {
  if (isBlank(input)) return ok(null);
  if (typeof input === 'boolean') return ok(input);
  if (input === 1 || input === 0) return ok(input === 1);
  if (typeof input === 'string') {
    const word = toHalfWidth(input).trim().toLowerCase();
    if (TRUE_WORDS.has(word)) return ok(true);
    if (FALSE_WORDS.has(word)) return ok(false);
  }
  return fail('Answer yes or no.');
}

export const booleanType = defineFieldType<boolean>({
  type: 'boolean',
  group: 'basic',
  label: label('是/否', 'Yes / no'),
  storesValue: true,
  computed: false,
  compareAs: 'boolean',
  groupBy: ['value'],
  aggregates: ['count'],
  publicFill: true,
  bulkSet: 'boolean',
  chosen: true,
  definitionSchema: definition({ display: enumSchema(['switch', 'checkbox']) }),
  valueSchema: (): JsonSchema => ({ type: 'boolean' }),
  normalize: (_field, input) => normalizeBoolean(input),
  toText: (_field, value) => (value === true ? '是' : value === false ? '否' : ''),
  fromText: (_field, text) => normalizeBoolean(text),
  displayText: (_field, value, { word }) => word(value === true ? 'yes' : 'no'),
  widget: (field) => ({ widget: field.display === 'checkbox' ? 'checkbox' : 'switch' }),
});
