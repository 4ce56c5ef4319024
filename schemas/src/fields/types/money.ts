import type { Conversion, FieldDef, JsonSchema } from '../contract';
import {
  defineFieldType,
  fail,
  isBlank,
  label,
  numberProp,
  ok,
  stringProp,
  toHalfWidth,
} from '../conversion';
import {
  compareDecimals,
  type Decimal,
  formatDecimal,
  integerDigits,
  roundDecimal,
  toDecimal,
} from '../decimal';
import { definition, integerSchema } from '../schema-parts';

/** Fifteen integer digits: a trillion yuan is not a repair order; larger input is a paste mistake. */
export const MONEY_INTEGER_DIGITS = 15;

export function scaleOf(field: FieldDef): number {
  return Math.min(6, Math.max(0, Math.trunc(numberProp(field, 'scale', 2))));
}

export function currencyOf(field: FieldDef): string {
  return stringProp(field, 'currency') ?? 'CNY';
}

/** Symbols of the currencies dealers bill in; others are shown by their code. */
export const CURRENCY_SYMBOLS: Readonly<Record<string, string>> = {
  CNY: '¥',
  USD: '$',
  EUR: '€',
  HKD: 'HK$',
};

/** "-1234.50" → "-¥1,234.50", grouping the digits of the string itself so no decimal is lost. */
export function moneyText(value: unknown, currency = 'CNY'): string {
  const text = String(value);
  const match = /^(-?)(\d+)(\.\d+)?$/.exec(text);
  if (!match) return text;
  const [, sign, whole, fraction = ''] = match;
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${CURRENCY_SYMBOLS[currency] ?? `${currency} `}${grouped}${fraction}`;
}

const AMOUNT_MESSAGE = 'Enter an amount such as 1234.50.';

/** Drops what people type around amounts: ¥, 元, CNY, thousands separators, spaces. */
function cleanAmountText(text: string): string {
  return toHalfWidth(text)
    .replace(/[\s,，_]/g, '')
    .replace(/^([+-]?)(?:¥|￥|RMB|CNY|\$)/i, '$1')
    .replace(/(?:元|CNY|RMB)$/i, '');
}

function bound(field: FieldDef, name: string): Decimal | null {
  const value = field[name];
  return value === undefined || value === null ? null : toDecimal(value);
}

/**
 * How an amount with more decimals than the field's scale is taken: `refuse` for what people and
 * programs enter (19.995 in a field of cents is a mistake, not 20.00), `round` (half away from zero)
 * for what Forecourt computes (formulas, rollups), where the rounding is the field's documented rule.
 */
export type ExtraDecimals = 'refuse' | 'round';

/** Decimals of a value once trailing zeros are dropped ("19.9900" has 2). */
function decimalsOf(value: Decimal): number {
  let { units, scale } = value;
  while (scale > 0 && units % 10n === 0n) {
    units /= 10n;
    scale--;
  }
  return scale;
}

/** A number as entered: float noise beyond 15 significant digits (0.1 + 0.2) is not what anyone typed. */
function amountFromNumber(input: number, scale: number): Decimal | null {
  const exact = toDecimal(input);
  if (!exact || decimalsOf(exact) <= scale) return exact;
  const typed = toDecimal(Number(input.toPrecision(15)));
  return typed && decimalsOf(typed) <= scale ? typed : exact;
}

/** Number or text → exact decimal text with `scale` decimals; see `ExtraDecimals` for more decimals. */
export function normalizeMoney(
  field: FieldDef,
  input: unknown,
  extra: ExtraDecimals = 'refuse',
): Conversion<string> {
  if (isBlank(input)) return ok(null);
  const scale = scaleOf(field);
  const decimal =
    typeof input === 'string'
      ? toDecimal(cleanAmountText(input))
      : typeof input === 'number'
        ? extra === 'refuse'
          ? amountFromNumber(input, scale)
          : toDecimal(input)
        : null;
  if (!decimal) return fail(AMOUNT_MESSAGE);
  if (extra === 'refuse' && decimalsOf(decimal) > scale) {
    return fail(
      scale === 0
        ? `This amount allows no decimals; ${formatDecimal(decimal)} has ${decimalsOf(decimal)}. Enter a whole amount.`
        : `This amount allows at most ${scale} decimals; ${formatDecimal(decimal)} has ${decimalsOf(decimal)}. Round it yourself, e.g. to ${formatDecimal(roundDecimal(decimal, scale))}.`,
    );
  }
  const rounded = roundDecimal(decimal, scale);
  if (integerDigits(rounded) > MONEY_INTEGER_DIGITS) return fail('This amount is too large.');
  const min = bound(field, 'min');
  const max = bound(field, 'max');
  if (min && compareDecimals(rounded, min) < 0)
    return fail(`The amount must be at least ${formatDecimal(min)}.`);
  if (max && compareDecimals(rounded, max) > 0)
    return fail(`The amount must be at most ${formatDecimal(max)}.`);
  return ok(formatDecimal(rounded));
}

/** Stored amounts: "-1234.50", "0.00"; one pattern per scale so the schema pins the number of decimals. */
export function moneyPattern(scale: number, allowNegative = true): string {
  const fraction = scale > 0 ? `\\.[0-9]{${scale}}` : '';
  return `^${allowNegative ? '-?' : ''}(0|[1-9][0-9]{0,${MONEY_INTEGER_DIGITS - 1}})${fraction}$`;
}

const decimalBound: JsonSchema = {
  type: ['number', 'string'],
  pattern: '^-?[0-9]{1,15}(\\.[0-9]{1,6})?$',
};

export const moneyType = defineFieldType<string>({
  type: 'money',
  group: 'basic',
  label: label('金额', 'Amount'),
  storesValue: true,
  computed: false,
  compareAs: 'number',
  // Amounts are summed, not grouped: a group per amount says nothing.
  groupBy: [],
  aggregates: ['count', 'countDistinct', 'sum', 'avg', 'min', 'max'],
  publicFill: true,
  bulkSet: 'number',
  definitionSchema: definition({
    scale: integerSchema(0, 6),
    currency: { type: 'string', pattern: '^[A-Z]{3}$' },
    min: decimalBound,
    max: decimalBound,
  }),
  checkDefinition(field) {
    const min = bound(field, 'min');
    const max = bound(field, 'max');
    return min && max && compareDecimals(min, max) > 0 ? ['The minimum is larger than the maximum.'] : [];
  },
  valueSchema(field): JsonSchema {
    const min = bound(field, 'min');
    return { type: 'string', pattern: moneyPattern(scaleOf(field), !min || min.units < 0n) };
  },
  normalize: (field, input) => normalizeMoney(field, input),
  toText: (_field, value) => value ?? '',
  fromText: (field, text) => normalizeMoney(field, text),
  displayText: (field, value) => moneyText(value, currencyOf(field)),
  widget: (field) => ({ widget: 'money', options: { scale: scaleOf(field), currency: currencyOf(field) } }),
});
