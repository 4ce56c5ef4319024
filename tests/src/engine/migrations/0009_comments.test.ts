import { migrateTo } from '@forecourt/engine';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase, withDdlLock } from '../../support/db';

let database: TestDatabase;
let db: Kysely<unknown>;
beforeAll(async () => {
  database = await openTestDatabase({ migrate: false });
  db = database.db as Kysely<unknown>;
  await withDdlLock(() => migrateTo(db, '0008_subflows'));
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
  await sql`insert into records (id, workspace_id, form_id, form_version, data, created_at, updated_at)
            values ('rec_1', 'ws_1', 'frm_1', 1, '{}', now(), now())`.execute(db);
});
afterAll(() => database?.close());

const comment = (id: string, body: string, recordId = 'rec_1') =>
  sql`insert into record_comments (id, workspace_id, form_id, record_id, author_id, body)
      values (${id}, 'ws_1', 'frm_1', ${recordId}, 'usr_1', ${body})`;

async function hasTable(): Promise<boolean> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from information_schema.tables
    where table_schema = current_schema() and table_name = 'record_comments'`.execute(db);
  return rows[0]!.n === 1;
}

describe('0009_comments', () => {
  it('creates record_comments: a body of 1–2000 characters on an existing record, mentions default empty', async () => {
    expect(await withDdlLock(() => migrateTo(db, '0009_comments'))).toEqual(['0009_comments']);
    await comment('cmt_1', '发票已补齐').execute(db);
    const { rows } = await sql<{
      mentions: unknown;
    }>`select mentions from record_comments where id = 'cmt_1'`.execute(db);
    expect(rows[0]!.mentions).toEqual([]);
    await expect(comment('cmt_2', '').execute(db)).rejects.toThrow();
    await expect(comment('cmt_3', 'x'.repeat(2001)).execute(db)).rejects.toThrow();
    await expect(comment('cmt_4', 'x', 'rec_missing').execute(db)).rejects.toThrow();
  });

  it('undoes cleanly and applies again', async () => {
    await withDdlLock(() => migrateTo(db, '0008_subflows'));
    expect(await hasTable()).toBe(false);
    await withDdlLock(() => migrateTo(db, '0009_comments'));
    expect(await hasTable()).toBe(true);
  });
});
