import { type FieldDef, isSystemColumn, type SortKey } from '@forecourt/schemas';
import { type RawBuilder, sql } from 'kysely';
import { ValidationError } from '../errors';
import { type FieldSql, fieldSql, systemColumnSql } from './field-sql';

export interface CompiledSort {
  keys: { sql: FieldSql; desc: boolean; alias: string }[];
  orderBy: RawBuilder<unknown>;
}

/**
 * Sort keys, always ended by the record id so that every page boundary is exact. Empty values count
 * as the largest (last ascending, first descending): exactly the two directions of one B-tree index.
 */
export function compileSort(fields: FieldDef[], sort: SortKey[] | undefined): CompiledSort {
  const wanted = sort?.length ? sort : [{ field: '_created_at', dir: 'desc' as const }];
  if (wanted.length > 5)
    throw new ValidationError('The query is not valid.', [
      { path: '/sort', message: 'Sort by at most 5 keys.' },
    ]);
  const keys = wanted.map((key, index) => {
    const target = isSystemColumn(key.field)
      ? systemColumnSql(key.field)
      : fieldSql(resolveField(fields, key.field, index));
    if (target.kind === 'array' || target.kind === 'table' || target.kind === 'json') {
      throw new ValidationError('The query is not valid.', [
        { path: `/sort/${index}/field`, message: 'This field cannot be sorted.' },
      ]);
    }
    return { sql: target, desc: key.dir === 'desc', alias: `k${index}` };
  });
  const last = keys.at(-1)!;
  keys.push({ sql: systemColumnSql('_id'), desc: last.desc, alias: 'kid' });
  const orderBy = sql.join(
    keys.map((k) => sql`${k.sql.expr} ${sql.raw(k.desc ? 'desc nulls first' : 'asc nulls last')}`),
  );
  return { keys, orderBy };
}

function resolveField(fields: FieldDef[], id: string, index: number): FieldDef {
  const field = fields.find((f) => f.id === id);
  if (!field)
    throw new ValidationError('The query is not valid.', [
      { path: `/sort/${index}/field`, message: `There is no field ${id} in this form.` },
    ]);
  return field;
}

/** Rows after the cursor's row in the sort order: (k1 beyond v1) or (k1 = v1 and k2 beyond v2) … */
export function afterCursor(sort: CompiledSort, values: unknown[]): RawBuilder<boolean> {
  const clauses: RawBuilder<boolean>[] = [];
  sort.keys.forEach((key, i) => {
    const equalBefore = sort.keys.slice(0, i).map((k, j) => equal(k.sql.expr, values[j]));
    const beyond = greater(key.sql.expr, values[i], key.desc);
    if (beyond) clauses.push(sql<boolean>`(${sql.join([...equalBefore, beyond], sql.raw(' and '))})`);
  });
  return clauses.length ? sql<boolean>`(${sql.join(clauses, sql.raw(' or '))})` : sql<boolean>`false`;
}

function equal(expr: RawBuilder<unknown>, value: unknown): RawBuilder<boolean> {
  return value === null ? sql<boolean>`${expr} is null` : sql<boolean>`${expr} = ${value}`;
}

/** Strictly after `value` in this key's order (empty = largest), or undefined when nothing can follow. */
function greater(expr: RawBuilder<unknown>, value: unknown, desc: boolean): RawBuilder<boolean> | undefined {
  if (desc) return value === null ? sql<boolean>`${expr} is not null` : sql<boolean>`${expr} < ${value}`;
  return value === null ? undefined : sql<boolean>`(${expr} > ${value} or ${expr} is null)`;
}

export function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string, length: number): unknown[] {
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const scalar = (v: unknown) =>
      v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
    if (Array.isArray(values) && values.length === length && values.every(scalar)) return values;
  } catch {}
  throw new ValidationError('The page cursor is not valid.', [
    { path: '/cursor', message: 'Use the `next` of the previous page with the same query.' },
  ]);
}
