import { migrateTo } from '@forecourt/engine';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase, withDdlLock } from '../../support/db';

const NAME = '0014_installed_packages';
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
  it('adds installed_packages, one row per package and workspace', async () => {
    expect(await withDdlLock(() => migrateTo(db, NAME))).toEqual([NAME]);
    expect(await columns('installed_packages')).toEqual([
      'id_map',
      'installed_at',
      'installed_by',
      'package_id',
      'version',
      'workspace_id',
    ]);
    await sql`insert into workspaces (id, workspace_id, name) values ('wsp_m14', 'wsp_m14', 'M14')`.execute(
      db,
    );
    const row = sql`insert into installed_packages (workspace_id, package_id, version, id_map)
      values ('wsp_m14', 'service', '1.0.0', '{}'::jsonb)`;
    await row.execute(db);
    await expect(row.execute(db)).rejects.toThrow();
    await sql`delete from workspaces where id = 'wsp_m14'`.execute(db);
    const { rows } = await sql`select * from installed_packages`.execute(db);
    expect(rows).toEqual([]);
  });

  it('undoes cleanly and applies again', async () => {
    await withDdlLock(() => migrateTo(db, previous));
    expect(await columns('installed_packages')).toEqual([]);
    await withDdlLock(() => migrateTo(db, NAME));
    expect(await columns('installed_packages')).toContain('package_id');
  });
});
