import type { InsertQueryBuilder, InsertResult, QueryCreator } from 'kysely';
import type { Database } from '../db/schema';
import { type JobRegistry, jobHandlers } from '../jobs/registry';
import { type ChainLink, channelOf, type WriteContext, type WritePath } from './context';
import type { Job } from './outbox';

/** The change events that record writes put in the outbox, for automations and webhooks to consume. */
export const RECORD_EVENTS = [
  'record.created',
  'record.updated',
  'record.deleted',
  'record.restored',
  'record.purged',
] as const;

export type RecordEvent = (typeof RECORD_EVENTS)[number];

const EVENTS = new Set<string>(RECORD_EVENTS);

export function isRecordEvent(kind: string): kind is RecordEvent {
  return EVENTS.has(kind);
}

/**
 * Whether a job should be written: every job but a record event nobody consumes. An event is
 * consumed when a handler is registered for its kind (the job registry is the registry of
 * consumers). Events written with no consumer stayed `pending` for ever and filled the job table the
 * worker scans; a consumer registered later starts from the changes made after it, which is what an
 * automation switched on today should see anyway.
 */
export function isWanted(job: Pick<Job, 'kind'>, consumers: JobRegistry = jobHandlers): boolean {
  return !isRecordEvent(job.kind) || consumers.get(job.kind) !== undefined;
}

/** What a record event says; a batch names `recordIds`, a single change `recordId` and its `rev`. */
export interface RecordEventPayload {
  formId: string;
  recordId?: string;
  recordIds?: string[];
  rev?: number;
  /** Updates: the fields that changed, and their values before. */
  fields?: string[];
  previous?: Record<string, unknown>;
  /** A bulk update: each record's changed fields' values before, by record id. */
  previousById?: Record<string, Record<string, unknown>>;
  via?: WritePath;
  chain?: ChainLink[];
}

export type RecordEventJob = Job & { kind: RecordEvent; payload: RecordEventPayload };

/**
 * A consumer that turns a record event into jobs of its own (automations: one job per listening
 * automation and record) with one insert, run in the write's own statement or transaction, so the
 * jobs exist exactly when the write commits and only when someone listens.
 */
export type RecordEventConsumer = (
  db: QueryCreator<Database>,
  event: RecordEventJob,
) => InsertQueryBuilder<Database, 'jobs', InsertResult>;

const consumers: RecordEventConsumer[] = [];

export function registerRecordEventConsumer(consumer: RecordEventConsumer): void {
  consumers.push(consumer);
}

/** The consumers' inserts for these jobs' record events. */
export function consumerInserts(db: QueryCreator<Database>, jobs: Job[]) {
  return jobs
    .filter((job): job is RecordEventJob => isRecordEvent(job.kind))
    .flatMap((event) => consumers.map((consumer) => consumer(db, event)));
}

/** How a record event says where its write came from (automations' channels and loop guard read it). */
export function eventSource(context: WriteContext): Pick<RecordEventPayload, 'via' | 'chain'> {
  return context.chain ? { via: channelOf(context), chain: context.chain } : { via: channelOf(context) };
}
