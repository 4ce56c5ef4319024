import type { FieldDef } from '@forecourt/schemas';
import { type RawBuilder, sql } from 'kysely';
import type { Actor } from '../accounts/actor';
import { compileCondition, type FilterScope } from '../query/filter';
import type { Principal } from './principal';
import { ACTIONS, type Action, type PermissionSet, type RowScope } from './types';

type Bool = RawBuilder<boolean>;

/** Field ids, or every field of the form. */
export type FieldSet = 'all' | ReadonlySet<string>;

/** One permission set compiled for one user: the SQL of its rows and its field sets. */
export interface Grant {
  actions: ReadonlySet<Action>;
  /** `true`: every record of the form. */
  rows: Bool | true;
  read: FieldSet;
  /** Always within `read`. */
  write: FieldSet;
}

/** What an admin (workspace or app) holds on every form: everything. */
export const FULL_GRANT: Grant = { actions: new Set(ACTIONS), rows: true, read: 'all', write: 'all' };

export interface CompileContext {
  actor: Actor;
  principal: Principal;
  fields: FieldDef[];
  definitionOf: FilterScope['definitionOf'];
  now: Date;
}

/** Compiles each of the user's sets on a form; the union of them is what the user may do. */
export async function compileGrants(context: CompileContext, sets: PermissionSet[]): Promise<Grant[]> {
  return Promise.all(
    sets.map(async (set) => {
      const read: FieldSet = set.readFields ? new Set(set.readFields) : 'all';
      return {
        actions: new Set(set.actions),
        rows: await compileScope(context, set.scope),
        read,
        write: intersect(set.writeFields ? new Set(set.writeFields) : 'all', read),
      };
    }),
  );
}

/** The SQL condition on `records` of one row scope. */
export async function compileScope(context: CompileContext, scope: RowScope): Promise<Bool | true> {
  const { principal } = context;
  switch (scope.kind) {
    case 'all':
      return true;
    case 'own':
      return sql<boolean>`records.owner_id = ${principal.userId}`;
    case 'department':
      return inList(sql.ref('records.dept_id'), principal.departments);
    case 'subtree':
      return inList(sql.ref('records.dept_id'), principal.subtree);
    case 'filter':
      return compileCondition(
        {
          actor: context.actor,
          fields: context.fields,
          source: sql.ref('records.data'),
          systemColumns: true,
          definitionOf: context.definitionOf,
          now: context.now,
        },
        scope.filter,
        '/scope/filter',
      );
  }
}

/** The records any set granting `action` reaches: their scopes or-ed (false when none grants it). */
export function rowsFor(grants: readonly Grant[], action: Action): Bool {
  const scopes = grants.filter((g) => g.actions.has(action)).map((g) => g.rows);
  if (scopes.includes(true)) return sql<boolean>`true`;
  if (!scopes.length) return sql<boolean>`false`;
  return sql<boolean>`(${sql.join(scopes as Bool[], sql.raw(' or '))})`;
}

/**
 * One character per grant, '1' where the row is in the grant's scope: selected with a row when
 * what may be seen or changed of it depends on which sets reach it.
 */
export function scopeFlags(grants: readonly Grant[]): RawBuilder<string> {
  if (!grants.length) return sql<string>`''`;
  const parts = grants.map((g) =>
    g.rows === true ? sql`'1'` : sql`case when ${g.rows} then '1' else '0' end`,
  );
  return sql<string>`concat(${sql.join(parts)})`;
}

export function union(sets: readonly FieldSet[]): FieldSet {
  if (sets.includes('all')) return 'all';
  const out = new Set<string>();
  for (const set of sets as ReadonlySet<string>[]) for (const id of set) out.add(id);
  return out;
}

export function intersect(a: FieldSet, b: FieldSet): FieldSet {
  if (a === 'all') return b;
  if (b === 'all') return a;
  return new Set([...a].filter((id) => b.has(id)));
}

export function sameFields(a: FieldSet, b: FieldSet): boolean {
  if (a === 'all' || b === 'all') return a === b;
  return a.size === b.size && [...a].every((id) => b.has(id));
}

export function hasField(set: FieldSet, id: string): boolean {
  return set === 'all' || set.has(id);
}

function inList(column: RawBuilder<unknown>, ids: readonly string[]): Bool {
  if (!ids.length) return sql<boolean>`false`;
  return sql<boolean>`${column} in (${sql.join(ids)})`;
}
