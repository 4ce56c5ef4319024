import type { Kysely } from 'kysely';

/**
 * Which record field holds which uploaded file. The values live in the record's JSON; this index lets
 * "may this user read the file?" be answered by one lookup instead of scanning every record's data.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('record_files')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('record_id', 'text', (c) => c.notNull().references('records.id').onDelete('cascade'))
    /** The attachment, image or signature field; for a table column, the column's id. */
    .addColumn('field_id', 'text', (c) => c.notNull())
    // No cascade: a file still referenced by a record must not vanish underneath it.
    .addColumn('file_id', 'text', (c) => c.notNull().references('files.id'))
    .addPrimaryKeyConstraint('record_files_pk', ['record_id', 'field_id', 'file_id'])
    .execute();
  await db.schema.createIndex('record_files_file').on('record_files').columns(['file_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('record_files').execute();
}
