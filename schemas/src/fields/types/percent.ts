import type { Conversion, FieldDef, JsonSchema } from '../contract';
import {
  defineFieldType,
  fail,
  isBlank,
  label,
  numberProp,
  ok,
  optionalNumberProp,
  toHalfWidth,
} from '../conversion';
import { decimalFromNumber, formatDecimal, parseDecimal, roundNumber } from '../decimal';
import { definition, integerSchema } from '../schema-parts';

/** Stored as a fraction (0.15 is 15%) so formulas multiply with it directly. */
export function percentPrecision(field: FieldDef): number {
  return Math.min(8, Math.max(0, Math.trunc(numberProp(field, 'precision', 2))));
}

const MESSAGE = 'Enter a percentage such as 15%.';

/** "15%" is 0.15; a bare number is already a fraction, as spreadsheets export percent cells. */
function parsePercentText(text: string): number | null {
  const cleaned = toHalfWidth(text).replace(/[\s,]/g, '');
  const percent = cleaned.endsWith('%');
  const decimal = parseDecimal(percent ? cleaned.slice(0, -1) : cleaned);
  if (!decimal) return null;
  // Moving the point two places in the decimal keeps 15.25% exactly 0.1525.
  return Number(formatDecimal(percent ? { units: decimal.units, scale: decimal.scale + 2 } : decimal));
}

export function normalizePercent(field: FieldDef, input: unknown): Conversion<number> {
  if (isBlank(input)) return ok(null);
  const raw =
    typeof input === 'number'
      ? Number.isFinite(input)
        ? input
        : null
      : typeof input === 'string'
        ? parsePercentText(input)
        : null;
  if (raw === null) return fail(MESSAGE);
  if (Math.abs(raw) > 1e9) return fail('This percentage is too large.');
  const value = roundNumber(raw, percentPrecision(field) + 2);
  const min = optionalNumberProp(field, 'min');
  const max = optionalNumberProp(field, 'max');
  if (min !== undefined && value < min) return fail(`Enter at least ${percentText(min)}.`);
  if (max !== undefined && value > max) return fail(`Enter at most ${percentText(max)}.`);
  return ok(value);
}

/** 0.1525 → "15.25%", without float multiplication. */
export function percentText(value: number): string {
  const decimal = decimalFromNumber(value);
  if (!decimal) return '';
  const shifted =
    decimal.scale >= 2
      ? { units: decimal.units, scale: decimal.scale - 2 }
      : { units: decimal.units * 10n ** BigInt(2 - decimal.scale), scale: 0 };
  const text = formatDecimal(shifted);
  return `${text.includes('.') ? text.replace(/\.?0+$/, '') : text}%`;
}

export const percentType = defineFieldType<number>({
  type: 'percent',
  group: 'basic',
  label: label('百分比', 'Percent'),
  storesValue: true,
  computed: false,
  compareAs: 'number',
  // A sum of percentages means nothing; their average does.
  groupBy: [],
  aggregates: ['count', 'countDistinct', 'avg', 'min', 'max'],
  publicFill: true,
  bulkSet: 'number',
  definitionSchema: definition({
    /** Decimals of the percentage: 2 shows 15.25%. */
    precision: integerSchema(0, 8),
    /** Bounds as fractions: 1 is 100%. */
    min: { type: 'number' },
    max: { type: 'number' },
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
      type: 'number',
      minimum: optionalNumberProp(field, 'min') ?? -1e9,
      maximum: optionalNumberProp(field, 'max') ?? 1e9,
    };
  },
  normalize: (field, input) => normalizePercent(field, input),
  toText: (_field, value) => (value === null || value === undefined ? '' : percentText(value)),
  fromText: (field, text) => normalizePercent(field, text),
  displayText: (_field, value) =>
    typeof value === 'number' ? percentText(value) || String(value) : String(value),
  widget: (field) => ({ widget: 'percent', options: { precision: percentPrecision(field) } }),
});
