import { sql } from 'kysely';
import type { Executor } from '../db/schema';
import type { ClaimedJob } from './registry';

export interface ClaimOptions {
  /** Only these kinds are taken; the others are left for whoever handles them. */
  kinds: string[];
  limit: number;
  leaseMs: number;
}

/**
 * Takes up to `limit` due jobs in one statement and commits the claim at once: status `running`,
 * a lease (`locked_until`) and `attempts + 1`. `FOR UPDATE SKIP LOCKED` lets any number of workers
 * in any number of processes claim side by side without waiting for or doubling one another.
 *
 * A job whose lease has run out while still `running` is due again: its worker died (SIGKILL,
 * crash, lost connection), so nothing is lost. Counting the attempt in the committed claim, not in
 * the handler's transaction, means a job that kills its worker every time still reaches its
 * attempt limit instead of looping forever.
 */
export async function claimJobs(db: Executor, options: ClaimOptions): Promise<ClaimedJob[]> {
  if (!options.kinds.length || options.limit < 1) return [];
  const { rows } = await claimStatement(options).execute(db);
  return rows
    .map((row) => ({
      id: row.id,
      workspaceId: row.workspace_id,
      kind: row.kind,
      payload: row.payload,
      attempts: Number(row.attempts),
    }))
    .sort((a, b) => compareIds(a.id, b.id));
}

/**
 * The claim as one statement (exported so a test can EXPLAIN it). Its predicate matches the partial
 * index `jobs_claim (kind, run_at, id) where status in ('pending', 'running')`: the kind leads, so the
 * scan reads only the kinds this worker handles, never the rows of kinds nobody takes.
 */
export function claimStatement(options: ClaimOptions) {
  return sql<{ id: string; workspace_id: string; kind: string; payload: unknown; attempts: number }>`
    with due as (
      select id from jobs
      where status in ('pending', 'running')
        and (status = 'pending' or locked_until < now())
        and run_at <= now()
        and kind = any(${options.kinds}::text[])
      order by run_at, id
      limit ${options.limit}
      for update skip locked
    )
    update jobs set
      status = 'running',
      attempts = jobs.attempts + 1,
      locked_until = now() + ${options.leaseMs}::integer * interval '1 millisecond'
    from due
    where jobs.id = due.id
    returning jobs.id::text as id, jobs.workspace_id, jobs.kind, jobs.payload, jobs.attempts`;
}

function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
