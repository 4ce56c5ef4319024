import {
  type AggregateDimension,
  type AggregateMeasure,
  type AggregateQuery,
  type AggregateResult,
  aggregateIssues,
  DEFAULT_TIME_ZONE,
  dimensionKey,
  type FieldDef,
  fieldType,
  isSystemColumn,
  MAX_AGGREGATE_ROWS,
  measureKey,
  valueTypeOf,
} from '@forecourt/schemas';
import { type RawBuilder, sql } from 'kysely';
import type { Actor } from '../accounts/actor';
import type { Executor } from '../db/schema';
import { DomainError } from '../errors';
import { fieldSql, systemColumnSql } from '../query/field-sql';
import { type QueryOptions, readScope, whereClause, withTimeout } from './query';

/**
 * A form's records grouped and summarised in one SQL statement, over exactly the rows a list with the
 * same filter would show the user (`readScope` and `whereClause`, shared with lists): their row scope,
 * and only fields shown on every row they reach, so a hidden field is refused like in a list filter.
 * A record holding several values of a grouped field (options, people, links) counts under each.
 */
export async function aggregateRecords(
  db: Executor,
  actor: Actor,
  formId: string,
  query: AggregateQuery,
  options: QueryOptions = {},
): Promise<AggregateResult> {
  const { access, action, definition, hidden } = await readScope(db, actor, formId, options);
  const issues = aggregateIssues(definition, query);
  if (issues.length) throw new DomainError('validation_failed', 'The aggregate query is not valid.', issues);
  const fields = new Map(definition.fields.map((f) => [f.id, f]));
  const where = await whereClause(
    db,
    actor,
    formId,
    definition,
    query.filter ? { filter: query.filter } : {},
    access.rows(action),
    hidden,
  );
  const dimensions = (query.dimensions ?? []).map((d, i) => compileDimension(d, i, fields.get(d.field)));
  const measures = query.measures.map((m, i) =>
    compileMeasure(m, i, m.field ? fields.get(m.field) : undefined),
  );
  const limit = query.limit ?? MAX_AGGREGATE_ROWS;
  const columns = [
    ...dimensions.map((d) => sql`${d.select} as ${sql.id(d.alias)}`),
    ...measures.map((m) => sql`${m.select} as ${sql.id(m.alias)}`),
  ];
  const joins = dimensions.flatMap((d) => (d.join ? [d.join] : []));
  const groupBy = dimensions.length
    ? sql`group by ${sql.raw(dimensions.map((_, i) => i + 1).join(', '))}`
    : sql``;
  const statement = sql<Record<string, unknown>>`
    select ${sql.join(columns)} from records ${sql.join(joins, sql` `)}
    where ${where} ${groupBy}
    order by ${orderBy(query, dimensions, measures)} limit ${limit + 1}`;
  const rows = await withTimeout(db, '/filter', async (trx) => (await statement.execute(trx)).rows);
  return {
    rows: rows.slice(0, limit).map((row) => {
      const answer: Record<string, unknown> = {};
      for (const d of dimensions) answer[d.key] = d.read(row[d.alias]);
      for (const m of measures) answer[m.key] = m.read(row[m.alias]);
      return answer;
    }),
    truncated: rows.length > limit,
  };
}

interface Column {
  key: string;
  /** Positional, so that a long key never meets PostgreSQL's 63-byte name limit. */
  alias: string;
  select: RawBuilder<unknown>;
  join?: RawBuilder<unknown>;
  read(value: unknown): unknown;
}

const asIs = (value: unknown) => (value instanceof Date ? value.toISOString() : (value ?? null));

/**
 * A dimension's value: the stored JSON value (as the records API returns it: ids for people and links),
 * empty text and JSON null as null; a list's elements one by one; a date bucket's first day (`YYYY-MM-DD`,
 * weeks from Monday) in the workspace time zone.
 */
