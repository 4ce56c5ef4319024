import type { FieldDef } from '../fields/contract';
import { fieldType, isFieldType, valueTypeOf } from '../fields/registry';
import type { SystemColumn } from './language';

/** Every operator of the query language. */
export const OPERATORS = [
  'eq',
  'ne',
  'in',
  'notIn',
  'contains',
  'notContains',
  'startsWith',
  'gt',
  'gte',
  'lt',
  'lte',
  'between',
  'empty',
  'notEmpty',
  // Dates: before/after a date; within the last or next N days (value: N); relative to today in Asia/Shanghai.
  'before',
  'after',
  'lastDays',
  'nextDays',
  // Member and department fields, and the `_owner`/`_department` columns.
  'isMe',
  'inMyDepartment',
  // The user's departments or any below them ("my store" for a store manager).
  'inMySubtree',
  // Department fields: the department or any below it (value: a department id).
  'inSubtree',
] as const;
export type Operator = (typeof OPERATORS)[number];

/**
 * How a field filters and sorts, from its (result) type's `compareAs` and whether it holds several
 * values: the engine builds its SQL from it, the validator and the grid's filter builder its operators.
 * - choice / link: one option value / one linked record's id; list / links: several of them;
 * - people: one member or department (with "me" and "my department"); peopleList: several;
 * - json: structured (address, files): only emptiness and contains; table: a subform's rows.
 */
export type FilterKind =
  | 'text'
  | 'number'
  | 'date'
  | 'datetime'
  | 'boolean'
  | 'choice'
  | 'list'
  | 'link'
  | 'links'
  | 'people'
  | 'peopleList'
  | 'json'
  | 'table';

export interface FilterRules {
  /** What the server accepts. */
  operators: readonly Operator[];
  /** What a filter builder lists, in its order: the everyday subset of `operators`. */
  offered: readonly Operator[];
  /** Whether records sort by it (lists, tables and structured values do not). */
  sortable: boolean;
}

const TEXT: readonly Operator[] = [
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
const NUMBER: readonly Operator[] = [
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
const DATE: readonly Operator[] = [
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
const CHOICE: readonly Operator[] = ['eq', 'ne', 'in', 'notIn', 'empty', 'notEmpty'];
const LIST: readonly Operator[] = ['contains', 'notContains', 'in', 'empty', 'notEmpty'];
const MINE: readonly Operator[] = ['isMe', 'inMyDepartment', 'inMySubtree'];
const PRESENCE: readonly Operator[] = ['empty', 'notEmpty'];

/** A Record, so that a new kind cannot be forgotten here. */
export const FILTER_RULES: Record<FilterKind, FilterRules> = {
  text: {
    operators: TEXT,
    offered: ['contains', 'eq', 'ne', 'startsWith', 'notContains', 'empty', 'notEmpty'],
    sortable: true,
  },
  number: {
    operators: NUMBER,
    offered: ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'between', 'empty', 'notEmpty'],
    sortable: true,
  },
  date: {
    operators: DATE,
    offered: ['eq', 'before', 'after', 'between', 'lastDays', 'nextDays', 'empty', 'notEmpty'],
    sortable: true,
  },
  datetime: {
    operators: DATE,
    offered: ['before', 'after', 'between', 'lastDays', 'nextDays', 'empty', 'notEmpty'],
    sortable: true,
  },
  boolean: { operators: CHOICE, offered: ['eq', 'empty', 'notEmpty'], sortable: true },
  choice: { operators: CHOICE, offered: CHOICE, sortable: true },
  list: { operators: LIST, offered: LIST, sortable: false },
  // A record id is not something people type: several linked records are offered only as present or not.
  link: { operators: CHOICE, offered: CHOICE, sortable: true },
  links: { operators: LIST, offered: PRESENCE, sortable: false },
  people: {
    operators: [...CHOICE, ...MINE, 'inSubtree'],
    offered: [...MINE, 'eq', 'ne', 'empty', 'notEmpty'],
    sortable: true,
  },
  peopleList: {
    operators: [...LIST, ...MINE, 'inSubtree'],
    offered: [...MINE, ...PRESENCE],
    sortable: false,
  },
  json: { operators: ['empty', 'notEmpty', 'contains'], offered: PRESENCE, sortable: false },
  table: { operators: PRESENCE, offered: PRESENCE, sortable: false },
};

/** How a field filters: from its (result) type's `compareAs`; `multiple` turns one value into a list. */
export function filterKind(field: FieldDef): FilterKind {
  const type = valueTypeOf(field);
  const compareAs = isFieldType(type) ? fieldType(type).compareAs : 'text';
  switch (compareAs) {
    case 'number':
    case 'date':
    case 'datetime':
    case 'boolean':
    case 'json':
    case 'table':
      return compareAs;
    case 'array':
      return 'list';
    case 'choice':
      return field.multiple ? 'list' : 'choice';
    case 'link':
      return field.multiple ? 'links' : 'link';
    case 'member':
    case 'department':
      return field.multiple ? 'peopleList' : 'people';
    case 'text':
    case 'result':
      // A lookup of several linked records holds a list, whatever its result type says.
      return field.type === 'lookup' && field.multiple ? 'list' : 'text';
  }
}

/** How the record's own columns filter. */
export const SYSTEM_COLUMN_KINDS: Record<SystemColumn, FilterKind> = {
  _id: 'choice',
  _created_at: 'datetime',
  _updated_at: 'datetime',
  _created_by: 'people',
  _updated_by: 'people',
  _owner: 'people',
  _department: 'people',
  _flow_state: 'choice',
};

/** The operators the server accepts on a field. */
export function operatorsOf(field: FieldDef): readonly Operator[] {
  return FILTER_RULES[filterKind(field)].operators;
}

/** Whether records can be sorted by a field. */
export function isSortable(field: FieldDef): boolean {
  return FILTER_RULES[filterKind(field)].sortable;
}
