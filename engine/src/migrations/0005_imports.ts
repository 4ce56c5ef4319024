import { type Kysely, sql } from 'kysely';

/**
 * Record imports as jobs the client polls: the uploaded file waits under `<files>/imports/`, the row
 * says how far processing got and keeps the report (the bad rows and cells) for people to fix.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const now = sql`now()`;
  await db.schema
    .createTable('imports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('form_id', 'text', (c) => c.notNull().references('forms.id'))
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('pending')
        .check(sql`status in ('pending', 'dry_run_done', 'running', 'done', 'failed')`),
    )
    /** What was asked for last: a dry run, or the all-or-nothing commit. */
    .addColumn('mode', 'text', (c) => c.notNull().check(sql`mode in ('dryRun', 'commit')`))
    /** The uploaded file's own name, for people; the bytes are at `<files>/imports/<id>.<format>`. */
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull().check(sql`format in ('xlsx', 'csv')`))
    /** Column index → field id, resolved and checked at upload, so the commit imports what the dry run checked. */
    .addColumn('mapping', 'jsonb', (c) => c.notNull())
    .addColumn('upsert_by', 'text')
    .addColumn('total_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('processed_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('report', 'jsonb')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema
    .createIndex('imports_form')
    .on('imports')
    .columns(['workspace_id', 'form_id', 'created_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('imports').execute();
}
