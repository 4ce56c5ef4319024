import { createHash } from 'node:crypto';
import {
  type Condition,
  type FieldDef,
  type FormDefinition,
  fieldType,
  isFieldType,
  type RecordQuery,
} from '@forecourt/schemas';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema';
import { fieldSql } from './field-sql';

/** The name of a field's index: stable, short, and unique per form and field. */
export function indexName(formId: string, fieldId: string): string {
  return `rx_${createHash('sha256').update(`${formId}/${fieldId}`).digest('hex').slice(0, 20)}`;
}

/** Fields that get an index: marked `indexed`, and of a kind a B-tree can serve. */
export function indexedFields(definition: FormDefinition): FieldDef[] {
  return definition.fields.filter((f) => f.indexed && !f.hidden && fieldSql(f).indexable);
}

/**
 * Creates the partial, typed expression index of each indexed field: `(expr, id) WHERE form_id = …
 * AND deleted_at IS NULL`, the very expression the query compiler filters and sorts on. On
 * PostgreSQL it is built CONCURRENTLY (writes go on meanwhile), which cannot run in a transaction,
 * so call this after the publish has committed. Returns the indexes it created.
 */
export async function ensureIndexes(
  db: Kysely<Database>,
  mode: 'postgres' | 'pglite',
  formId: string,
  definition: FormDefinition,
): Promise<string[]> {
  const created: string[] = [];
  for (const field of indexedFields(definition)) {
    if (await createFieldIndex(db, mode, formId, field)) created.push(indexName(formId, field.id));
  }
  if (mode === 'postgres' && definition.fields.some((f) => f.indexed && !f.hidden && searchable(f))) {
    const name = searchIndexName(formId);
    const opclass = await trigramOperatorClass(db);
    if (opclass) {
      await sql`create index concurrently if not exists ${sql.id(name)} on records using gin ((data::text) ${opclass})
        where form_id = ${sql.lit(formId)} and deleted_at is null`.execute(db);
      created.push(name);
    }
  }
  return created;
}

/** Text a person searches in: a form with such a field indexed gets a trigram index for `search`. */
function searchable(field: FieldDef): boolean {
  return isFieldType(field.type) && fieldType(field.type).searchable === true;
}

export function searchIndexName(formId: string): string {
  return `rs_${createHash('sha256').update(formId).digest('hex').slice(0, 20)}`;
}

/**
 * pg_trgm's GIN operator class, schema-qualified (the extension may live in another schema than the
 * records). PostgreSQL only: PGlite can load pg_trgm but that costs seconds at every start, and small
 * installations search fast enough without it. Undefined when the extension cannot be installed.
 */
async function trigramOperatorClass(db: Kysely<Database>) {
  try {
    await sql`create extension if not exists pg_trgm`.execute(db);
    const { rows } = await sql<{ schema: string }>`
      select n.nspname as schema from pg_extension e join pg_namespace n on n.oid = e.extnamespace where e.extname = 'pg_trgm'`.execute(
      db,
    );
    return rows[0] ? sql.id(rows[0].schema, 'gin_trgm_ops') : undefined;
  } catch {
    return undefined;
  }
}

/** Builds one field's index and its expression statistics unless they exist; true when it built one. */
async function createFieldIndex(
  db: Kysely<Database>,
  mode: 'postgres' | 'pglite',
  formId: string,
  field: FieldDef,
): Promise<boolean> {
  const name = indexName(formId, field.id);
  const exists = await sql<{
    n: number;
  }>`select count(*)::int as n from pg_indexes where indexname = ${name} and schemaname = current_schema()`.execute(
    db,
  );
  if (exists.rows[0]?.n) return false;
  const concurrently = sql.raw(mode === 'postgres' ? 'concurrently' : '');
  await sql`create index ${concurrently} if not exists ${sql.id(name)} on records ((${fieldSql(field).expr}), id)
    where form_id = ${sql.lit(formId)} and deleted_at is null`.execute(db);
  // The planner ignores the statistics of partial indexes; expression statistics give it the
  // value distribution, so it can tell a selective filter from a broad one.
  await sql`create statistics if not exists ${sql.id(`${name}_st`)} on (${fieldSql(field).expr}) from records`.execute(
    db,
  );
  return true;
}

/**
 * The fields a saved view filters and sorts on get the same indexes as fields marked `indexed`, so
 * opening a view stays fast however many records the form holds. Returns the indexes it built.
 */
export async function ensureQueryIndexes(
  db: Kysely<Database>,
  mode: 'postgres' | 'pglite',
  formId: string,
  definition: FormDefinition,
  query: RecordQuery,
): Promise<string[]> {
  const ids = new Set((query.sort ?? []).map((s) => s.field));
  const walk = (condition: Condition | undefined) => {
    if (!condition) return;
    if ('and' in condition) condition.and.forEach(walk);
    else if ('or' in condition) condition.or.forEach(walk);
    else if ('field' in condition) ids.add(condition.field);
  };
  walk(query.filter);
  const created: string[] = [];
  for (const field of definition.fields) {
    if (
      ids.has(field.id) &&
      !field.hidden &&
      fieldSql(field).indexable &&
      (await createFieldIndex(db, mode, formId, field))
    ) {
      created.push(indexName(formId, field.id));
    }
  }
  return created;
}
