import type { Transaction } from 'kysely';
import type { Database } from '../db/schema';

/** A job as its handler sees it, after the worker has claimed it. */
export interface ClaimedJob {
  id: string;
  workspaceId: string;
  kind: string;
  payload: unknown;
  /** Counts this run: 1 on the first try. */
  attempts: number;
}

/**
 * Does the work of one job kind. It runs inside the transaction that also marks the job done, so
 * its writes commit exactly when the job does; a throw rolls both back and the job is retried.
 * Handlers filter by `job.workspaceId` like any engine service. Work outside the database (a
 * webhook call) may happen more than once if the process dies between it and the commit: make it
 * idempotent, e.g. by sending the job id along.
 */
export type JobHandler = (job: ClaimedJob, db: Transaction<Database>) => Promise<void>;

export interface JobKindOptions {
  /** Tries before the job is left `failed` (default 10). */
  maxAttempts?: number;
}

export interface RegisteredJobKind extends Required<JobKindOptions> {
  handler: JobHandler;
}

export const DEFAULT_MAX_ATTEMPTS = 10;

/**
 * Job handlers by kind. A worker claims only the kinds its registry knows: a job nobody handles
 * stays `pending`, untouched, and the claim's index (led by the kind) never reads it. It is also the
 * registry of consumers: record events are written only for kinds registered here
 * (records/events.ts), so they no longer pile up before their first consumer exists.
 */
export class JobRegistry {
  readonly #kinds = new Map<string, RegisteredJobKind>();

  register(kind: string, handler: JobHandler, options: JobKindOptions = {}): void {
    if (this.#kinds.has(kind)) throw new Error(`A handler for the job kind ${kind} is already registered`);
    this.#kinds.set(kind, { handler, maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS });
  }

  get(kind: string): RegisteredJobKind | undefined {
    return this.#kinds.get(kind);
  }

  kinds(): string[] {
    return [...this.#kinds.keys()];
  }
}

/** The registry the server's worker uses; engine modules register their kinds here when loaded. */
export const jobHandlers = new JobRegistry();

export function registerJobHandler(kind: string, handler: JobHandler, options?: JobKindOptions): void {
  jobHandlers.register(kind, handler, options);
}
