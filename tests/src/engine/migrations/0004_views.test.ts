import { migrateTo } from '@forecourt/engine';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase, withDdlLock } from '../../support/db';

let database: TestDatabase;
let db: Kysely<unknown>;
beforeAll(async () => {
  database = await openTestDatabase({ migrate: false });
  db = database.db as Kysely<unknown>;
  await withDdlLock(() => migrateTo(db, '0003_files'));
  await sql`insert into workspaces (id, workspace_id, name) values ('ws_1', 'ws_1', 'W')`.execute(db);
  await sql`insert into users (id, workspace_id, email, name, password_hash) values ('usr_1', 'ws_1', 'a@b.test', 'A', 'x')`.execute(
    db,
  );
  await sql`insert into apps (id, workspace_id, name) values ('app_1', 'ws_1', '{"zh":"a","en":"a"}')`.execute(
    db,
  );
  await sql`insert into forms (id, workspace_id, app_id, draft) values ('frm_1', 'ws_1', 'app_1', '{}')`.execute(
    db,
  );
});
afterAll(() => database?.close());

const history = (action: string) =>
  sql`insert into record_history (workspace_id, record_id, form_id, rev, action, via, changes)
      values ('ws_1', 'rec_gone', 'frm_1', 3, ${action}, 'api', '{}')`;

async function tables(): Promise<string[]> {
  const { rows } = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db);
  return rows.map((r) => r.table_name);
}

describe('0004_views', () => {
  it('refuses a purge history entry before it, and accepts one after it', async () => {
    await expect(history('purge').execute(db)).rejects.toThrow(/check/i);
    expect(await withDdlLock(() => migrateTo(db, '0004_views'))).toEqual(['0004_views']);
    await history('purge').execute(db);
    await expect(history('vanish').execute(db)).rejects.toThrow(/check/i);
  });

  it('creates views with a workspace_id, shared (no owner) or personal, tied to a form', async () => {
    const { rows: columns } = await sql<{ column_name: string; is_nullable: string }>`
      select column_name, is_nullable from information_schema.columns
      where table_schema = current_schema() and table_name = 'views' order by ordinal_position`.execute(db);
    expect(columns.map((c) => [c.column_name, c.is_nullable])).toEqual([
      ['id', 'NO'],
      ['workspace_id', 'NO'],
      ['form_id', 'NO'],
      ['name', 'NO'],
      ['owner_id', 'YES'],
      ['query', 'NO'],
      ['columns', 'NO'],
      ['sort', 'NO'],
      ['created_at', 'NO'],
      ['updated_at', 'NO'],
    ]);
    await sql`insert into views (id, workspace_id, form_id, name) values ('viw_shared', 'ws_1', 'frm_1', '{"zh":"全部","en":"All"}')`.execute(
      db,
    );
    await sql`insert into views (id, workspace_id, form_id, name, owner_id) values ('viw_mine', 'ws_1', 'frm_1', '{"zh":"我的","en":"Mine"}', 'usr_1')`.execute(
      db,
    );
    const { rows } = await sql<{ query: unknown; columns: unknown; sort: number }>`
      select query, columns, sort from views where id = 'viw_shared'`.execute(db);
    expect(rows[0]).toEqual({ query: {}, columns: [], sort: 0 });
    await expect(
      sql`insert into views (id, workspace_id, form_id, name) values ('viw_x', 'ws_1', 'frm_nope', '{}')`.execute(
        db,
      ),
    ).rejects.toThrow(/foreign key/i);
    // A personal view goes with its owner.
    await sql`delete from users where id = 'usr_1'`.execute(db);
    const { rows: left } = await sql<{ id: string }>`select id from views order by id`.execute(db);
    expect(left.map((r) => r.id)).toEqual(['viw_shared']);
  });

  it('indexes the recycle bin order', async () => {
    const { rows } = await sql<{ indexdef: string }>`
      select indexdef from pg_indexes where schemaname = current_schema() and indexname = 'records_form_deleted'`.execute(
      db,
    );
    expect(rows[0]?.indexdef).toMatch(
      /\(form_id, deleted_at DESC, id DESC\) WHERE \(deleted_at IS NOT NULL\)/,
    );
  });

  it('rolls back without losing purge entries already written, and applies again', async () => {
    await withDdlLock(() => migrateTo(db, '0003_files'));
    expect(await tables()).not.toContain('views');
    await expect(history('purge').execute(db)).rejects.toThrow(/check/i);
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from record_history where action = 'purge'`.execute(db);
    expect(rows[0]!.n).toBe(1);
    expect(await withDdlLock(() => migrateTo(db, '0004_views'))).toEqual(['0004_views']);
    expect(await tables()).toContain('views');
  });
});
