import { createHash } from 'node:crypto';
import type { FieldDef, FormDefinition } from '@forecourt/schemas';
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
    const name = indexName(formId, field.id);
    const exists = await sql<{
      n: number;
    }>`select count(*)::int as n from pg_indexes where indexname = ${name} and schemaname = current_schema()`.execute(
      db,
    );
    if (exists.rows[0]?.n) continue;
    const concurrently = sql.raw(mode === 'postgres' ? 'concurrently' : '');
    await sql`create index ${concurrently} if not exists ${sql.id(name)} on records ((${fieldSql(field).expr}), id)
      where form_id = ${sql.lit(formId)} and deleted_at is null`.execute(db);
    // The planner ignores the statistics of partial indexes; expression statistics give it the
    // value distribution, so it can tell a selective filter from a broad one.
    await sql`create statistics if not exists ${sql.id(`${name}_st`)} on (${fieldSql(field).expr}) from records`.execute(db);
    created.push(name);
  }
  return created;
}
