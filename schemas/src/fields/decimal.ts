/**
 * Exact decimals for money: a BigInt count of units and a scale (units / 10^scale). Floats cannot hold
 * 0.1 exactly, and a repair order that is off by a fen fails reconciliation.
 */
export interface Decimal {
  units: bigint;
  scale: number;
}

/** Longer input is garbage, not money; the cap also keeps BigInt work small. */
const MAX_TEXT_LENGTH = 60;
const DECIMAL_TEXT = /^([+-]?)(\d*)(?:\.(\d*))?$/;

/** Reads plain decimal text ("-1234.50", ".5", "7."); exponents, NaN and Infinity are refused. */
export function parseDecimal(text: string): Decimal | null {
  if (text.length > MAX_TEXT_LENGTH) return null;
  const match = DECIMAL_TEXT.exec(text);
  if (!match) return null;
  const [, sign = '', whole = '', fraction = ''] = match;
  if (whole === '' && fraction === '') return null;
  const units = BigInt(`${whole || '0'}${fraction}`);
  return { units: sign === '-' ? -units : units, scale: fraction.length };
}

/** A JS number as the decimal it prints as: 2.345 is "2.345", not 2.34499999…; NaN/Infinity are null. */
export function decimalFromNumber(value: number): Decimal | null {
  if (!Number.isFinite(value)) return null;
  const [mantissa = '0', exponentText] = String(value).split('e');
  const parsed = parseDecimal(mantissa);
  if (!parsed) return null;
  const exponent = exponentText === undefined ? 0 : Number(exponentText);
  if (exponent >= 0) return { units: parsed.units * 10n ** BigInt(exponent), scale: parsed.scale };
  return { units: parsed.units, scale: parsed.scale - exponent };
}

function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

/** Rounds half away from zero ("half-up" as cashiers mean it): 2.345 → 2.35, -2.345 → -2.35. */
export function roundDecimal(value: Decimal, scale: number): Decimal {
  if (value.scale <= scale) return { units: value.units * pow10(scale - value.scale), scale };
  const divisor = pow10(value.scale - scale);
  let quotient = value.units / divisor;
  const remainder = value.units % divisor;
  const twice = (remainder < 0n ? -remainder : remainder) * 2n;
  if (twice >= divisor) quotient += value.units < 0n ? -1n : 1n;
  return { units: quotient, scale };
}

/** Plain text with exactly `value.scale` decimals; negative zero prints as zero. */
export function formatDecimal(value: Decimal): string {
  const negative = value.units < 0n;
  const digits = (negative ? -value.units : value.units).toString().padStart(value.scale + 1, '0');
  const whole = digits.slice(0, digits.length - value.scale);
  const fraction = digits.slice(digits.length - value.scale);
  return `${negative ? '-' : ''}${whole}${value.scale > 0 ? `.${fraction}` : ''}`;
}

function align(a: Decimal, b: Decimal): [bigint, bigint, number] {
  const scale = Math.max(a.scale, b.scale);
  return [a.units * pow10(scale - a.scale), b.units * pow10(scale - b.scale), scale];
}

export function compareDecimals(a: Decimal, b: Decimal): -1 | 0 | 1 {
  const [x, y] = align(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function addDecimals(a: Decimal, b: Decimal): Decimal {
  const [x, y, scale] = align(a, b);
  return { units: x + y, scale };
}

export function subtractDecimals(a: Decimal, b: Decimal): Decimal {
  const [x, y, scale] = align(a, b);
  return { units: x - y, scale };
}

export function multiplyDecimals(a: Decimal, b: Decimal): Decimal {
  return { units: a.units * b.units, scale: a.scale + b.scale };
}

/** a / b rounded half-up to `scale` decimals (averages, unit prices); null when b is zero. */
export function divideDecimals(a: Decimal, b: Decimal, scale: number): Decimal | null {
  if (b.units === 0n) return null;
  // Two guard digits are enough to round the exact quotient correctly.
  const extra = scale + 2;
  const numerator = a.units * pow10(b.scale + extra);
  const denominator = b.units * pow10(a.scale);
  return roundDecimal({ units: numerator / denominator, scale: extra }, scale);
}

/** Digits before the point, for "too large" checks. */
export function integerDigits(value: Decimal): number {
  const units = value.units < 0n ? -value.units : value.units;
  const whole = units / pow10(value.scale);
  return whole === 0n ? 1 : whole.toString().length;
}

/** Text or number → decimal, or null for anything that is not a plain finite decimal. */
export function toDecimal(input: unknown): Decimal | null {
  if (typeof input === 'number') return decimalFromNumber(input);
  if (typeof input === 'bigint') return { units: input, scale: 0 };
  if (typeof input === 'string') return parseDecimal(input.trim());
  return null;
}

/** Number rounded half-up through its decimal text, so 1.005 → 1.01 (Math.round would give 1). */
export function roundNumber(value: number, precision: number): number {
  const decimal = decimalFromNumber(value);
  if (!decimal) return value;
  const rounded = Number(formatDecimal(roundDecimal(decimal, precision)));
  return Object.is(rounded, -0) ? 0 : rounded;
}

/** A number as plain text, never with an exponent (1e-7 → "0.0000001"). */
export function numberToPlainText(value: number): string {
  const decimal = decimalFromNumber(value);
  if (!decimal) return String(value);
  // Trim the zeros that exponent expansion can leave, keeping the number's own shortest form.
  const text = formatDecimal(decimal);
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}
