/**
 * The pure steps of computing a record's derived fields, shared by the server (engine/src/records/compute.ts,
 * the authority on save) and the form renderer (runtime-ui/src/form/live/compute.ts, which shows the same
 * totals while the user types). One copy, so the browser and the server cannot drift apart.
 */
import type { ArithmeticValue } from '../expressions/arithmetic';
import { referencedFields } from '../expressions/compile';
import type { FieldDef } from './contract';
import {
  addDecimals,
  compareDecimals,
  decimalFromNumber,
  divideDecimals,
  formatDecimal,
  parseDecimal,
  toDecimal,
} from './decimal';
import { fieldType, isFieldType } from './registry';

type Data = Record<string, unknown>;

/** A money field, or a computed field whose result is money. */
function isMoney(field: FieldDef): boolean {
  if (field.type === 'money') return true;
  return isFieldType(field.type) && fieldType(field.type).computed && field.resultType === 'money';
}

/**
 * What expressions see: money is stored as exact decimal text, but arithmetic needs numbers, so money
 * values (also inside table rows) are handed over as numbers, and empty fields are left out. A result
 * assigned back to a money field is rounded half-up to its scale by the money type.
 */
export function expressionInput(fields: FieldDef[], data: Data): Data {
  const input: Data = { ...data };
  for (const field of fields) {
    const value = data[field.id];
    // Empty is absent, as in a spreadsheet: `f_total - f_advance` with no total is empty, not an error.
    if (value === null || value === undefined) {
      delete input[field.id];
      continue;
    }
    if (isMoney(field) && typeof value === 'string') input[field.id] = Number(value);
    else if (field.type === 'subform' && Array.isArray(value)) {
      const columns = (field.fields ?? []) as FieldDef[];
      input[field.id] = value.map((row) => expressionInput(columns, row as Data));
    }
  }
  return input;
}

/**
 * The operands compiled arithmetic reads (`compileArithmetic`): numbers, and money as the exact
 * decimal it is stored as (all its digits, where `expressionInput` hands JSONata a float).
 */
export function arithmeticOperands(
  fields: FieldDef[] | undefined,
  data: Data,
): (id: string) => ArithmeticValue {
  const money = new Set((fields ?? []).filter(isMoney).map((f) => f.id));
  return (id) => {
    const value = Object.hasOwn(data, id) ? data[id] : undefined;
    if (value === null || value === undefined) return undefined;
    const decimal =
      typeof value === 'number'
        ? decimalFromNumber(value)
        : typeof value === 'string' && money.has(id)
          ? parseDecimal(value)
          : null;
    return decimal ?? { notANumber: true };
  };
}

/** Most significant digits a float (what JSONata computes with) holds exactly. */
export const EXACT_FLOAT_DIGITS = 15;

/**
 * The first money value an expression reads that a float cannot hold exactly (more than 15
 * significant digits, e.g. 99999999999999.99), or null. JSONata would compute with a nearby number
 * and store a wrong amount; such a formula is refused instead (plain arithmetic stays exact).
 */
export function inexactMoney(
  fields: FieldDef[],
  data: Data,
  reads: readonly string[],
): { id: string; value: string } | null {
  for (const field of fields) {
    if (!isMoney(field) || !reads.includes(field.id)) continue;
    const value = data[field.id];
    if (typeof value !== 'string') continue;
    const decimal = parseDecimal(value);
    if (!decimal) continue;
    const digits = (decimal.units < 0n ? -decimal.units : decimal.units).toString().replace(/0+$/, '');
    if (digits.length > EXACT_FLOAT_DIGITS) return { id: field.id, value };
  }
  return null;
}

/**
 * Formulas in an order where each comes after the formulas it reads. A formula whose expression does not
 * parse reads nothing here; evaluating it then fails and is reported on that field.
 */
export function formulaOrder(fields: FieldDef[]): FieldDef[] {
  const formulas = fields.filter((f) => f.type === 'formula' && typeof f.expression === 'string');
  const byId = new Map(formulas.map((f) => [f.id, f]));
  const ordered: FieldDef[] = [];
  const done = new Set<string>();
  const visit = (field: FieldDef, depth: number) => {
    if (done.has(field.id) || depth > formulas.length) return;
    for (const ref of readsOf(field)) {
      const dependency = byId.get(ref);
      if (dependency) visit(dependency, depth + 1);
    }
    if (!done.has(field.id)) {
      done.add(field.id);
      ordered.push(field);
    }
  };
  for (const f of formulas) visit(f, 0);
  return ordered;
}

function readsOf(formula: FieldDef): string[] {
  try {
    return referencedFields(String(formula.expression));
  } catch {
    return [];
  }
}

/** Aggregates exactly (count, sum, avg, min, max): decimals summed as decimals, dates compared as text. */
export function aggregate(kind: string, items: Data[], fieldId: string | undefined): unknown {
  if (kind === 'count')
    return fieldId ? items.filter((i) => i[fieldId] != null && i[fieldId] !== '').length : items.length;
  const values = items.map((i) => (fieldId ? i[fieldId] : undefined)).filter((v) => v != null && v !== '');
  if (!values.length) return null;
  const decimals = values.map(toDecimal);
  if (decimals.some((d) => d === null)) {
    // Not numbers: dates and datetimes (fixed-width ISO text sorts in time order).
    const texts = values.map(String).sort();
    return kind === 'min' ? texts[0] : kind === 'max' ? texts.at(-1) : null;
  }
  const numbers = decimals as NonNullable<ReturnType<typeof toDecimal>>[];
  if (kind === 'min' || kind === 'max') {
    const pick = numbers.reduce((a, b) => (compareDecimals(a, b) * (kind === 'min' ? 1 : -1) <= 0 ? a : b));
    return formatDecimal(pick);
  }
  const sum = numbers.reduce((a, b) => addDecimals(a, b));
  if (kind === 'sum') return formatDecimal(sum);
  return formatDecimal(divideDecimals(sum, toDecimal(numbers.length)!, 10)!);
}
