import { type Kysely, sql } from 'kysely';

/**
 * The worker's claim reads an index led by the job kind, so pending rows of kinds no worker takes are
 * never scanned (with `jobs_due (run_at, id)` every idle poll walked all of them: 300,000 pending
 * `record.created` events cost 60 ms a poll). Record events are now written only when a consumer is
 * registered (engine/src/records/events.ts); the ones written before, which nothing ever read, are
 * deleted: a consumer added later starts from the changes made after it.
 *
 * Numbered 0010 on its own branch: if another migration took 0010 first, renumber this one.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`delete from jobs where status = 'pending' and attempts = 0 and kind like 'record.%'`.execute(db);
  await sql`create index jobs_claim on jobs (kind, run_at, id) where status in ('pending', 'running')`.execute(
    db,
  );
  await sql`drop index jobs_due`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`create index jobs_due on jobs (run_at, id) where status in ('pending', 'running')`.execute(db);
  await sql`drop index jobs_claim`.execute(db);
}
