import type { Executor } from '../db/schema';
import { type Job, jobRows } from '../records/outbox';

export type { Job as NewJob } from '../records/outbox';

/**
 * Adds one job in the caller's transaction (the outbox: it exists only if the caller commits).
 * A timer is a job with a future `runAt`. A `dedupKey` already taken makes this a no-op and
 * returns undefined, so a step that is re-delivered cannot schedule its follow-up twice; the key is
 * unique across workspaces, so put the workspace or an id that implies it in the key.
 */
export async function enqueueJob(db: Executor, job: Job): Promise<string | undefined> {
  const row = await db
    .insertInto('jobs')
    .values(jobRows([job]))
    .onConflict((oc) => oc.column('dedup_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row ? String(row.id) : undefined;
}
