import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../support/db';

let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
  await sql`create table counters (workspace_id text not null, id text primary key, value integer not null)`.execute(
    database.db,
  );
  await sql`insert into counters values ('ws', 'c', 0)`.execute(database.db);
});
afterAll(() => database?.close());

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('transactions under concurrency (PGlite serialised in-process, PostgreSQL by locks)', () => {
  it('never lets one request see or join another request’s open transaction', async () => {
    const db = database.db;
    let seenDuring = -1;
    const writer = db.transaction().execute(async (trx) => {
      await sql`update counters set value = 100 where id = 'c'`.execute(trx);
      await pause(50);
      throw new Error('roll back');
    });
    const reader = (async () => {
      await pause(10);
      const { rows } = await sql<{ value: number }>`select value from counters where id = 'c'`.execute(db);
      seenDuring = rows[0]!.value;
    })();
    await expect(writer).rejects.toThrow('roll back');
    await reader;
    expect(seenDuring).toBe(0);
    const { rows } = await sql<{ value: number }>`select value from counters where id = 'c'`.execute(db);
    expect(rows[0]!.value).toBe(0);
  });

  it('keeps 40 concurrent read-modify-write transactions from losing updates', async () => {
    await Promise.all(
      Array.from({ length: 40 }, () =>
        database.db.transaction().execute(async (trx) => {
          const { rows } = await sql<{
            value: number;
          }>`select value from counters where id = 'c' for update`.execute(trx);
          await pause(1);
          await sql`update counters set value = ${rows[0]!.value + 1} where id = 'c'`.execute(trx);
        }),
      ),
    );
    const { rows } = await sql<{ value: number }>`select value from counters where id = 'c'`.execute(
      database.db,
    );
    expect(rows[0]!.value).toBe(40);
  });

  it('rolls back a failed transaction whole and keeps serving', async () => {
    await expect(
      database.db.transaction().execute(async (trx) => {
        await sql`insert into counters values ('ws', 'd', 1)`.execute(trx);
        await sql`insert into counters values ('ws', 'd', 2)`.execute(trx);
      }),
    ).rejects.toThrow(/duplicate|unique/i);
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from counters where id = 'd'`.execute(
      database.db,
    );
    expect(rows[0]!.n).toBe(0);
  });
});
