import { type Kysely, sql } from 'kysely';

/**
 * Access control: app roles, per-form permission sets, public links, the audit log, API token
 * scopes, and the record columns a public fill writes. Indexes let the "own" and "department" row
 * scopes serve the default newest-first list without scanning other people's records.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const now = sql`now()`;
  await db.schema
    .createTable('app_roles')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('app_id', 'text', (c) => c.notNull().references('apps.id').onDelete('cascade'))
    .addColumn('subject_type', 'text', (c) =>
      c.notNull().check(sql`subject_type in ('user', 'department', 'role')`),
    )
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('admin', 'member')`))
    .addPrimaryKeyConstraint('app_roles_pk', ['app_id', 'subject_type', 'subject_id'])
    .execute();

  await db.schema
    .createTable('permission_sets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('form_id', 'text', (c) => c.notNull().references('forms.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    /** The ready-made set it started from (`submitOnly`, …), or null for a custom one. */
    .addColumn('preset', 'text')
    .addColumn('actions', 'jsonb', (c) => c.notNull())
    /** Field ids, or null for every field (including fields added later). */
    .addColumn('read_fields', 'jsonb')
    .addColumn('write_fields', 'jsonb')
    .addColumn('scope', 'jsonb', (c) => c.notNull())
    /** `{ users: [], departments: [], roles: [] }`; a department includes the departments below it. */
    .addColumn('assignees', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema
    .createIndex('permission_sets_form')
    .on('permission_sets')
    .columns(['workspace_id', 'form_id'])
    .execute();

  await db.schema
    .createTable('public_links')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('form_id', 'text', (c) => c.notNull().references('forms.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('fill', 'query')`))
    /** The unguessable part of the URL: a capability shown to admins again, like any share link. */
    .addColumn('token', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('expires_at', 'timestamptz')
    .addColumn('disabled_at', 'timestamptz')
    .addColumn('channel', 'text')
    /** Requests per minute, for the link as a whole. */
    .addColumn('rate_limit', 'integer', (c) => c.notNull().defaultTo(30))
    .addColumn('query_fields', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('result_fields', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema
    .createIndex('public_links_form')
    .on('public_links')
    .columns(['workspace_id', 'form_id'])
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('actor_id', 'text')
    .addColumn('via', 'text', (c) => c.notNull())
    .addColumn('token_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text')
    .addColumn('target_id', 'text')
    .addColumn('details', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('ip', 'text')
    .execute();
  await db.schema.createIndex('audit_log_recent').on('audit_log').columns(['workspace_id', 'id']).execute();

  /** `[{ appId, access: 'read' | 'write' }]`; null: everything the user may do. */
  await db.schema.alterTable('api_tokens').addColumn('scopes', 'jsonb').execute();
  /** The public link's channel tag a record came in through (a marketing campaign, a QR code). */
  await db.schema.alterTable('records').addColumn('channel', 'text').execute();

  await sql`create index records_form_owner on records (form_id, owner_id, created_at desc, id desc) where deleted_at is null`.execute(
    db,
  );
  await sql`create index records_form_dept on records (form_id, dept_id, created_at desc, id desc) where deleted_at is null`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists records_form_dept`.execute(db);
  await sql`drop index if exists records_form_owner`.execute(db);
  await db.schema.alterTable('records').dropColumn('channel').execute();
  await db.schema.alterTable('api_tokens').dropColumn('scopes').execute();
  for (const table of ['audit_log', 'public_links', 'permission_sets', 'app_roles']) {
    await db.schema.dropTable(table).execute();
  }
}
