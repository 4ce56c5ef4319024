import type { Kysely } from 'kysely';
import type { DatabaseMode } from '../db/open';
import type { Database } from '../db/schema';
import { createOutboundClient, type OutboundClient } from '../outbound';
import { claimJobs } from './claim';
import { type ClaimedJob, type JobContext, type JobRegistry, jobHandlers } from './registry';
import { type Backoff, DEFAULT_BACKOFF, type JobOutcome, runClaimedJob } from './run';

/** Where the worker reports; Fastify's and pino's loggers fit. */
export interface WorkerLog {
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface WorkerOptions {
  /** `pglite` forces one job at a time: PGlite has a single connection. */
  mode?: DatabaseMode;
  /** Jobs run side by side in this process (1–4, default 4; always 1 on PGlite). */
  concurrency?: number;
  /** Pause between polls when there was nothing (or not a full batch) to do (default 250 ms). */
  pollMs?: number;
  /** How long a claim is good for before another worker may take the job (default 30 s). */
  leaseMs?: number;
  backoff?: Partial<Backoff>;
  /** The guarded client jobs call out with (default: no exceptions to the outbound rules). */
  outbound?: OutboundClient;
  /** Kinds and their handlers (default: the engine-wide `jobHandlers`). */
  registry?: JobRegistry;
  log?: WorkerLog;
  /** Called after every job, for tests and metrics. */
  onJob?: (job: ClaimedJob, outcome: JobOutcome) => void;
}

export interface Worker {
  /** Stops claiming, waits for the jobs in hand to finish, then resolves. Safe to call twice. */
  stop(): Promise<void>;
}

export const DEFAULT_LEASE_MS = 30_000;
export const DEFAULT_POLL_MS = 250;
const MAX_CONCURRENCY = 4;

/**
 * The job worker every server process runs. It loops: claim a batch of due jobs of the registered
 * kinds (as many as it runs at once), run them side by side, each in its own transaction, and
 * claim again at once if the batch was full, else after `pollMs`. Processes share the work through
 * the claim (see claim.ts) and need no other coordination; a process killed mid-batch leaves its
 * jobs `running` with a lease that runs out, after which any worker takes them again. The kinds
 * are read from the registry at every claim, so handlers registered after start are picked up.
 */
export function startWorker(db: Kysely<Database>, options: WorkerOptions = {}): Worker {
  const registry = options.registry ?? jobHandlers;
  const concurrency =
    options.mode === 'pglite'
      ? 1
      : Math.max(1, Math.min(MAX_CONCURRENCY, options.concurrency ?? MAX_CONCURRENCY));
  const pollMs = options.pollMs ?? DEFAULT_POLL_MS;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
  const context: JobContext = { db, outbound: options.outbound ?? createOutboundClient() };
  let stopping = false;
  let wake: () => void = () => {};

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  async function runOne(job: ClaimedJob): Promise<void> {
    const registered = registry.get(job.kind);
    if (!registered) return; // unregistered after the claim: the lease runs out and it waits again
    try {
      const { outcome, error, onFailedError } = await runClaimedJob(db, job, registered, backoff, context);
      if (error) options.log?.warn({ err: error, job: jobLabel(job), outcome }, 'job failed');
      if (onFailedError) {
        options.log?.error({ err: onFailedError, job: jobLabel(job) }, 'the job kind’s onFailed failed');
      }
      options.onJob?.(job, outcome);
    } catch (error) {
      // The database itself failed (recording the failure too): the lease brings the job back.
      options.log?.error({ err: error, job: jobLabel(job) }, 'job could not be run');
    }
  }

  async function loop(): Promise<void> {
    while (!stopping) {
      let full = false;
      try {
        const jobs = await claimJobs(db, { kinds: registry.kinds(), limit: concurrency, leaseMs });
        full = jobs.length === concurrency;
        await Promise.all(jobs.map(runOne));
      } catch (error) {
        options.log?.error({ err: error }, 'claiming jobs failed');
      }
      if (!full && !stopping) await pause(pollMs);
    }
  }

  const running = loop();
  let stopped: Promise<void> | undefined;
  return {
    stop: () => {
      stopping = true;
      wake();
      stopped ??= running;
      return stopped;
    },
  };
}

function jobLabel(job: ClaimedJob) {
  return { id: job.id, kind: job.kind, workspaceId: job.workspaceId, attempts: job.attempts };
}
