import { fieldTypes, valueTypeOf } from '@forecourt/schemas';
import type { FieldDef } from '../../api/types';

/**
 * The filter operators of each kind of field, as the server's query compiler allows them
 * (engine/src/query/field-sql.ts; docs/api.md "Queries"), and the value widget each operator needs.
 * The server checks again: this only keeps the builder from offering what it would refuse.
 */
export type Operator =
  | 'eq'
  | 'ne'
  | 'in'
  | 'notIn'
  | 'contains'
  | 'notContains'
  | 'startsWith'
  | 'gt'
  | 'gte'
  | 'lt'
  | 'lte'
  | 'between'
  | 'empty'
  | 'notEmpty'
  | 'before'
  | 'after'
  | 'lastDays'
  | 'nextDays'
  | 'isMe'
  | 'inMyDepartment'
  | 'inMySubtree';

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

/** How a field compares, which decides its operators and widgets. */
export type FilterKind =
  | 'text'
  | 'number'
  | 'date'
  | 'datetime'
  | 'choice'
  | 'boolean'
  | 'list'
  | 'people'
  | 'presence';

const TEXT: Operator[] = ['contains', 'eq', 'ne', 'startsWith', 'notContains', 'empty', 'notEmpty'];
const NUMBER: Operator[] = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'between', 'empty', 'notEmpty'];
const DATE: Operator[] = ['eq', 'before', 'after', 'between', 'lastDays', 'nextDays', 'empty', 'notEmpty'];
const DATETIME: Operator[] = ['before', 'after', 'between', 'lastDays', 'nextDays', 'empty', 'notEmpty'];
const CHOICE: Operator[] = ['eq', 'ne', 'in', 'notIn', 'empty', 'notEmpty'];
const BOOLEAN: Operator[] = ['eq', 'empty', 'notEmpty'];
const LIST: Operator[] = ['contains', 'notContains', 'in', 'empty', 'notEmpty'];
const PEOPLE: Operator[] = ['isMe', 'inMyDepartment', 'inMySubtree', 'eq', 'ne', 'empty', 'notEmpty'];
const PRESENCE: Operator[] = ['empty', 'notEmpty'];

const OPERATORS: Record<FilterKind, Operator[]> = {
  text: TEXT,
  number: NUMBER,
  date: DATE,
  datetime: DATETIME,
  choice: CHOICE,
  boolean: BOOLEAN,
  list: LIST,
  people: PEOPLE,
  presence: PRESENCE,
};

/** Formulas, lookups and rollups compare like the type of their result. */
export const valueType = valueTypeOf;

/** The filter a field offers, from its (result) type's `compareAs`, as the server compares it. */
export function filterKind(field: FieldDef): FilterKind {
  const compareAs = fieldTypes.get(valueType(field))?.compareAs ?? 'text';
  switch (compareAs) {
    case 'table':
    case 'json':
      return 'presence';
    case 'boolean':
    case 'number':
    case 'date':
    case 'datetime':
      return compareAs;
    case 'member':
    case 'department':
      return field.multiple ? 'presence' : 'people';
    case 'array':
      return 'list';
    case 'link':
      return field.multiple ? 'presence' : 'choice';
    case 'choice':
      return 'choice';
    default:
      return 'text';
  }
}

export function operatorsOf(field: FieldDef): Operator[] {
  return OPERATORS[filterKind(field)];
}

export function widgetOf(field: FieldDef, op: Operator): ValueWidget {
  if (['empty', 'notEmpty', 'isMe', 'inMyDepartment', 'inMySubtree'].includes(op)) return 'none';
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
