import { type FormDefinition, queryIssues, type RecordQuery } from '@forecourt/schemas';
import { type RawBuilder, sql } from 'kysely';
import { type FormAccess, formAccess, maskData } from '../access/form-access';
import type { Action } from '../access/types';
import type { Actor } from '../accounts/actor';
import type { Executor } from '../db/schema';
import { inTransaction } from '../db/transaction';
import { DomainError, ValidationError } from '../errors';
import { formVersion } from '../forms/forms';
import { compileCondition } from '../query/filter';
import { afterCursor, compileSort, decodeCursor, encodeCursor } from '../query/keyset';
import { type RecordView, recordView } from './service';

/** One page of a query's answer. */
export interface QueryPage<T> {
  records: T[];
  next: string | null;
  count?: { value: number; capped: boolean };
}

export const COUNT_CAP = 10_000;
/** Ad-hoc queries on unindexed fields of big forms stop here instead of stalling the server. */
export const QUERY_TIMEOUT_MS = 5_000;

export class QueryTooSlowError extends DomainError {
  constructor() {
    super(
      'bad_request',
      `The query took longer than ${QUERY_TIMEOUT_MS / 1000} s and was stopped. Narrow the filter, or ask an admin to index the fields you filter and sort on.`,
    );
  }
}

/** How a query is run: for which action (export reaches the rows and fields export sets allow). */
export interface QueryOptions {
  action?: Action;
  /** Already compiled for this request. */
  access?: FormAccess;
}

/**
 * One page of a form's records matching a query: the user's row scope, the filter, search and
 * keyset compiled into one statement on the form's partial indexes, run under a statement
 * timeout; each record shows only the fields the user may read.
 */
export async function queryRecords(
  db: Executor,
  actor: Actor,
  formId: string,
  query: RecordQuery,
  options: QueryOptions = {},
): Promise<QueryPage<RecordView>> {
  const { statement, where, sort, limit, access, action } = await compileQuery(
    db,
    actor,
    formId,
    query,
    options,
  );
  return withTimeout(db, query.cursor ? '/cursor' : '/filter', async (trx) => {
    const { rows } = await statement.execute(trx);
    const more = rows.length > limit;
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    const next = more && last ? encodeCursor(sort.keys.map((k) => cursorValue(last[k.alias]))) : null;
    const records = page.map((row) => {
      const view = recordView(row as never);
      const fields = access.readable(row._access as string | undefined, action);
      return { ...view, data: maskData(view.data, fields), unconverted: maskData(view.unconverted, fields) };
    });
    const result: QueryPage<RecordView> = { records, next };
    if (query.count) {
      const { rows: counted } = await sql<{ n: number }>`
        select count(*)::int as n from (select 1 from records where ${where} limit ${COUNT_CAP + 1}) as capped`.execute(
        trx,
      );
      const n = counted[0]?.n ?? 0;
      result.count = { value: Math.min(n, COUNT_CAP), capped: n > COUNT_CAP };
    }
    return result;
  });
}

/**
 * The one statement a query compiles to (also run raw by the benchmarks' baseline route). The
 * query sees only the fields shown on every row the user reaches: filtering or sorting on a field
 * hidden from some of those rows would reveal its values, so such a field is "not in this form".
 */
export async function compileQuery(
  db: Executor,
  actor: Actor,
  formId: string,
  query: RecordQuery,
  options: QueryOptions = {},
) {
  const { access, action, definition, hidden } = await readScope(db, actor, formId, options);
  assertValid(definition, query);
  const limit = Math.min(Math.max(query.limit ?? 50, 1), 100);
  const sort = compileSort(definition.fields, query.sort);
  const where = await whereClause(db, actor, formId, definition, query, access.rows(action), hidden);
  const after = query.cursor
    ? afterCursor(sort, decodeCursor(query.cursor, sort.keys.length))
    : sql<boolean>`true`;
  const keys = sql.join(sort.keys.map((k) => sql`${k.sql.expr} as ${sql.id(k.alias)}`));
  const flags = access.uniform(action) ? sql`` : sql`, ${access.flags()} as _access`;
  const statement = sql<Record<string, unknown>>`
    select records.*, ${keys}${flags} from records
    where ${where} and ${after}
    order by ${sort.orderBy} limit ${limit + 1}`;
  return { statement, where, sort, limit, access, action };
}

/**
 * What a read by the action reaches, checked (403 without the right): the form as the user may query
 * it (only the fields shown on every row they reach) and the ids of the fields hidden from them. Lists
 * and aggregates both start here, so both refuse a hidden field the same way: it is not in the form.
 */
export async function readScope(db: Executor, actor: Actor, formId: string, options: QueryOptions = {}) {
  const action = options.action ?? 'view';
  const access = options.access ?? (await formAccess(db, actor, formId));
  access.require(action);
  const shown = access.common(action);
  const definition: FormDefinition = { ...access.definition, fields: access.fieldsIn(shown) };
  const hidden = access.definition.fields.filter((f) => !definition.fields.includes(f)).map((f) => f.id);
  return { access, action, definition, hidden };
}

