import { type Kysely, sql } from 'kysely';

const ACTIONS_BEFORE = sql`action in ('create', 'update', 'delete', 'restore', 'convert')`;
const ACTIONS = sql`action in ('create', 'update', 'delete', 'restore', 'convert', 'purge')`;

/**
 * Saved views of a form (a query plus the columns to show), shared or personal; an index for the
 * recycle bin's order; and 'purge' as a history action, so a permanently deleted record keeps its
 * history with a last entry saying who removed it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const now = sql`now()`;
  await db.schema
    .createTable('views')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('form_id', 'text', (c) => c.notNull().references('forms.id'))
    .addColumn('name', 'jsonb', (c) => c.notNull())
    /** null: shared with everyone (admins manage it); else a personal view only its owner sees. */
    .addColumn('owner_id', 'text', (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('query', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('columns', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('views_form').on('views').columns(['form_id', 'owner_id', 'sort']).execute();

  // The recycle bin lists a form's deleted records, most recently deleted first, as a keyset.
  await sql`create index records_form_deleted on records (form_id, deleted_at desc, id desc) where deleted_at is not null`.execute(
    db,
  );

  await sql`alter table record_history drop constraint record_history_action_check`.execute(db);
  await sql`alter table record_history add constraint record_history_action_check check (${ACTIONS})`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // NOT VALID: rows already written with 'purge' stay (history is never rewritten); new ones are refused.
  await sql`alter table record_history drop constraint record_history_action_check`.execute(db);
  await sql`alter table record_history add constraint record_history_action_check check (${ACTIONS_BEFORE}) not valid`.execute(
    db,
  );
  await sql`drop index records_form_deleted`.execute(db);
  await db.schema.dropTable('views').execute();
}
