import type { Executor } from '../db/schema';
import { consumerInserts, isWanted } from './events';

/**
 * Adds a job in the caller's transaction: the transactional outbox. It becomes visible to the
 * workers only if the write that caused it commits; a dedup key makes a repeated enqueue harmless.
 */
export interface Job {
  workspaceId: string;
  kind: string;
  payload: unknown;
  runAt?: Date;
  dedupKey?: string;
}

export function jobRows(jobs: Job[]) {
  return jobs.map((job) => ({
    workspace_id: job.workspaceId,
    kind: job.kind,
    payload: JSON.stringify(job.payload),
    ...(job.runAt ? { run_at: job.runAt } : {}),
    dedup_key: job.dedupKey ?? null,
  }));
}

/**
 * Writes the jobs, leaving out record events that no handler is registered for (see events.ts), and
 * the jobs record-event consumers derive from them (automations).
 */
export async function enqueueJobs(db: Executor, all: Job[]): Promise<void> {
  for (const insert of consumerInserts(db, all)) await insert.execute();
  const jobs = all.filter((job) => isWanted(job));
  if (!jobs.length) return;
  await db
    .insertInto('jobs')
    .values(jobRows(jobs))
    .onConflict((oc) => oc.column('dedup_key').doNothing())
    .execute();
}
