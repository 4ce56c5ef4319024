import { FILTER_RULES, filterKind, type Operator } from '@forecourt/schemas';
import type { FieldDef } from '../../api/types';

/**
 * The filter builder's side of the query language: the operators of each kind of field come from
 * `@forecourt/schemas` (`FILTER_RULES`, the rules the server checks a query by; docs/api.md
 * "Queries"); what is here is the value widget each operator needs. The server checks again: this
 * only keeps the builder from offering what it would refuse.
 */
/** What a condition's value is entered with. */
export type ValueWidget =
  | 'none'
  | 'text'
  | 'number'
  | 'numberRange'
  | 'date'
  | 'dateRange'
  /** A date and a time of day (bulk-setting a date-time field). */
  | 'datetime'
  | 'days'
  | 'option'
  | 'options'
  | 'boolean';

/** The operators the builder offers on a field, in its order. */
export function operatorsOf(field: FieldDef): readonly Operator[] {
  return FILTER_RULES[filterKind(field)].offered;
}

/** Operators about the reader, or emptiness: no value to enter. */
const NO_VALUE = new Set<Operator>(['empty', 'notEmpty', 'isMe', 'inMyDepartment', 'inMySubtree']);

export function widgetOf(field: FieldDef, op: Operator): ValueWidget {
  if (NO_VALUE.has(op)) return 'none';
  if (op === 'lastDays' || op === 'nextDays') return 'days';
  const kind = filterKind(field);
  const options = Array.isArray(field.options) && field.options.length > 0;
  if (kind === 'boolean') return 'boolean';
  if (kind === 'number') return op === 'between' ? 'numberRange' : 'number';
  if (kind === 'date' || kind === 'datetime') return op === 'between' ? 'dateRange' : 'date';
  if (kind === 'list') return options ? (op === 'in' ? 'options' : 'option') : 'text';
  if (kind === 'choice' && options) return op === 'in' || op === 'notIn' ? 'options' : 'option';
  return 'text';
}

/** Whether a condition has the value its operator needs (incomplete rows are left out of the query). */
export function isComplete(field: FieldDef, op: Operator, value: unknown): boolean {
  const widget = widgetOf(field, op);
  if (widget === 'none') return true;
  if (widget === 'numberRange' || widget === 'dateRange')
    return (
      Array.isArray(value) &&
      value.length === 2 &&
      value.every((v) => v !== null && v !== undefined && v !== '')
    );
  if (widget === 'options') return Array.isArray(value) && value.length > 0;
  return value !== undefined && value !== null && value !== '';
}
