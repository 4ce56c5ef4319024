import { migrateTo } from '@forecourt/engine';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase, withDdlLock } from '../../support/db';

const NAME = '0011_login_throttle';
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
  it('adds login_throttle keyed by (email, source) and drops the account lock columns', async () => {
    expect(await withDdlLock(() => migrateTo(db, NAME))).toEqual([NAME]);
    expect(await columns('login_throttle')).toEqual([
      'blocked_until',
      'email',
      'failures',
      'last_failure_at',
      'source',
    ]);
    expect(await columns('users')).not.toContain('locked_until');
    const row = sql`insert into login_throttle (email, source, failures) values ('a@b.test', '10.0.0.1', 1)`;
    await row.execute(db);
    await expect(row.execute(db)).rejects.toThrow();
  });

  it('undoes cleanly and applies again', async () => {
    await withDdlLock(() => migrateTo(db, previous));
    expect(await columns('login_throttle')).toEqual([]);
    expect(await columns('users')).toEqual(expect.arrayContaining(['failed_logins', 'locked_until']));
    await withDdlLock(() => migrateTo(db, NAME));
    expect(await columns('login_throttle')).toContain('source');
  });
});
