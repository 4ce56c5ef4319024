import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema';
import { createOutboundClient } from '../outbound';
import type { ClaimedJob, JobContext, RegisteredJobKind } from './registry';

export interface Backoff {
  /** Wait after the first failure; doubles with every further one (default 1 s). */
  baseMs: number;
  /** Longest wait between two tries (default 10 min). */
  capMs: number;
}

export const DEFAULT_BACKOFF: Backoff = { baseMs: 1_000, capMs: 10 * 60_000 };

/** What became of one claimed job. */
export type JobOutcome = 'done' | 'retry' | 'failed' | 'lost';

/** The claim was taken over by another worker after our lease ran out: our work must not count. */
class LeaseLost extends Error {}

/**
 * Runs one claimed job: the handler's writes and `status = 'done'` commit in one transaction, so
 * a job is done exactly when its effects are. The transaction first marks the job done, which locks
 * its row, but only if the claim is still ours: `running` with the attempt number our claim set.
 * The attempt number is the fencing token (every claim increments it, and an integer compares
 * exactly, where a timestamp may lose microseconds on its way through JavaScript). If the lease ran out and another worker
 * claimed the job meanwhile, the check fails and nothing is written; while we hold the row lock,
 * other workers' `SKIP LOCKED` claims pass the job by, so a slow handler is not run twice either.
 *
 * A kind with a `call` makes it first, outside any transaction (the claim that committed before
 * is the record of intent), then records its result in that same transaction.
 *
 * A throw rolls the handler's writes back and puts the job back to `pending` after an exponential
 * backoff, or `failed` after the kind's attempt limit, keeping the error in `last_error`; the kind's
 * `onFailed` writes in the transaction that marks it failed; if it throws, its writes are undone,
 * the job is failed all the same and the hook's error is returned (and added to `last_error`).
 */
export async function runClaimedJob(
  db: Kysely<Database>,
  job: ClaimedJob,
  registered: RegisteredJobKind,
  backoff: Backoff = DEFAULT_BACKOFF,
  context: JobContext = { db, outbound: createOutboundClient() },
): Promise<{ outcome: JobOutcome; error?: unknown; onFailedError?: unknown }> {
  if (job.attempts > registered.maxAttempts) {
    // Only reachable when earlier claims died with their worker: give up without running again.
    const message = `gave up after ${job.attempts - 1} attempts (the last ones never finished)`;
    const { settled, onFailedError } = await settle(db, job, registered, 'failed', message);
    return settled ? { outcome: 'failed', onFailedError } : { outcome: 'lost' };
  }
  try {
    const called = registered.call ? await registered.call(job, context) : undefined;
    await db.transaction().execute(async (trx) => {
      // Marking it done first takes the row lock and checks the claim in one round trip; nobody
      // sees `done` before the handler's writes commit with it.
      const { rows } = await sql`
        update jobs set status = 'done', locked_until = null, last_error = null
        where id = ${job.id} and status = 'running' and attempts = ${job.attempts}
        returning id`.execute(trx);
      if (!rows.length) throw new LeaseLost();
      await registered.handler(job, trx, called);
    });
    return { outcome: 'done' };
  } catch (error) {
    if (error instanceof LeaseLost) return { outcome: 'lost' };
    // An error that says a retry cannot help (a refused URL) fails the job at once.
    const final = (error as { retryable?: unknown } | null)?.retryable === false;
    const outcome = final || job.attempts >= registered.maxAttempts ? 'failed' : 'retry';
    const delay = retryDelayMs(job.attempts, registered.backoff ?? backoff);
    const { settled, onFailedError } = await settle(
      db,
      job,
      registered,
      outcome,
      describe(error),
      delay,
      error,
    );
    return settled ? { outcome, error, onFailedError } : { outcome: 'lost', error };
  }
}

/** Milliseconds to wait before the next try after `attempts` failed ones. */
export function retryDelayMs(attempts: number, backoff: Backoff = DEFAULT_BACKOFF): number {
  return Math.min(backoff.capMs, backoff.baseMs * 2 ** Math.max(0, attempts - 1));
}

/** Records a failure if the claim is still ours; false when another worker has the job now. */
async function settle(
  db: Kysely<Database>,
  job: ClaimedJob,
  registered: RegisteredJobKind,
  outcome: 'retry' | 'failed',
  lastError: string,
  delayMs = 0,
  error?: unknown,
): Promise<{ settled: boolean; onFailedError?: unknown }> {
  return db.transaction().execute(async (trx) => {
    const result = await sql`
    update jobs set
      status = ${outcome === 'failed' ? 'failed' : 'pending'},
      run_at = ${outcome === 'failed' ? sql`run_at` : sql`now() + ${delayMs}::integer * interval '1 millisecond'`},
      locked_until = null,
      last_error = ${lastError}
    where id = ${job.id} and status = 'running' and attempts = ${job.attempts}`.execute(trx);
    const settled = Number(result.numAffectedRows ?? 0) > 0;
    if (!settled || outcome !== 'failed' || !registered.onFailed) return { settled };
    // A savepoint: an `onFailed` that throws loses only its own writes, and the job still ends
    // failed (else the rollback left it running, to be claimed and fail again for ever).
    await sql`savepoint job_on_failed`.execute(trx);
    try {
      await registered.onFailed(job, trx, { message: lastError, error });
      await sql`release savepoint job_on_failed`.execute(trx);
      return { settled };
    } catch (onFailedError) {
      await sql`rollback to savepoint job_on_failed`.execute(trx);
      const noted = `${lastError}\n(onFailed failed too: ${describe(onFailedError)})`.slice(0, 4_000);
      await sql`update jobs set last_error = ${noted} where id = ${job.id}`.execute(trx);
      return { settled, onFailedError };
    }
  });
}

function describe(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.slice(0, 2_000);
}
