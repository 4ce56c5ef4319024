import { migrateTo } from '@forecourt/engine';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase, withDdlLock } from '../../support/db';

let database: TestDatabase;
let db: Kysely<unknown>;
beforeAll(async () => {
  database = await openTestDatabase({ migrate: false });
  db = database.db as Kysely<unknown>;
  await withDdlLock(() => migrateTo(db, '0011_login_throttle'));
});
afterAll(() => database?.close());

async function indexes(): Promise<string[]> {
  const { rows } = await sql<{ indexname: string }>`
    select indexname from pg_indexes
    where schemaname = current_schema() and tablename = 'jobs' and indexname like 'jobs\\_%'
    order by indexname`.execute(db);
  return rows.map((r) => r.indexname);
}

const job = (kind: string, status = 'pending', attempts = 0) =>
  sql`insert into jobs (workspace_id, kind, payload, status, attempts) values ('ws_1', ${kind}, '{}', ${status}, ${attempts})`;

describe('0012_jobs_claim_index', () => {
  it('deletes the record events nothing read, keeps every other job, and swaps jobs_due for jobs_claim', async () => {
    await job('record.created').execute(db);
    await job('record.updated').execute(db);
    await job('record.created', 'done', 1).execute(db);
    await job('workflow.deadline').execute(db);
    await job('workflow.step', 'failed', 10).execute(db);
    expect(await indexes()).toContain('jobs_due');
    expect(await withDdlLock(() => migrateTo(db, '0012_jobs_claim_index'))).toEqual([
      '0012_jobs_claim_index',
    ]);
    const { rows } = await sql<{ kind: string; status: string }>`
      select kind, status from jobs order by kind, status`.execute(db);
    expect(rows).toEqual([
      { kind: 'record.created', status: 'done' },
      { kind: 'workflow.deadline', status: 'pending' },
      { kind: 'workflow.step', status: 'failed' },
    ]);
    const names = await indexes();
    expect(names).toContain('jobs_claim');
    expect(names).not.toContain('jobs_due');
  });

  it('undoes cleanly and applies again', async () => {
    await withDdlLock(() => migrateTo(db, '0011_login_throttle'));
    expect(await indexes()).toContain('jobs_due');
    expect(await indexes()).not.toContain('jobs_claim');
    await withDdlLock(() => migrateTo(db, '0012_jobs_claim_index'));
    expect(await indexes()).toContain('jobs_claim');
  });
});
