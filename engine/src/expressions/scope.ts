/**
 * Computing the formulas of one scope (the record, or one table row) in dependency order. Pure (no
 * database, no Node APIs), so the request thread runs it for simple arithmetic and the expression
 * workers run the very same code for everything else.
 */
import {
  arithmeticOperands,
  compileArithmetic,
  compileExpression,
  EXACT_FLOAT_DIGITS,
  ExpressionError,
  type FieldDef,
  fieldType,
  formulaOrder,
  inexactMoney,
  numberProp,
} from '@forecourt/schemas';
import type { ErrorDetail } from '../errors';

type Data = Record<string, unknown>;

/** Evaluates an expression over the scope's data (the evaluator prepares the input it needs). */
export type ScopeEvaluator = (source: string, data: Data, fields: FieldDef[]) => Promise<unknown>;

/**
 * The value of simple arithmetic, computed inline on exact decimals; `{ simple: false }` when the
 * expression needs JSONata (or its operands do: text, lists, a division by zero).
 */
export function inlineArithmetic(
  source: string,
  data: Data,
  fields: FieldDef[] | undefined,
): { simple: true; value: unknown } | { simple: false } {
  const compiled = compileArithmetic(source);
  if (!compiled) return { simple: false };
  const result = compiled.evaluate(arithmeticOperands(fields, data));
  return result.simple ? { simple: true, value: result.value ?? null } : result;
}

/**
 * Refuses to hand JSONata (which computes with floats) a money value it cannot hold exactly.
 * Plain arithmetic never gets here: it is computed inline on exact decimals.
 */
export function refuseInexactMoney(source: string, data: Data, fields: FieldDef[] | undefined): void {
  if (!fields) return;
  const found = inexactMoney(fields, data, compileExpression(source).fields);
  if (found) {
    throw new ExpressionError(
      'type',
      `${found.id} is ${found.value}, more than the ${EXACT_FLOAT_DIGITS} significant digits this formula can compute exactly; only plain arithmetic (+ - * /) on such amounts is exact.`,
    );
  }
}

/** A computed money amount too large for a float to hold to its last decimal, or null when fine. */
function inexactMoneyResult(field: FieldDef, raw: unknown): string | null {
  if (field.resultType !== 'money' || typeof raw !== 'number') return null;
  const scale = numberProp(field, 'precision', 2);
  return Math.abs(raw) >= 10 ** (EXACT_FLOAT_DIGITS - scale)
    ? `the result ${raw} has more than ${EXACT_FLOAT_DIGITS} significant digits and cannot be computed exactly.`
    : null;
}

/** Whether every formula of these fields is simple arithmetic (then no worker is needed). */
export function allArithmetic(fields: FieldDef[]): boolean {
  return fields.every(
    (f) =>
      f.type !== 'formula' || typeof f.expression !== 'string' || compileArithmetic(f.expression) !== null,
  );
}

export async function computeScope(
  fields: FieldDef[],
  data: Data,
  context: { now: Date; timeZone: string },
  pathPrefix: string,
  evaluate: ScopeEvaluator,
): Promise<{ values: Data; issues: ErrorDetail[] }> {
  const values: Data = {};
  const issues: ErrorDetail[] = [];
  for (const field of formulaOrder(fields)) {
    const path = `${pathPrefix}/${field.id}`;
    try {
      const raw = await evaluate(String(field.expression), data, fields);
      const inexact = inexactMoneyResult(field, raw);
      if (inexact) {
        issues.push({ path, message: `Could not compute ${label(field)}: ${inexact}` });
        continue;
      }
      const converted = fieldType(field.type).normalize(field, raw === undefined ? null : raw, context);
      if (converted.ok) {
        data[field.id] = converted.value;
        values[field.id] = converted.value;
      } else issues.push({ path, message: `Could not compute ${label(field)}: ${converted.message}` });
    } catch (error) {
      issues.push({ path, message: `Could not compute ${label(field)}: ${errorMessage(error)}` });
    }
  }
  return { values, issues };
}

function label(field: FieldDef): string {
  return field.label.zh || field.label.en || field.id;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
