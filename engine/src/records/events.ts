import { type JobRegistry, jobHandlers } from '../jobs/registry';
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
