import type { Executor } from '../db/schema';

/**
 * Adds a job in the caller's transaction: the transactional outbox. It becomes visible to the
 * workers only if the write that caused it commits; a dedup key makes a repeated enqueue harmless.
 */
export async function enqueueJob(
  db: Executor,
  job: { workspaceId: string; kind: string; payload: unknown; runAt?: Date; dedupKey?: string },
): Promise<void> {
  await db
    .insertInto('jobs')
    .values({
      workspace_id: job.workspaceId,
      kind: job.kind,
      payload: JSON.stringify(job.payload),
      ...(job.runAt ? { run_at: job.runAt } : {}),
      dedup_key: job.dedupKey ?? null,
    })
    .onConflict((oc) => oc.column('dedup_key').doNothing())
    .execute();
}
