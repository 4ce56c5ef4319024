import { claimJobs, claimStatement } from '@forecourt/engine';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../support/db';
import { testDatabaseKind } from '../support/env';

let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database?.close());

const EVENTS = 100_000;

/**
 * The idle poll must not read the rows of kinds no worker takes: 100,000 pending events of a kind
 * nobody handles (as `record.created` piled up before its writes needed a consumer) and a handful of
 * due jobs of the worker's kind. The claim reads the partial index led by the kind.
 */
describe('the claim query', () => {
  it('uses jobs_claim and never scans the events of other kinds', async () => {
    await sql`
      insert into jobs (workspace_id, kind, payload)
      select 'ws_claim', 'record.created', '{}'::jsonb from generate_series(1, ${EVENTS})`.execute(
      database.db,
    );
    await sql`
      insert into jobs (workspace_id, kind, payload)
      select 'ws_claim', 'test.claim', '{}'::jsonb from generate_series(1, 5)`.execute(database.db);
    await sql`analyze jobs`.execute(database.db);

    const options = { kinds: ['test.claim', 'workflow.step'], limit: 4, leaseMs: 30_000 };
    const { rows } = await sql<{ 'QUERY PLAN': string }>`explain ${claimStatement(options)}`.execute(
      database.db,
    );
    const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
    expect(plan).toMatch(/jobs_claim/);
    expect(plan).not.toMatch(/Seq Scan on jobs/);

    // Measured, not asserted: the database's own time for one idle poll with the events present.
    const idle = await sql<{
      'QUERY PLAN': string;
    }>`explain analyze ${claimStatement({ ...options, kinds: ['test.idle'] })}`.execute(database.db);
    const time = idle.rows.map((r) => r['QUERY PLAN']).find((line) => line.startsWith('Execution Time'));
    console.info(`${testDatabaseKind()}: idle claim over ${EVENTS} pending events: ${time}`);

    const claimed = await claimJobs(database.db, options);
    expect(claimed.map((job) => job.kind)).toEqual(['test.claim', 'test.claim', 'test.claim', 'test.claim']);
  }, 120_000);
});
