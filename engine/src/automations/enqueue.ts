import { sql } from 'kysely';
import { newId } from '../ids';
import type { RecordEventConsumer } from '../records/events';

export const AUTOMATION_JOB = 'automation.run';

/**
 * The record-event consumer of automations: one `automation.run` job per enabled automation that
 * listens to the event (its kind, and for updates one of its fields) and per record, inserted in
 * the write's own statement or transaction. Nothing is written when no automation listens. The
 * dedup key (automation, event, record, revision) makes an enqueue repeated by a retry harmless,
 * and the run log's unique `event_key` (the same text) makes the run happen once.
 */
export const automationJobs: RecordEventConsumer = (db, event) => {
  const { recordId, recordIds, rev, previousById, ...facts } = event.payload;
  const ids = recordIds ?? (recordId ? [recordId] : []);
  // A bulk change names no revision: then the event is its own (a new id), still deduplicated per record.
  const revision = rev === undefined ? newId('evt') : String(rev);
  const base = JSON.stringify({ ...facts, event: event.kind, ...(rev === undefined ? {} : { rev }) });
  const changed = event.payload.fields ?? [];
  // A bulk update's values before, per record: each run gets its own record's `previous`.
  const before = JSON.stringify(previousById ?? {});
  return db
    .insertInto('jobs')
    .columns(['workspace_id', 'kind', 'payload', 'dedup_key'])
    .expression(
      sql`select a.workspace_id, ${AUTOMATION_JOB}, ${base}::jsonb || jsonb_build_object(
          'automationId', a.id, 'recordId', r.id,
          'eventKey', 'automation:' || a.id || ':' || ${event.kind}::text || ':' || r.id || ':' || ${revision}::text)
          || case when jsonb_exists(${before}::jsonb, r.id)
            then jsonb_build_object('previous', ${before}::jsonb -> r.id) else '{}'::jsonb end,
        'automation:' || a.id || ':' || ${event.kind}::text || ':' || r.id || ':' || ${revision}::text
      from automations a cross join unnest(${ids}::text[]) as r(id)
      where a.workspace_id = ${event.workspaceId} and a.form_id = ${event.payload.formId} and a.enabled
        and a.definition->'trigger'->>'kind' = ${event.kind}::text
        and (a.definition->'trigger'->'fields' is null
          or jsonb_exists_any(a.definition->'trigger'->'fields', ${changed}::text[]))`,
    )
    .onConflict((oc) => oc.column('dedup_key').doNothing());
};
