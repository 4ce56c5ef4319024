import { MIGRATION_TABLE, migrateTo, migrateToLatest } from '@forecourt/engine';
import { type Kysely, sql } from 'kysely';
import { NO_MIGRATIONS } from 'kysely/migration';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase, withDdlLock } from '../../support/db';

let database: TestDatabase;
let db: Kysely<unknown>;
beforeAll(async () => {
  database = await openTestDatabase({ migrate: false });
  db = database.db as Kysely<unknown>;
});
afterAll(() => database?.close());

const TABLES = [
  'api_tokens',
  'department_members',
  'departments',
  'instance_secrets',
  'role_members',
  'roles',
  'sessions',
  'users',
  'workspaces',
];

async function tables(): Promise<string[]> {
  const { rows } = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(db);
  return rows.map((r) => r.table_name).filter((t) => !t.startsWith(MIGRATION_TABLE));
}

describe('0001_accounts', () => {
  it('creates the account and organisation tables, each with a workspace_id', async () => {
    expect(await withDdlLock(() => migrateTo(db, '0001_accounts'))).toEqual(['0001_accounts']);
    expect(await tables()).toEqual(TABLES);
    const { rows } = await sql<{ table_name: string }>`
      select table_name from information_schema.columns
      where table_schema = current_schema() and column_name = 'workspace_id' and is_nullable = 'NO'`.execute(
      db,
    );
    expect(rows.map((r) => r.table_name).sort()).toEqual(TABLES);
  });

  it('enforces unique e-mails regardless of case and one primary department per user', async () => {
    await sql`insert into workspaces (id, workspace_id, name) values ('ws_1', 'ws_1', 'W')`.execute(db);
    await sql`insert into users (id, workspace_id, email, name, password_hash) values ('u1', 'ws_1', 'a@b.c', 'A', 'h')`.execute(
      db,
    );
    await expect(
      sql`insert into users (id, workspace_id, email, name, password_hash) values ('u2', 'ws_1', 'A@B.C', 'A', 'h')`.execute(
        db,
      ),
    ).rejects.toThrow(/unique/i);
    await sql`insert into departments (id, workspace_id, name, kind) values ('d1', 'ws_1', 'D1', 'store'), ('d2', 'ws_1', 'D2', 'store')`.execute(
      db,
    );
    await sql`insert into department_members (workspace_id, department_id, user_id, is_primary) values ('ws_1', 'd1', 'u1', true)`.execute(
      db,
    );
    await expect(
      sql`insert into department_members (workspace_id, department_id, user_id, is_primary) values ('ws_1', 'd2', 'u1', true)`.execute(
        db,
      ),
    ).rejects.toThrow(/unique/i);
    await expect(
      sql`insert into departments (id, workspace_id, name, kind) values ('d3', 'ws_1', 'D3', 'shop')`.execute(
        db,
      ),
    ).rejects.toThrow(/check/i);
  });

  it('rolls back cleanly and applies again', async () => {
    await withDdlLock(() => migrateTo(db, NO_MIGRATIONS));
    expect(await tables()).toEqual([]);
    expect(await withDdlLock(() => migrateTo(db, '0001_accounts'))).toEqual(['0001_accounts']);
    expect(await tables()).toEqual(TABLES);
    expect(await withDdlLock(() => migrateToLatest(db))).not.toContain('0001_accounts');
  });
});
