import {
  type Condition,
  DEFAULT_TIME_ZONE,
  type FieldCondition,
  type FieldContext,
  type FieldDef,
  type FormDefinition,
  fieldType,
  isSystemColumn,
} from '@forecourt/schemas';
import { type RawBuilder, sql } from 'kysely';
import type { Actor } from '../accounts/actor';
import { ValidationError } from '../errors';
import { dayBounds } from './dates';
import { type FieldSql, fieldSql, systemColumnSql } from './field-sql';

type Bool = RawBuilder<boolean>;

export interface FilterScope {
  actor: Actor;
  fields: FieldDef[];
  /** Where field values live: `records.data`, a subform row, or a related record's data. */
  source: RawBuilder<unknown>;
  /** Whether the record's own columns (`_created_at`, …) can be used: only at the top level. */
  systemColumns: boolean;
  definitionOf(formId: string): Promise<FormDefinition>;
  /**
   * What the user may query of a related form: its fields shown on every row they reach, and
   * those rows. Without it (permission filters compiled for admins' sets), the whole form.
   */
  related?(formId: string): Promise<{ fields: FieldDef[]; rows: RawBuilder<boolean> | null }>;
  now: Date;
}

/** Compiles a condition tree into one SQL boolean, naming the path of any bad part (`/filter/and/1/value`). */
export async function compileCondition(
  scope: FilterScope,
  condition: Condition,
  path = '/filter',
): Promise<Bool> {
  if ('and' in condition || 'or' in condition) {
    const list = 'and' in condition ? condition.and : condition.or;
    const key = 'and' in condition ? 'and' : 'or';
    if (!list.length) return sql<boolean>`true`;
    const parts = await Promise.all(list.map((c, i) => compileCondition(scope, c, `${path}/${key}/${i}`)));
    return sql<boolean>`(${sql.join(parts, sql.raw(key === 'and' ? ' and ' : ' or '))})`;
  }
  if ('rows' in condition) {
    const table = scope.fields.find((f) => f.id === condition.rows && f.type === 'subform');
    if (!table) throw bad(`${path}/rows`, 'Not a table field of this form.');
    const inner = await compileCondition(
      {
        ...scope,
        fields: (table.fields ?? []) as FieldDef[],
        source: sql.ref('r.row'),
        systemColumns: false,
      },
      condition.where,
      `${path}/where`,
    );
    return sql<boolean>`exists (select 1 from jsonb_array_elements(case when jsonb_typeof(${scope.source}->${sql.lit(table.id)}) = 'array' then ${scope.source}->${sql.lit(table.id)} else '[]'::jsonb end) as r(row) where ${inner})`;
  }
  if ('related' in condition) {
    const relation = scope.fields.find((f) => f.id === condition.related && f.type === 'relation');
    if (!relation || !scope.systemColumns) throw bad(`${path}/related`, 'Not a relation field of this form.');
    const targetId = String(relation.target);
    const target = scope.related
      ? await scope.related(targetId)
      : { fields: (await scope.definitionOf(targetId)).fields, rows: null };
    const inner = await compileCondition(
      { ...scope, fields: target.fields, source: sql.ref('t.data'), systemColumns: false },
      condition.where,
      `${path}/where`,
    );
    // Only related records the user may see count: their scope, on `records` inside the subquery.
    const visible = target.rows
      ? sql<boolean>`t.id in (select records.id from records where records.form_id = ${sql.lit(targetId)} and ${target.rows})`
      : sql<boolean>`true`;
    return sql<boolean>`exists (select 1 from record_links l join records t on t.id = l.to_record
      where l.from_record = records.id and l.field_id = ${relation.id} and t.deleted_at is null and ${inner} and ${visible})`;
  }
  return compileField(scope, condition, path);
}

function resolve(scope: FilterScope, id: string, path: string): FieldSql {
  if (isSystemColumn(id)) {
    if (!scope.systemColumns) throw bad(path, 'Record columns cannot be used here.');
    return systemColumnSql(id);
  }
  const field = scope.fields.find((f) => f.id === id);
  if (!field) throw bad(path, `There is no field ${id} in this form.`);
  return fieldSql(field, scope.source);
}