function compileDimension(dimension: AggregateDimension, i: number, field: FieldDef | undefined): Column {
  const alias = `d${i}`;
  const key = dimensionKey(dimension);
  const column = isSystemColumn(dimension.field) ? systemColumnSql(dimension.field) : undefined;
  if (dimension.bucket) {
    const zone = sql.lit(DEFAULT_TIME_ZONE);
    let local: RawBuilder<unknown>;
    if (column?.kind === 'timestamp') local = sql`(${column.expr} at time zone ${zone})`;
    else {
      const text = column ? column.expr : sql`nullif(records.data->>${sql.lit(dimension.field)}, '')`;
      // A calendar date (`YYYY-MM-DD`) is a local day already; anything longer is an instant (UTC ISO text).
      local = sql`(case when length(${text}) = 10 then ${text}::date::timestamp else ${text}::timestamptz at time zone ${zone} end)`;
    }
    const select = sql`to_char(date_trunc(${sql.lit(dimension.bucket)}, ${local}), 'YYYY-MM-DD')`;
    return { key, alias, select, read: asIs };
  }
  if (column) return { key, alias, select: column.expr, read: asIs };
  const json = sql`(records.data->${sql.lit(dimension.field)})`;
  if (field && fieldSql(field).kind === 'array') {
    const each = sql.id(`u${i}`);
    return {
      key,
      alias,
      select: sql`${each}.value`,
      join: sql`left join lateral jsonb_array_elements(case when jsonb_typeof(${json}) = 'array' then ${json} else '[]'::jsonb end) as ${each}(value) on true`,
      read: asIs,
    };
  }
  return { key, alias, select: sql`nullif(nullif(${json}, 'null'::jsonb), '""'::jsonb)`, read: asIs };
}

/**
 * A measure's SQL. Sums, minima and maxima of numbers are computed in `numeric` and come back exact: as
 * decimal text for fields whose values are text (money), as numbers for number fields; averages as numbers.
 */
function compileMeasure(measure: AggregateMeasure, i: number, field: FieldDef | undefined): Column {
  const alias = `m${i}`;
  const key = measureKey(measure);
  if (!measure.field) return { key, alias, select: sql`count(*)::int`, read: asIs };
  const column = isSystemColumn(measure.field) ? systemColumnSql(measure.field) : undefined;
  const json = sql`(records.data->${sql.lit(measure.field)})`;
  const value = column ? column.expr : sql`nullif(nullif(${json}, 'null'::jsonb), '""'::jsonb)`;
  switch (measure.op) {
    case 'count':
      return {
        key,
        alias,
        select: column
          ? sql`count(${value})::int`
          : sql`(count(*) filter (where ${value} is not null and ${value} not in ('[]'::jsonb, '{}'::jsonb)))::int`,
        read: asIs,
      };
    case 'countDistinct':
      return { key, alias, select: sql`count(distinct ${value})::int`, read: asIs };
    case 'sum':
    case 'avg':
    case 'min':
    case 'max': {
      const numeric = !column && field && fieldSql(field).kind === 'numeric';
      if (!numeric) {
        if (measure.op === 'sum' || measure.op === 'avg')
          throw new DomainError('validation_failed', 'The aggregate query is not valid.', [
            { path: `/measures/${i}/op`, code: 'aggregate.op_not_applicable', message: 'needs numbers' },
          ]);
        // Dates and times: fixed-width ISO text, or the record's own timestamps, order as they read.
        const text = column ? column.expr : sql`nullif(records.data->>${sql.lit(measure.field)}, '')`;
        return { key, alias, select: sql`${sql.raw(measure.op)}(${text})`, read: asIs };
      }
      const expr = sql`(nullif(records.data->>${sql.lit(measure.field)}, ''))::numeric`;
      if (measure.op === 'avg') return { key, alias, select: sql`avg(${expr})::float8`, read: asIs };
      const asText = field && valuesAreText(field);
      return {
        key,
        alias,
        select: sql`(${sql.raw(measure.op)}(${expr}))::text`,
        read: (v) => (v === null || v === undefined ? null : asText ? String(v) : Number(v)),
      };
    }
  }
}

/** Whether the field's values are JSON text (money, exact decimals) rather than JSON numbers. */
function valuesAreText(field: FieldDef): boolean {
  const type = valueTypeOf(field);
  return fieldType(type).valueSchema({ ...field, type } as FieldDef).type === 'string';
}

function orderBy(query: AggregateQuery, dimensions: Column[], measures: Column[]): RawBuilder<unknown> {
  const aliases = new Map([...dimensions, ...measures].map((c) => [c.key, c.alias]));
  const keys = (query.sort ?? []).map((s) => ({ alias: aliases.get(s.by) ?? 'm0', dir: s.dir ?? 'asc' }));
  // Then by every dimension, so that equal measures come in a stable order.
  for (const d of dimensions)
    if (!keys.some((k) => k.alias === d.alias)) keys.push({ alias: d.alias, dir: 'asc' });
  if (!keys.length) return sql`1`;
  return sql.join(
    keys.map((k) => sql`${sql.id(k.alias)} ${sql.raw(k.dir === 'desc' ? 'desc' : 'asc')} nulls last`),
  );
}
