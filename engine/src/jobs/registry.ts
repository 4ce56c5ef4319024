import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema';
import type { OutboundClient } from '../outbound';
import type { Backoff } from './run';

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
 * Handlers filter by `job.workspaceId` like any engine service. Network calls never happen here
 * (they would hold the transaction, and on PGlite the only connection, for as long as the other
 * side takes): give the kind a `call` instead, and the handler records what it answered.
 */
export type JobHandler = (job: ClaimedJob, db: Transaction<Database>, called?: unknown) => Promise<void>;

/** What a job's `call` may use: the database for short reads (no transaction), the guarded client. */
export interface JobContext {
  db: Kysely<Database>;
  outbound: OutboundClient;
}

/**
 * Work outside the database (an HTTP call), run after the claim has committed and before the
 * handler's transaction opens; its result is passed to the handler as `called`. A throw counts as a
 * failed try. If the process dies after the call and before the handler commits, the lease brings
 * the job back and the call is made again: send the job id along (`Idempotency-Key`) so the
 * receiver can recognise the repeat. Keep it well inside the lease.
 */
export type JobCall = (job: ClaimedJob, context: JobContext) => Promise<unknown>;

/** Runs in the transaction that marks the job `failed` after its last try, e.g. to say so where people look. */
export type JobFailedHandler = (
  job: ClaimedJob,
  db: Transaction<Database>,
  failure: { message: string; error?: unknown },
) => Promise<void>;

export interface JobKindOptions {
  /** Tries before the job is left `failed` (default 10); an error with `retryable: false` fails it at once. */
  maxAttempts?: number;
  /** Waits between tries for this kind (default: the worker's). */
  backoff?: Backoff;
  call?: JobCall;
  onFailed?: JobFailedHandler;
}

export interface RegisteredJobKind {
  handler: JobHandler;
  maxAttempts: number;
  backoff?: Backoff;
  call?: JobCall;
  onFailed?: JobFailedHandler;
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
    this.#kinds.set(kind, { ...options, handler, maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS });
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