function compileField(scope: FilterScope, condition: FieldCondition, path: string): Bool {
  const target = resolve(scope, condition.field, `${path}/field`);
  const { op, value } = condition;
  if (!target.operators.includes(op))
    throw bad(`${path}/op`, `The operator ${op} does not apply to this field.`);
  const e = target.expr;
  // Values are read as the write path reads them, in the zone of `dayBounds` (dates.ts).
  const context: FieldContext = { now: scope.now, timeZone: DEFAULT_TIME_ZONE };
  const v = (p: unknown, at = `${path}/value`) => param(target, storedValue(target, p, context, at), at);
  switch (op) {
    case 'empty':
      return isEmpty(target);
    case 'notEmpty':
      return sql<boolean>`not ${isEmpty(target)}`;
    case 'eq':
      return sql<boolean>`${e} = ${v(value)}`;
    case 'ne':
      return sql<boolean>`${e} is distinct from ${v(value)}`;
    case 'in':
    case 'notIn': {
      const list = asList(value, `${path}/value`).map((item, i) => v(item, `${path}/value/${i}`));
      if (target.kind === 'array') {
        return sql<boolean>`${e} ?| array[${sql.join(list.map((x) => sql`${x}::text`))}]`;
      }
      const any = sql<boolean>`${e} in (${sql.join(list)})`;
      return op === 'in' ? any : sql<boolean>`(${e} is null or not ${any})`;
    }
    case 'contains':
    case 'notContains': {
      const hit =
        target.kind === 'array'
          ? sql<boolean>`${e} ? ${String(value)}`
          : sql<boolean>`${target.kind === 'json' ? sql`${e}::text` : e} ilike ${`%${likeEscape(text(value, `${path}/value`))}%`}`;
      return op === 'contains' ? hit : sql<boolean>`(${e} is null or not ${hit})`;
    }
    case 'startsWith':
      return sql<boolean>`${e} like ${`${likeEscape(folded(target, text(value, `${path}/value`)))}%`}`;
    case 'gt':
    case 'after':
      return sql<boolean>`${e} > ${v(value)}`;
    case 'gte':
      return sql<boolean>`${e} >= ${v(value)}`;
    case 'lt':
    case 'before':
      return sql<boolean>`${e} < ${v(value)}`;
    case 'lte':
      return sql<boolean>`${e} <= ${v(value)}`;
    case 'between': {
      const [from, to] = asList(value, `${path}/value`);
      if (from === undefined || to === undefined) throw bad(`${path}/value`, 'Give [from, to].');
      return sql<boolean>`${e} between ${v(from, `${path}/value/0`)} and ${v(to, `${path}/value/1`)}`;
    }
    case 'lastDays':
    case 'nextDays': {
      const days = Number(value);
      if (!Number.isInteger(days) || days < 0 || days > 3660)
        throw bad(`${path}/value`, 'Give a whole number of days.');
      const [from, to] = dayBounds(
        op,
        days,
        scope.now,
        target.kind === 'timestamp' ? 'timestamp' : undefined,
      );
      return sql<boolean>`${e} >= ${from} and ${e} < ${to}`;
    }
    case 'isMe':
      return target.kind === 'array'
        ? sql<boolean>`${e} ? ${scope.actor.userId}`
        : sql<boolean>`${e} = ${scope.actor.userId}`;
    case 'inMyDepartment':
    case 'inMySubtree':
    case 'inSubtree': {
      const mine = sql`select department_id from department_members where user_id = ${scope.actor.userId}`;
      const roots = op === 'inSubtree' ? sql`${text(value, `${path}/value`)}` : mine;
      const departments =
        op === 'inMyDepartment'
          ? mine
          : sql`with recursive t(id) as (select id from departments where id in (${roots}) and workspace_id = ${scope.actor.workspaceId}
              union all select d.id from departments d join t on d.parent_id = t.id) select id from t`;
      const ids =
        target.people === 'member'
          ? sql`select user_id from department_members where department_id in (${departments})`
          : departments;
      return target.kind === 'array'
        ? sql<boolean>`exists (select 1 from jsonb_array_elements_text(${e}) as x(id) where x.id in (${ids}))`
        : sql<boolean>`${e} in (${ids})`;
    }
  }
}

function isEmpty(target: FieldSql): Bool {
  if (target.kind === 'text') return sql<boolean>`(${target.expr} is null or ${target.expr} = '')`;
  if (target.kind === 'numeric' || target.kind === 'boolean' || target.kind === 'timestamp')
    return sql<boolean>`(${target.expr} is null)`;
  return sql<boolean>`(${target.expr} is null or ${target.expr} in ('null'::jsonb, '[]'::jsonb, '{}'::jsonb))`;
}

/**
 * A filter value in the form the field stores it, through the type's own normalisation (the same the
 * write path and the public query link use); refused at its path when the type cannot read it. Empty
 * text is left as it is (`eq ""` keeps meaning "stored as empty text").
 */
function storedValue(target: FieldSql, value: unknown, context: FieldContext, path: string): unknown {
  const spec = target.values;
  if (!spec) return value;
  if (spec.dates && typeof value !== 'string')
    throw bad(path, 'Give a date or time as text (ISO 8601), e.g. 2027-10-12 or 2027-10-12T16:00:00+08:00.');
  if (typeof value === 'string' && value.trim() === '') return value;
  const converted = fieldType(spec.field.type).normalize(spec.field, value, context);
  if (!converted.ok) throw bad(path, converted.message);
  return converted.value ?? value;
}

/** A substring is no value of the field: only folded to the case the type stores (plates upper-case). */
function folded(target: FieldSql, substring: string): string {
  const fold = target.values && fieldType(target.values.field.type).foldSubstring;
  return fold ? fold(substring) : substring;
}

/** A filter value as a typed SQL parameter: numbers must be numbers, text stays text. */
function param(target: FieldSql, value: unknown, path: string): RawBuilder<unknown> {
  if (target.kind === 'numeric') {
    const n =
      typeof value === 'number'
        ? value
        : typeof value === 'string' && value.trim() !== ''
          ? Number(value)
          : Number.NaN;
    if (!Number.isFinite(n)) throw bad(path, 'Give a number.');
    return sql`${String(n)}::numeric`;
  }
  if (target.kind === 'boolean') {
    if (typeof value !== 'boolean') throw bad(path, 'Give true or false.');
    return sql`${value}::boolean`;
  }
  if (target.kind === 'timestamp') {
    const at = typeof value === 'string' ? new Date(value) : undefined;
    if (!at || Number.isNaN(at.getTime())) throw bad(path, 'Give a date or time (ISO 8601).');
    return sql`${at.toISOString()}::timestamptz`;
  }
  return sql`${text(value, path)}::text`;
}

function text(value: unknown, path: string): string {
  if (typeof value === 'string' && value.length <= 500) return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  throw bad(path, 'Give a text value (at most 500 characters).');
}

function asList(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > 200)
    throw bad(path, 'Give a list of 1 to 200 values.');
  return value;
}

function likeEscape(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function bad(path: string, message: string): ValidationError {
  return new ValidationError('The query is not valid.', [{ path, message }]);
}
