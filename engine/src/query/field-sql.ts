import { type FieldDef, fieldType, isFieldType, valueTypeOf } from '@forecourt/schemas';
import { type RawBuilder, sql } from 'kysely';
import type { Operator, SystemColumn } from './types';

/**
 * How a value is compared in SQL. Every filter, sort and index of a field comes from this one
 * mapping, so a query always matches its index (architecture: "one function makes every field's SQL").
 * - text: `data->>'f'`, also dates and datetimes (fixed-width ISO text sorts in time order).
 * - numeric: `(data->>'f')::numeric` (a text→numeric cast is immutable, so it can be indexed).
 * - boolean: `(data->>'f')::boolean`.
 * - array: `data->'f'` holding ids or option values (multi-select, multiple members, relations).
 * - table: a subform's rows, filtered with `rows` conditions.
 * - json: addresses and locations: only emptiness and contains.
 */
export type SqlKind = 'text' | 'numeric' | 'boolean' | 'array' | 'table' | 'json' | 'timestamp';

export interface FieldSql {
  kind: SqlKind;
  /** The typed SQL expression of the value, for the `records` row (or a subform row `r`). */
  expr: RawBuilder<unknown>;
  /** Whether a B-tree expression index can serve filters and sorts on it. */
  indexable: boolean;
  operators: readonly Operator[];
  /** Member/department semantics for isMe / inMyDepartment / inSubtree. */
  people?: 'member' | 'department';
  /**
   * Filter values are values of this field: they go through its type's own normalisation (the
   * write path's) before they are compared, so `13800138000` finds the stored `+8613800138000` and
   * `…T16:00:00+08:00` the stored `…T08:00:00.000Z`. `dates`: only text is read, never a number.
   */
  values?: { field: FieldDef; dates: boolean };
}

const TEXT_OPS: readonly Operator[] = [
  'eq',
  'ne',
  'in',
  'notIn',
  'contains',
  'notContains',
  'startsWith',
  'empty',
  'notEmpty',
  'gt',
  'gte',
  'lt',
  'lte',
  'between',
];
const NUMBER_OPS: readonly Operator[] = [
  'eq',
  'ne',
  'in',
  'notIn',
  'gt',
  'gte',
  'lt',
  'lte',
  'between',
  'empty',
  'notEmpty',
];
const DATE_OPS: readonly Operator[] = [
  'eq',
  'ne',
  'gt',
  'gte',
  'lt',
  'lte',
  'between',
  'before',
  'after',
  'lastDays',
  'nextDays',
  'empty',
  'notEmpty',
];
const CHOICE_OPS: readonly Operator[] = ['eq', 'ne', 'in', 'notIn', 'empty', 'notEmpty'];
const ARRAY_OPS: readonly Operator[] = ['contains', 'notContains', 'in', 'empty', 'notEmpty'];
const PEOPLE_OPS: readonly Operator[] = [...CHOICE_OPS, 'isMe', 'inMyDepartment', 'inMySubtree', 'inSubtree'];

/** The SQL of a field inside a JSON object column (`data`, or a subform row), from its type's `compareAs`. */
export function fieldSql(field: FieldDef, source: RawBuilder<unknown> = sql.ref('records.data')): FieldSql {
  const text = sql`(${source}->>${sql.lit(field.id)})`;
  const json = sql`(${source}->${sql.lit(field.id)})`;
  const type = valueTypeOf(field);
  // A computed field's values are values of its result type.
  const valueField = type === field.type ? field : ({ ...field, type } as FieldDef);
  const compareAs = isFieldType(type) ? fieldType(type).compareAs : 'text';
  switch (compareAs) {
    case 'table':
      return { kind: 'table', expr: json, indexable: false, operators: ['empty', 'notEmpty'] };
    case 'boolean':
      return { kind: 'boolean', expr: sql`(${text})::boolean`, indexable: true, operators: CHOICE_OPS };
    case 'number':
      return { kind: 'numeric', expr: sql`(${text})::numeric`, indexable: true, operators: NUMBER_OPS };
    case 'date':
    case 'datetime':
      return {
        kind: 'text',
        expr: text,
        indexable: true,
        operators: DATE_OPS,
        values: { field: valueField, dates: true },
      };
    case 'member':
    case 'department':
      return field.multiple
        ? {
            kind: 'array',
            expr: json,
            indexable: false,
            operators: [...ARRAY_OPS, 'isMe', 'inMyDepartment', 'inMySubtree', 'inSubtree'],
            people: compareAs,
          }
        : { kind: 'text', expr: text, indexable: true, operators: PEOPLE_OPS, people: compareAs };
    case 'array':
      return { kind: 'array', expr: json, indexable: false, operators: ARRAY_OPS };
    case 'json':
      return { kind: 'json', expr: json, indexable: false, operators: ['empty', 'notEmpty', 'contains'] };
    case 'choice':
    case 'link':
      return field.multiple
        ? { kind: 'array', expr: json, indexable: false, operators: ARRAY_OPS }
        : { kind: 'text', expr: text, indexable: true, operators: CHOICE_OPS };
    case 'text':
    case 'result':
      // A lookup of several linked records holds a list, whatever its result type says.
      if (field.type === 'lookup' && field.multiple)
        return { kind: 'array', expr: json, indexable: false, operators: ARRAY_OPS };
      return {
        kind: 'text',
        expr: text,
        indexable: fieldType(field.type).storesValue,
        operators: TEXT_OPS,
        ...(isFieldType(type) && fieldType(type).storesValue
          ? { values: { field: valueField, dates: false } }
          : {}),
      };
  }
}

/** The record's own columns, usable like fields. */
export function systemColumnSql(column: SystemColumn): FieldSql {
  const simple = (name: string, people?: 'member' | 'department'): FieldSql => ({
    kind: 'text',
    expr: sql.ref(`records.${name}`),
    indexable: true,
    operators: people ? PEOPLE_OPS : CHOICE_OPS,
    ...(people ? { people } : {}),
  });
  switch (column) {
    case '_id':
      return simple('id');
    case '_created_at':
    case '_updated_at':
      return {
        kind: 'timestamp',
        expr: sql.ref(`records.${column.slice(1)}`),
        indexable: true,
        operators: DATE_OPS,
      };
    case '_created_by':
      return simple('created_by', 'member');
    case '_updated_by':
      return simple('updated_by', 'member');
    case '_owner':
      return simple('owner_id', 'member');
    case '_department':
      return simple('dept_id', 'department');
    case '_flow_state':
      return simple('flow_state');
  }
}
