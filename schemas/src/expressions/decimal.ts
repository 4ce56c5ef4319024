/**
 * Exact decimal rounding of binary floating-point numbers, the way a spreadsheet does it: the
 * number is first read as its 15-significant-digit decimal representation (so 0.1 + 0.2 is 0.3 and
 * 1.005 is 1.005), then rounded on those decimal digits with BigInt arithmetic.
 */
import { ExpressionError } from './errors';

export type RoundingMode = 'half-up' | 'up' | 'down';

interface Scaled {
  negative: boolean;
  /** value = coefficient × 10^exponent */
  coefficient: bigint;
  exponent: number;
}

function toScaled(n: number): Scaled {
  if (!Number.isFinite(n)) throw new ExpressionError('type', `Cannot round ${n}: it is not a finite number.`);
  const text = Math.abs(n).toPrecision(15);
  const m = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(text);
  if (!m) throw new ExpressionError('runtime', `Cannot read the number ${n}.`);
  const fraction = m[2] ?? '';
  return {
    negative: n < 0,
    coefficient: BigInt(`${m[1]}${fraction}`),
    exponent: Number(m[3] ?? 0) - fraction.length,
  };
}

const pow10 = (k: number): bigint => 10n ** BigInt(k);

/** Rounds `n` to `scale` decimals (negative scale: tens, hundreds...), as a plain decimal string. */
export function roundToString(n: number, scale: number, mode: RoundingMode = 'half-up'): string {
  if (!Number.isInteger(scale) || Math.abs(scale) > 100) {
    throw new ExpressionError('type', `The number of digits must be a whole number, not ${scale}.`);
  }
  const { negative, coefficient, exponent } = toScaled(n);
  // q is the result in units of 10^-scale.
  let q: bigint;
  if (exponent >= -scale) {
    q = coefficient * pow10(exponent + scale);
  } else {
    const divisor = pow10(-scale - exponent);
    q = coefficient / divisor;
    const rest = coefficient % divisor;
    if ((mode === 'half-up' && rest * 2n >= divisor) || (mode === 'up' && rest > 0n)) q += 1n;
  }
  return format(negative && q !== 0n, q, scale);
}

function format(negative: boolean, q: bigint, scale: number): string {
  let digits = q.toString();
  if (scale <= 0) {
    if (q !== 0n) digits += '0'.repeat(-scale);
    return `${negative ? '-' : ''}${digits}`;
  }
  digits = digits.padStart(scale + 1, '0');
  const int = digits.slice(0, digits.length - scale);
  const frac = digits.slice(digits.length - scale);
  return `${negative ? '-' : ''}${int}.${frac}`;
}

/** Rounds `n` to `digits` decimals and returns a number. */
export function roundNumber(n: number, digits: number, mode: RoundingMode = 'half-up'): number {
  return Number(roundToString(n, digits, mode));
}

/** A number with float noise removed (15 significant digits), e.g. 0.1 + 0.2 → 0.3. */
export function clean(n: number): number {
  return Number.isFinite(n) ? Number(n.toPrecision(15)) : n;
}

/**
 * The decimal string to store in a money (or other fixed-scale) field: rounded half-up (away from
 * zero) on the decimal representation, always with `scale` decimals. `toMoney(1.005)` is "1.01",
 * `toMoney(0.1 + 0.2)` is "0.30".
 */
export function toMoney(n: number, scale = 2): string {
  if (typeof n !== 'number')
    throw new ExpressionError('type', `A money amount must be a number, not ${typeof n}.`);
  if (!Number.isInteger(scale) || scale < 0 || scale > 20) {
    throw new ExpressionError('type', `A money scale must be a whole number from 0 to 20, not ${scale}.`);
  }
  return roundToString(n, scale, 'half-up');
}