/**
 * The plan PostgreSQL chooses for a query (EXPLAIN, not run): for admins asking why a view is slow,
 * and for tests proving that each indexed field's index serves its filter and sort. With
 * `preferIndexes`, sequential scans are discouraged, as a small test table would otherwise not need them.
 */
export async function explainQuery(
  db: Executor,
  actor: Actor,
  formId: string,
  query: RecordQuery,
  options: { preferIndexes?: boolean } = {},
): Promise<string> {
  const { statement } = await compileQuery(db, actor, formId, query);
  return inTransaction(db, async (trx) => {
    if (options.preferIndexes) await sql`select set_config('enable_seqscan', 'off', true)`.execute(trx);
    const { rows } = await sql<Record<string, string>>`explain ${statement}`.execute(trx);
    return rows.map((r) => Object.values(r)[0]).join('\n');
  });
}

/** Every matching record, page by page (for export); never one unbounded query. */
export async function* streamRecords(
  db: Executor,
  actor: Actor,
  formId: string,
  query: RecordQuery = {},
  options: QueryOptions = {},
): AsyncGenerator<RecordView> {
  let cursor = query.cursor;
  const access = options.access ?? (await formAccess(db, actor, formId));
  for (;;) {
    const page = await queryRecords(
      db,
      actor,
      formId,
      { ...query, limit: 100, count: false, ...(cursor ? { cursor } : {}) },
      { ...options, access },
    );
    yield* page.records;
    if (!page.next) return;
    cursor = page.next;
  }
}

/** The rows of the form a query keeps: workspace, form, not deleted, the user's row scope, filter and search. */
export async function whereClause(
  db: Executor,
  actor: Actor,
  formId: string,
  definition: FormDefinition,
  query: Pick<RecordQuery, 'filter' | 'search'>,
  scope: RawBuilder<boolean>,
  hidden: string[],
): Promise<RawBuilder<boolean>> {
  // The form id is a literal, not a parameter, so the planner can match the form's partial indexes.
  const parts: RawBuilder<boolean>[] = [
    sql<boolean>`records.workspace_id = ${actor.workspaceId}`,
    sql<boolean>`records.form_id = ${sql.lit(formId)}`,
    sql<boolean>`records.deleted_at is null`,
    scope,
  ];
  if (query.filter) {
    parts.push(
      await compileCondition(
        {
          actor,
          fields: definition.fields,
          source: sql.ref('records.data'),
          systemColumns: true,
          definitionOf: async (id) => (await formVersion(db, actor.workspaceId, id)).definition,
          related: async (id) => {
            const target = await formAccess(db, actor, id);
            target.require('view');
            return {
              fields: target.fieldsIn(target.common('view')),
              rows: target.reachesAll('view') ? null : target.rows('view'),
            };
          },
          now: new Date(),
        },
        query.filter,
      ),
    );
  }
  if (query.search?.trim()) {
    const term = query.search
      .trim()
      .slice(0, 100)
      .replace(/[\\%_]/g, (c) => `\\${c}`);
    // Search never matches inside fields the user may not read.
    const data = hidden.length
      ? sql`(records.data - array[${sql.join(hidden)}]::text[])`
      : sql.ref('records.data');
    parts.push(sql<boolean>`${data}::text ilike ${`%${term}%`}`);
  }
  return sql<boolean>`${sql.join(parts, sql.raw(' and '))}`;
}

function assertValid(definition: FormDefinition, query: RecordQuery): void {
  const issues = queryIssues(definition, query);
  if (issues.length) throw new DomainError('validation_failed', 'The query is not valid.', issues);
}

/**
 * Runs the reads under a statement timeout (PostgreSQL cancels the statement; we answer 4xx). A value
 * the database cannot compare is blamed on `culprit`: the cursor when one was sent, else the filter.
 */
export async function withTimeout<T>(
  db: Executor,
  culprit: string,
  work: (trx: Executor) => Promise<T>,
): Promise<T> {
  try {
    return await inTransaction(db, async (trx) => {
      await sql`select set_config('statement_timeout', ${String(QUERY_TIMEOUT_MS)}, true)`.execute(trx);
      return work(trx);
    });
  } catch (error) {
    const code = error && typeof error === 'object' && 'code' in error ? String(error.code) : '';
    if (code === '57014') throw new QueryTooSlowError();
    // Data exceptions (class 22): a crafted cursor or value that does not fit the field's type.
    if (code.startsWith('22')) {
      throw new ValidationError('The query is not valid.', [
        {
          path: culprit,
          message:
            culprit === '/cursor'
              ? 'A value does not fit its field. Start again from the first page.'
              : 'A value does not fit its field.',
        },
      ]);
    }
    throw error;
  }
}

function cursorValue(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : (value ?? null);
}
