import { type Kysely, sql } from 'kysely';

/**
 * What each workspace installed from packages (docs/packages.md): one row per package, the version
 * installed and the id map from the package's own ids to the workspace's. Installing the same version
 * again reads this row and changes nothing; the map is what an upgrade or export will stand on.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('installed_packages')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('package_id', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('id_map', 'jsonb', (c) => c.notNull())
    .addColumn('installed_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('installed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('installed_packages_pk', ['workspace_id', 'package_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('installed_packages').ifExists().execute();
}
