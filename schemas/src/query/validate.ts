import type { FieldDef } from '../fields/contract';
import { FIELD_ID_PATTERN } from '../fields/conversion';
import type { FormDefinition } from '../fields/form-schema';
import { fieldType } from '../fields/registry';
import { isSystemColumn, SYSTEM_COLUMNS } from './language';
import { FILTER_RULES, type FilterKind, filterKind, type Operator, SYSTEM_COLUMN_KINDS } from './operators';

/** Deeper trees are not something people build by hand, and would make the compiled SQL unwieldy. */
export const MAX_CONDITION_DEPTH = 5;
const MAX_BRANCHES = 100;
const MAX_SORT_KEYS = 5;

/** One thing wrong with a query, at its path inside the query (`/filter/and/2/op`). */
export interface QueryIssue {
  path: string;
  message: string;
}

type Check = (value: unknown) => string | null;

const required: Check = (v) => (v === undefined || v === null ? 'needs a value' : null);
const none: Check = (v) => (v === undefined || v === null ? null : 'takes no value');
const text: Check = (v) =>
  (typeof v === 'string' && v.length <= 500) || (typeof v === 'number' && Number.isFinite(v))
    ? null
    : 'must be text of at most 500 characters';
const list: Check = (v) =>
  Array.isArray(v) && v.length >= 1 && v.length <= 200 ? null : 'must be a list of 1 to 200 values';
const days: Check = (v) =>
  Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 3660
    ? null
    : 'must be a whole number of days';

/** What each operator's `value` must be. A Record, so that a new operator cannot be forgotten here. */
const VALUE_RULES: Record<Operator, Check> = {
  eq: required,
  ne: required,
  in: list,
  notIn: list,
  contains: required,
  notContains: required,
  startsWith: text,
  gt: required,
  gte: required,
  lt: required,
  lte: required,
  between: (v) => (Array.isArray(v) && v.length === 2 ? null : 'must be a list of two values [from, to]'),
  empty: none,
  notEmpty: none,
  before: required,
  after: required,
  lastDays: days,
  nextDays: days,
  isMe: none,
  inMyDepartment: none,
  inMySubtree: none,
  inSubtree: text,
};

const QUERY_KEYS = new Set(['filter', 'sort', 'search', 'limit', 'cursor', 'count']);
const FIELD_ID = new RegExp(FIELD_ID_PATTERN);

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Looks up another form's definition, for conditions on related records; undefined when unknown. */
export type RelatedForms = (formId: string) => FormDefinition | undefined;

/**
 * Everything wrong with a record query, each with its path inside the query (`/filter/and/2/op`),
 * by the same rules the engine's compiler applies (operators per field from its `filterKind`), so
 * that a saved view is refused when saved rather than when opened. Field ids must be fields of the
 * form holding a value, or SYSTEM_COLUMNS at the top level. Conditions on related records are
 * checked against the target form when `related` knows it, else only by shape.
 */
export function queryIssues(
  definition: FormDefinition,
  query: unknown,
  related?: RelatedForms,
): QueryIssue[] {
  const issues: QueryIssue[] = [];
  const issue: Issue = (path, message) => issues.push({ path: path || '/', message });
  if (!isObject(query)) {
    issue('', 'A query is an object with filter, sort and search.');
    return issues;
  }
  for (const key of Object.keys(query)) {
    if (!QUERY_KEYS.has(key)) issue(`/${key}`, 'is not a known property of a query');
  }
  const top: Scope = { fields: fieldMap(definition.fields), top: true, related, issue };
  if (query.filter !== undefined) checkCondition(top, query.filter, '/filter', 1);
  if (query.sort !== undefined) checkSort(top, query.sort);
  if (query.search !== undefined && (typeof query.search !== 'string' || query.search.length > 200))
    issue('/search', 'must be text of at most 200 characters');
  const limit = query.limit;
  if (limit !== undefined && !(Number.isInteger(limit) && (limit as number) >= 1 && (limit as number) <= 100))
    issue('/limit', 'must be a whole number from 1 to 100');
  if (query.cursor !== undefined && (typeof query.cursor !== 'string' || query.cursor.length > 2000))
    issue('/cursor', 'must be the `next` of the previous page');
  if (query.count !== undefined && typeof query.count !== 'boolean') issue('/count', 'must be true or false');
  return issues;
}

type Issue = (path: string, message: string) => void;

interface Scope {
  /** The fields conditions may name; undefined when not known (a related form not looked up). */
  fields: Map<string, FieldDef> | undefined;
  /** The record's own level: system columns and `related` are allowed only here, not inside rows. */
  top: boolean;
  related: RelatedForms | undefined;
  issue: Issue;
}

const fieldMap = (fields: FieldDef[]) => new Map(fields.map((f) => [f.id, f]));

