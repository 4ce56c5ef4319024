import { randomBytes } from 'node:crypto';
import { MIGRATION_TABLE, migrateTo, migrateToLatest, openDatabase } from '@forecourt/engine';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../../support/db';
import { TEST_DATABASE_URL, testDatabaseKind } from '../../support/env';

let database: TestDatabase;
let db: Kysely<unknown>;
beforeAll(async () => {
  database = await openIsolatedDatabase();
  db = database.db as Kysely<unknown>;
});
afterAll(() => database?.close());

/**
 * On PostgreSQL, a database of its own rather than a schema: Kysely's migrator introspects every
 * schema of the database, and a table dropped meanwhile by another test file's rollback makes that
 * fail ("relation … does not exist"). Rolling back is what this file does, so it stays out of the way.
 */
async function openIsolatedDatabase(): Promise<TestDatabase> {
  if (testDatabaseKind() !== 'postgres') return openTestDatabase({ migrate: false });
  const name = `fc_migration_${randomBytes(6).toString('hex')}`;
  await adminQuery(`create database ${name}`);
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.toString(), poolSize: 2 });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await adminQuery(`drop database if exists ${name} with (force)`);
    },
  };
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

async function tables(): Promise<string[]> {
  const { rows } = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(db);
  return rows.map((r) => r.table_name).filter((t) => !t.startsWith(MIGRATION_TABLE));
}

async function count(table: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(db);
  return rows[0]!.n;
}

describe('0003_files', () => {
  it('adds record_files with a workspace_id, its primary key and an index on file_id', async () => {
    await migrateTo(db, '0002_forms_records');
    expect(await tables()).not.toContain('record_files');
    expect(await migrateTo(db, '0003_files')).toEqual(['0003_files']);
    expect(await tables()).toContain('record_files');
    const { rows: columns } = await sql<{ column_name: string; is_nullable: string }>`
      select column_name, is_nullable from information_schema.columns
      where table_schema = current_schema() and table_name = 'record_files' order by ordinal_position`.execute(
      db,
    );
    expect(columns).toEqual([
      { column_name: 'workspace_id', is_nullable: 'NO' },
      { column_name: 'record_id', is_nullable: 'NO' },
      { column_name: 'field_id', is_nullable: 'NO' },
      { column_name: 'file_id', is_nullable: 'NO' },
    ]);
    const { rows: indexes } = await sql<{ indexdef: string }>`
      select indexdef from pg_indexes where schemaname = current_schema() and tablename = 'record_files'
      order by indexname`.execute(db);
    expect(indexes.map((i) => i.indexdef.replace(/^.* USING btree /, ''))).toEqual([
      '(file_id)',
      '(record_id, field_id, file_id)',
    ]);
  });

  it('follows its record when deleted, but keeps a referenced file from disappearing', async () => {
    await sql`insert into workspaces (id, workspace_id, name) values ('ws_1', 'ws_1', 'W')`.execute(db);
    await sql`insert into apps (id, workspace_id, name) values ('app_1', 'ws_1', '{}')`.execute(db);
    await sql`insert into forms (id, workspace_id, app_id, draft) values ('frm_1', 'ws_1', 'app_1', '{}')`.execute(
      db,
    );
    await sql`insert into records (id, workspace_id, form_id, form_version, data) values ('rec_1', 'ws_1', 'frm_1', 1, '{}')`.execute(
      db,
    );
    await sql`insert into files (id, workspace_id, name, mime, size, sha256) values ('fil_1', 'ws_1', 'a.png', 'image/png', 1, 'x')`.execute(
      db,
    );
    const link = sql`insert into record_files (workspace_id, record_id, field_id, file_id) values ('ws_1', 'rec_1', 'f_photos', 'fil_1')`;
    await link.execute(db);
    await expect(link.execute(db)).rejects.toThrow(/duplicate|unique/i);
    await expect(
      sql`insert into record_files (workspace_id, record_id, field_id, file_id) values ('ws_1', 'rec_1', 'f_photos', 'fil_nope')`.execute(
        db,
      ),
    ).rejects.toThrow(/foreign key/i);
    await expect(sql`delete from files where id = 'fil_1'`.execute(db)).rejects.toThrow(/foreign key/i);
    await sql`delete from records where id = 'rec_1'`.execute(db);
    expect(await count('record_files')).toBe(0);
    expect(await count('files')).toBe(1);
  });

  it('rolls back cleanly and applies again', async () => {
    await migrateTo(db, '0002_forms_records');
    expect(await tables()).not.toContain('record_files');
    expect(await tables()).toContain('files');
    expect(await migrateToLatest(db)).toContain('0003_files');
    expect(await tables()).toContain('record_files');
  });
});
