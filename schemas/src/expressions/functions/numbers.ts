/**
 * Spreadsheet rounding. JSONata's own `$round` rounds half to even ("banker's rounding"); dealers
 * expect Excel's ROUND, which rounds half away from zero, so `$round` is replaced here.
 */
import { clean, roundNumber } from '../decimal';
import { ExpressionError } from '../errors';
import type { LibraryFunction } from './types';

function digitsOf(digits: number | undefined): number {
  const d = digits ?? 0;
  if (!Number.isInteger(d))
    throw new ExpressionError('type', `The number of digits must be whole, not ${d}.`);
  return d;
}

/** Excel ROUND: half away from zero; `digits` may be negative (tens, hundreds...). */
function round(n?: number, digits?: number): number | undefined {
  return n === undefined ? undefined : roundNumber(n, digitsOf(digits), 'half-up');
}

/** Excel ROUNDUP: away from zero. */
function roundUp(n?: number, digits?: number): number | undefined {
  return n === undefined ? undefined : roundNumber(n, digitsOf(digits), 'up');
}

/** Excel ROUNDDOWN: toward zero. */
function roundDown(n?: number, digits?: number): number | undefined {
  return n === undefined ? undefined : roundNumber(n, digitsOf(digits), 'down');
}

/**
 * The smallest multiple of `step` that is ≥ n, e.g. order quantities in pack sizes:
 * `$ceilingTo(7, 4)` is 8, `$ceilingTo(1.1, 0.1)` is 1.1. A step of 0 gives 0, as in Excel.
 */
function ceilingTo(n?: number, step?: number): number | undefined {
  if (n === undefined || step === undefined) return undefined;
  if (step < 0)
    throw new ExpressionError('type', `The step of $ceilingTo must not be negative, got ${step}.`);
  if (step === 0) return 0;
  const multiples = Math.ceil(Number((n / step).toPrecision(12)));
  return clean(multiples * step) + 0;
}

export const numberFunctions: Record<string, LibraryFunction> = {
  round: { implementation: round, signature: '<n-n?:n>' },
  roundUp: { implementation: roundUp, signature: '<n-n?:n>' },
  roundDown: { implementation: roundDown, signature: '<n-n?:n>' },
  ceilingTo: { implementation: ceilingTo, signature: '<n-n:n>' },
};
