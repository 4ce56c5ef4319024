import {
  FILTER_RULES,
  type FieldDef,
  fieldType,
  filterKind,
  isFieldType,
  type Operator,
  SYSTEM_COLUMN_KINDS,
  type SystemColumn,
  valueTypeOf,
} from '@forecourt/schemas';
import { type RawBuilder, sql } from 'kysely';

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

/** The SQL of a field inside a JSON object column (`data`, or a subform row), from its `filterKind`. */
export function fieldSql(field: FieldDef, source: RawBuilder<unknown> = sql.ref('records.data')): FieldSql {
  const text = sql`(${source}->>${sql.lit(field.id)})`;
  const json = sql`(${source}->${sql.lit(field.id)})`;
  const type = valueTypeOf(field);
  // A computed field's values are values of its result type.
  const valueField = type === field.type ? field : ({ ...field, type } as FieldDef);
  const kind = filterKind(field);
  const { operators } = FILTER_RULES[kind];
  switch (kind) {
    case 'table':
      return { kind: 'table', expr: json, indexable: false, operators };
    case 'boolean':
      return { kind: 'boolean', expr: sql`(${text})::boolean`, indexable: true, operators };
    case 'number':
      return { kind: 'numeric', expr: sql`(${text})::numeric`, indexable: true, operators };
    case 'date':
    case 'datetime':
      return {
        kind: 'text',
        expr: text,
        indexable: true,
        operators,
        values: { field: valueField, dates: true },
      };
    case 'people':
      return { kind: 'text', expr: text, indexable: true, operators, people: peopleOf(type) };
    case 'peopleList':
      return { kind: 'array', expr: json, indexable: false, operators, people: peopleOf(type) };
    case 'list':
    case 'links':
      return { kind: 'array', expr: json, indexable: false, operators };
    case 'json':
      return { kind: 'json', expr: json, indexable: false, operators };
    case 'choice':
    case 'link':
      return { kind: 'text', expr: text, indexable: true, operators };
    case 'text':
      return {
        kind: 'text',
        expr: text,
        indexable: fieldType(field.type).storesValue,
        operators,
        ...(isFieldType(type) && fieldType(type).storesValue
          ? { values: { field: valueField, dates: false } }
          : {}),
      };
  }
}

/** Whether a people field holds members or departments (its type's `compareAs`). */
function peopleOf(type: string): 'member' | 'department' {
  return fieldType(type).compareAs === 'department' ? 'department' : 'member';
}

/** The record's own columns, usable like fields. */
export function systemColumnSql(column: SystemColumn): FieldSql {
  const { operators } = FILTER_RULES[SYSTEM_COLUMN_KINDS[column]];
  const simple = (name: string, people?: 'member' | 'department'): FieldSql => ({
    kind: 'text',
    expr: sql.ref(`records.${name}`),
    indexable: true,
    operators,
    ...(people ? { people } : {}),
  });
  switch (column) {
    case '_id':
      return simple('id');
    case '_created_at':
    case '_updated_at':
      return { kind: 'timestamp', expr: sql.ref(`records.${column.slice(1)}`), indexable: true, operators };
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
