import { type Kysely, sql } from 'kysely';
import { type MigrationResultSet, Migrator, type NoMigrations } from 'kysely/migration';
import { migrations } from '../migrations';

/** Bookkeeping tables of the migrator: the only tables without a workspace_id. */
export const MIGRATION_TABLE = 'forecourt_migration';

/**
 * The migrator keeps its bookkeeping in the session's current schema, named explicitly: left
 * implicit, Kysely looks for its tables in every schema and would take another schema's for ours.
 */
export async function migrator(db: Kysely<unknown>): Promise<Migrator> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  return new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: `${MIGRATION_TABLE}_lock`,
    migrationTableSchema: rows[0]?.schema ?? 'public',
  });
}

/** Brings the schema to the newest version; safe when several processes start at once. */
export async function migrateToLatest(db: Kysely<unknown>): Promise<string[]> {
  if (await isUpToDate(db)) return [];
  return applied(await (await migrator(db)).migrateToLatest());
}

/**
 * The common case at start-up, in one query: every migration is already applied. Kysely's migrator
 * would first introspect the whole catalogue, which takes half a second on PGlite.
 */
async function isUpToDate(db: Kysely<unknown>): Promise<boolean> {
  try {
    const { rows } = await sql<{ name: string }>`select name from ${sql.table(MIGRATION_TABLE)}`.execute(db);
    const done = new Set(rows.map((r) => r.name));
    return Object.keys(migrations).every((name) => done.has(name));
  } catch {
    return false; // no bookkeeping table yet: a new database
  }
}

export async function migrateTo(db: Kysely<unknown>, name: string | NoMigrations): Promise<string[]> {
  return applied(await (await migrator(db)).migrateTo(name));
}

function applied({ error, results }: MigrationResultSet): string[] {
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new Error(
      `Migration ${failed ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`,
      {
        cause: error,
      },
    );
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
