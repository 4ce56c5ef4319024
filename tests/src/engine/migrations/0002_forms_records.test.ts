import { migrateTo } from '@forecourt/engine';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase, withDdlLock } from '../../support/db';

let database: TestDatabase;
let db: Kysely<unknown>;
beforeAll(async () => {
  database = await openTestDatabase({ migrate: false });
  db = database.db as Kysely<unknown>;
  await withDdlLock(() => migrateTo(db, '0002_forms_records'));
  await sql`insert into workspaces (id, workspace_id, name) values ('ws_1', 'ws_1', 'W')`.execute(db);
  await sql`insert into apps (id, workspace_id, name) values ('app_1', 'ws_1', '{"zh":"a","en":"a"}')`.execute(
    db,
  );
  await sql`insert into forms (id, workspace_id, app_id, draft) values ('frm_1', 'ws_1', 'app_1', '{}')`.execute(
    db,
  );
});
afterAll(() => database?.close());

const TABLES = [
  'apps',
  'forms',
  'form_versions',
  'records',
  'record_links',
  'record_history',
  'serial_counters',
  'files',
  'jobs',
];

describe('0002_forms_records', () => {
  it('creates the form and record tables, each with a workspace_id', async () => {
    const { rows } = await sql<{ table_name: string }>`
      select table_name from information_schema.columns
      where table_schema = current_schema() and column_name = 'workspace_id' and is_nullable = 'NO'`.execute(
      db,
    );
    expect(rows.map((r) => r.table_name)).toEqual(expect.arrayContaining(TABLES));
  });

  it('drops a record’s links with the record, and keeps published versions unique', async () => {
    await sql`insert into records (id, workspace_id, form_id, form_version, data) values ('r1', 'ws_1', 'frm_1', 1, '{}'), ('r2', 'ws_1', 'frm_1', 1, '{}')`.execute(
      db,
    );
    await sql`insert into record_links (workspace_id, from_record, field_id, to_record) values ('ws_1', 'r1', 'f_x', 'r2')`.execute(
      db,
    );
    await sql`delete from records where id = 'r2'`.execute(db);
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from record_links`.execute(db);
    expect(rows[0]!.n).toBe(0);
    await sql`insert into form_versions (workspace_id, form_id, version, definition) values ('ws_1', 'frm_1', 1, '{}')`.execute(
      db,
    );
    await expect(
      sql`insert into form_versions (workspace_id, form_id, version, definition) values ('ws_1', 'frm_1', 1, '{}')`.execute(
        db,
      ),
    ).rejects.toThrow(/unique|duplicate/i);
  });

  it('makes a job dedup key harmless to repeat, and checks job states', async () => {
    await sql`insert into jobs (workspace_id, kind, payload, dedup_key) values ('ws_1', 'k', '{}', 'once')`.execute(
      db,
    );
    await sql`insert into jobs (workspace_id, kind, payload, dedup_key) values ('ws_1', 'k', '{}', 'once') on conflict (dedup_key) do nothing`.execute(
      db,
    );
    const { rows } = await sql<{
      n: number;
    }>`select count(*)::int as n from jobs where dedup_key = 'once'`.execute(db);
    expect(rows[0]!.n).toBe(1);
    await expect(
      sql`insert into jobs (workspace_id, kind, payload, status) values ('ws_1', 'k', '{}', 'lost')`.execute(
        db,
      ),
    ).rejects.toThrow(/check/i);
  });

  it('counts serials once per form, field and period', async () => {
    await sql`insert into serial_counters (workspace_id, form_id, field_id, period, value) values ('ws_1', 'frm_1', 'f_no', '2026', 1)`.execute(
      db,
    );
    await expect(
      sql`insert into serial_counters (workspace_id, form_id, field_id, period, value) values ('ws_1', 'frm_1', 'f_no', '2026', 2)`.execute(
        db,
      ),
    ).rejects.toThrow(/unique|duplicate/i);
  });
});
