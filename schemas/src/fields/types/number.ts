import type { Conversion, FieldDef, JsonSchema } from '../contract';
import {
  defineFieldType,
  fail,
  isBlank,
  label,
  numberProp,
  ok,
  optionalNumberProp,
  stringProp,
  toHalfWidth,
} from '../conversion';
import { numberToPlainText, parseDecimal, roundNumber } from '../decimal';
import { booleanSchema, definition, integerSchema } from '../schema-parts';

/** Beyond this a double no longer holds every cent; larger quantities are typing mistakes anyway. */
export const MAX_ABS_NUMBER = 1e15;

/** Reads "1,234.5", "１２３", " -7 " as numbers; exponents and words are refused. */
export function parseNumberText(text: string): number | null {
  const cleaned = toHalfWidth(text).replace(/[\s,，]/g, '');
  const decimal = parseDecimal(cleaned);
  return decimal ? Number(cleaned) : null;
}

function inputNumber(input: unknown): number | null {
  if (typeof input === 'number') return Number.isFinite(input) ? input : null;
  if (typeof input === 'string') return parseNumberText(input);
  return null;
}

export function precisionOf(field: FieldDef): number {
  return Math.min(10, Math.max(0, Math.trunc(numberProp(field, 'precision', 2))));
}

export function normalizeNumber(field: FieldDef, input: unknown): Conversion<number> {
  if (isBlank(input)) return ok(null);
  const raw = inputNumber(input);
  if (raw === null) return fail('Enter a number.');
  if (Math.abs(raw) >= MAX_ABS_NUMBER) return fail('This number is too large.');
  const value = roundNumber(raw, precisionOf(field));
  const min = optionalNumberProp(field, 'min');
  const max = optionalNumberProp(field, 'max');
  if (min !== undefined && value < min) return fail(`Enter a number of at least ${numberToPlainText(min)}.`);
  if (max !== undefined && value > max) return fail(`Enter a number of at most ${numberToPlainText(max)}.`);
  return ok(value);
}

export const numberType = defineFieldType<number>({
  type: 'number',
  group: 'basic',
  label: label('数字', 'Number'),
  storesValue: true,
  computed: false,
  compareAs: 'number',
  groupBy: ['value'],
  aggregates: ['count', 'countDistinct', 'sum', 'avg', 'min', 'max'],
  publicFill: true,
  bulkSet: 'number',
  definitionSchema: definition({
    precision: integerSchema(0, 10),
    min: { type: 'number' },
    max: { type: 'number' },
    /** Shown after the number, e.g. km for the odometer. */
    unit: { type: 'string', maxLength: 20 },
    thousandsSeparator: booleanSchema,
  }),
  checkDefinition(field) {
    const min = optionalNumberProp(field, 'min');
    const max = optionalNumberProp(field, 'max');
    return min !== undefined && max !== undefined && min > max
      ? ['The minimum is larger than the maximum.']
      : [];
  },
  valueSchema(field): JsonSchema {
    return {
      type: precisionOf(field) === 0 ? 'integer' : 'number',
      minimum: optionalNumberProp(field, 'min') ?? -MAX_ABS_NUMBER,
      maximum: optionalNumberProp(field, 'max') ?? MAX_ABS_NUMBER,
    };
  },
  normalize: (field, input) => normalizeNumber(field, input),
  toText: (_field, value) => (value === null || value === undefined ? '' : numberToPlainText(value)),
  fromText: (field, text) => normalizeNumber(field, text),
  widget: (field) => ({
    widget: 'number',
    options: {
      precision: precisionOf(field),
      min: field.min,
      max: field.max,
      unit: stringProp(field, 'unit'),
      thousandsSeparator: field.thousandsSeparator === true,
    },
  }),
});
