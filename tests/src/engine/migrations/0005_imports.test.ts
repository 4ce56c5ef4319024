import { migrateTo } from '@forecourt/engine';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase, withDdlLock } from '../../support/db';

let database: TestDatabase;
let db: Kysely<unknown>;
beforeAll(async () => {
  database = await openTestDatabase({ migrate: false });
  db = database.db as Kysely<unknown>;
  await withDdlLock(() => migrateTo(db, '0004_views'));
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

const newImport = (id: string, extra = sql``) =>
  sql`insert into imports (id, workspace_id, form_id, created_by, mode, file_name, format, mapping ${extra})
      values (${id}, 'ws_1', 'frm_1', 'usr_1', 'dryRun', 'parts.xlsx', 'xlsx', '{"0":"f_part_no"}')`;

async function tables(): Promise<string[]> {
  const { rows } = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db);
  return rows.map((r) => r.table_name);
}

describe('0005_imports', () => {
  it('creates imports with a workspace_id, its progress counters and a report', async () => {
    expect(await tables()).not.toContain('imports');
    expect(await withDdlLock(() => migrateTo(db, '0005_imports'))).toEqual(['0005_imports']);
    const { rows: columns } = await sql<{ column_name: string; is_nullable: string }>`
      select column_name, is_nullable from information_schema.columns
      where table_schema = current_schema() and table_name = 'imports' order by ordinal_position`.execute(db);
    expect(columns.map((c) => [c.column_name, c.is_nullable])).toEqual([
      ['id', 'NO'],
      ['workspace_id', 'NO'],
      ['form_id', 'NO'],
      ['created_by', 'YES'],
      ['status', 'NO'],
      ['mode', 'NO'],
      ['file_name', 'NO'],
      ['format', 'NO'],
      ['mapping', 'NO'],
      ['upsert_by', 'YES'],
      ['total_rows', 'NO'],
      ['processed_rows', 'NO'],
      ['error_count', 'NO'],
      ['report', 'YES'],
      ['created_at', 'NO'],
      ['updated_at', 'NO'],
    ]);
  });

  it('starts pending with zero progress, and accepts only the known states, modes and formats', async () => {
    await newImport('imp_1').execute(db);
    const { rows } = await sql<Record<string, unknown>>`
      select status, total_rows, processed_rows, error_count, report from imports where id = 'imp_1'`.execute(
      db,
    );
    expect(rows).toEqual([
      { status: 'pending', total_rows: 0, processed_rows: 0, error_count: 0, report: null },
    ]);
    for (const state of ['dry_run_done', 'running', 'done', 'failed']) {
      await sql`update imports set status = ${state} where id = 'imp_1'`.execute(db);
    }
    await expect(sql`update imports set status = 'lost' where id = 'imp_1'`.execute(db)).rejects.toThrow(
      /check/i,
    );
    await expect(sql`update imports set mode = 'maybe' where id = 'imp_1'`.execute(db)).rejects.toThrow(
      /check/i,
    );
    await expect(sql`update imports set format = 'xls' where id = 'imp_1'`.execute(db)).rejects.toThrow(
      /check/i,
    );
  });

  it('belongs to an existing form and workspace', async () => {
    await expect(
      sql`insert into imports (id, workspace_id, form_id, mode, file_name, format, mapping)
          values ('imp_2', 'ws_1', 'frm_nope', 'commit', 'a.csv', 'csv', '{}')`.execute(db),
    ).rejects.toThrow(/foreign key/i);
  });

  it('rolls back cleanly and applies again', async () => {
    await withDdlLock(() => migrateTo(db, '0004_views'));
    expect(await tables()).not.toContain('imports');
    expect(await tables()).toContain('views');
    expect(await withDdlLock(() => migrateTo(db, '0005_imports'))).toEqual(['0005_imports']);
    expect(await tables()).toContain('imports');
  });
});