function checkCondition(scope: Scope, condition: unknown, path: string, depth: number): void {
  const { issue } = scope;
  if (depth > MAX_CONDITION_DEPTH) {
    issue(path, `Conditions nest at most ${MAX_CONDITION_DEPTH} deep.`);
    return;
  }
  if (!isObject(condition)) {
    issue(path, 'must be a condition object');
    return;
  }
  const only = (allowed: string[]) => {
    for (const key of Object.keys(condition))
      if (!allowed.includes(key)) issue(`${path}/${key}`, 'is not known here');
  };
  if ('and' in condition || 'or' in condition) {
    const group = 'and' in condition ? 'and' : 'or';
    only([group]);
    const branches = condition[group];
    if (!Array.isArray(branches) || branches.length > MAX_BRANCHES) {
      issue(`${path}/${group}`, `must be a list of at most ${MAX_BRANCHES} conditions`);
      return;
    }
    branches.forEach((branch, i) => {
      checkCondition(scope, branch, `${path}/${group}/${i}`, depth + 1);
    });
  } else if ('rows' in condition) {
    only(['rows', 'where']);
    const table = fieldAt(scope, condition.rows, `${path}/rows`);
    if (table && table.field.type !== 'subform') issue(`${path}/rows`, 'must name a table (subform) field');
    const columns =
      table?.field.type === 'subform' ? fieldMap((table.field.fields ?? []) as FieldDef[]) : undefined;
    checkCondition({ ...scope, fields: columns, top: false }, condition.where, `${path}/where`, depth + 1);
  } else if ('related' in condition) {
    only(['related', 'where']);
    if (!scope.top) issue(`${path}/related`, 'Related records can be filtered only at the record level.');
    const relation = fieldAt(scope, condition.related, `${path}/related`);
    if (relation && relation.field.type !== 'relation')
      issue(`${path}/related`, 'must name a relation field');
    const target =
      relation?.field.type === 'relation' ? scope.related?.(String(relation.field.target)) : undefined;
    const fields = target ? fieldMap(target.fields) : undefined;
    checkCondition({ ...scope, fields, top: false }, condition.where, `${path}/where`, depth + 1);
  } else if ('field' in condition) {
    only(['field', 'op', 'value']);
    checkFieldCondition(scope, condition, path);
  } else {
    issue(
      path,
      'must be a condition: { field, op, value }, { rows, where }, { related, where }, { and } or { or }',
    );
  }
}

function checkFieldCondition(scope: Scope, condition: Record<string, unknown>, path: string): void {
  const target = fieldAt(scope, condition.field, `${path}/field`);
  const op = condition.op;
  if (typeof op !== 'string' || !Object.hasOwn(VALUE_RULES, op)) {
    scope.issue(`${path}/op`, `is not a known operator (${Object.keys(VALUE_RULES).join(', ')})`);
    return;
  }
  const operators = target && FILTER_RULES[target.kind].operators;
  if (operators && !operators.includes(op as Operator))
    scope.issue(`${path}/op`, `${op} does not apply to this field (use ${operators.join(', ')})`);
  const problem = VALUE_RULES[op as Operator](condition.value);
  if (problem) scope.issue(`${path}/value`, `${problem} for ${op}`);
}

function checkSort(scope: Scope, sort: unknown): void {
  if (!Array.isArray(sort) || sort.length > MAX_SORT_KEYS) {
    scope.issue('/sort', `must be a list of at most ${MAX_SORT_KEYS} sort keys`);
    return;
  }
  sort.forEach((key, i) => {
    const path = `/sort/${i}`;
    if (!isObject(key)) {
      scope.issue(path, 'must be { field, dir }');
      return;
    }
    for (const k of Object.keys(key))
      if (k !== 'field' && k !== 'dir') scope.issue(`${path}/${k}`, 'is not known here');
    const target = fieldAt(scope, key.field, `${path}/field`);
    if (target && !FILTER_RULES[target.kind].sortable)
      scope.issue(`${path}/field`, 'This field holds several values and cannot be sorted by.');
    if (key.dir !== undefined && key.dir !== 'asc' && key.dir !== 'desc')
      scope.issue(`${path}/dir`, 'must be asc or desc');
  });
}

/**
 * What a condition or sort key names: a field holding a value, or a system column (top level only).
 * Undefined, with the problem reported, when it names neither; also when the fields are not known
 * (a related form not looked up), after checking only the id's shape.
 */
function fieldAt(scope: Scope, id: unknown, path: string): { field: FieldDef; kind: FilterKind } | undefined {
  if (typeof id !== 'string' || !id) {
    scope.issue(path, 'must be a field id');
    return undefined;
  }
  if (isSystemColumn(id)) {
    if (!scope.top) scope.issue(path, 'Record columns cannot be used here.');
    const column: FieldDef = { id, type: 'text', label: { zh: id, en: id } };
    return scope.top ? { field: column, kind: SYSTEM_COLUMN_KINDS[id] } : undefined;
  }
  if (!scope.fields) {
    if (!FIELD_ID.test(id)) scope.issue(path, `${id} is neither a field id nor a record column`);
    return undefined;
  }
  const field = scope.fields.get(id);
  if (!field || !fieldType(field.type).storesValue) {
    const columns = scope.top ? `, nor one of ${SYSTEM_COLUMNS.join(', ')}` : '';
    scope.issue(path, `${id} is not a field holding a value here${columns}`);
    return undefined;
  }
  return { field, kind: filterKind(field) };
}
