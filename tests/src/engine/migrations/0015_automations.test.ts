import { migrateTo } from '@forecourt/engine';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase, withDdlLock } from '../../support/db';

const NAME = '0015_automations';
/** The migration before this one, whichever it is once branches meet. */
let previous: string;
let database: TestDatabase;
let db: Kysely<unknown>;
beforeAll(async () => {
  const { migrations } = await import('../../../../engine/src/migrations');
  const names = Object.keys(migrations);
  previous = names[names.indexOf(NAME) - 1]!;
  database = await openTestDatabase({ migrate: false });
  db = database.db as Kysely<unknown>;
  await withDdlLock(() => migrateTo(db, previous));
});
afterAll(() => database?.close());

async function columns(table: string): Promise<string[]> {
  const { rows } = await sql<{ column_name: string }>`
    select column_name from information_schema.columns
    where table_schema = current_schema() and table_name = ${table} order by column_name`.execute(db);
  return rows.map((row) => row.column_name);
}

describe(NAME, () => {
  it('adds automations and their runs, one run per event key', async () => {
    expect(await withDdlLock(() => migrateTo(db, NAME))).toEqual([NAME]);
    expect(await columns('automations')).toEqual([
      'created_at',
      'created_by',
      'definition',
      'enabled',
      'form_id',
      'id',
      'updated_at',
      'version',
      'workspace_id',
    ]);
    expect(await columns('automation_runs')).toContain('event_key');
    const { rows } = await sql<{ indexdef: string }>`
      select indexdef from pg_indexes where tablename in ('automations', 'automation_runs')`.execute(db);
    const indexes = rows.map((row) => row.indexdef).join('\n');
    expect(indexes).toMatch(/UNIQUE INDEX .* \(event_key\)/);
    expect(indexes).toMatch(/automations_listening .* WHERE enabled/);
  });

  it('undoes cleanly and applies again', async () => {
    await withDdlLock(() => migrateTo(db, previous));
    expect(await columns('automations')).toEqual([]);
    expect(await columns('automation_runs')).toEqual([]);
    await withDdlLock(() => migrateTo(db, NAME));
    expect(await columns('automation_runs')).toContain('status');
  });
});
