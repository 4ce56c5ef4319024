import { union } from '../access/compile';
import { type FormAccess, formAccess } from '../access/form-access';
import type { Action } from '../access/types';
import { assertInputShape, assertLinksVisible, assertWritable } from '../access/write-guard';
import { personOf } from '../accounts/actor';
import type { Executor } from '../db/schema';
import { inTransaction } from '../db/transaction';
import { ConflictError, DomainError, type ErrorDetail, ValidationError } from '../errors';
import { syncRecordFiles } from '../files/references';
import type { WriteContext } from './context';
import { eventSource, type RecordEventPayload } from './events';
import { diff, recordHistory } from './history';
import { writeLinks } from './links';
import { enqueueJobs } from './outbox';
import { prepareRecords } from './pipeline';

/** At most this many records per bulk request: one transaction, locks held briefly. */
export const MAX_BULK = 500;

export interface BulkUpdate {
  ids: string[];
  /** The same field values for every record (set one field on the selection). */
  data: unknown;
}

/**
 * Sets the same fields on up to 500 records, all or nothing, each through the write pipeline
 * (validation, formulas, uniqueness, links, files, history, `rev` + 1). Rows and fields are those of
 * the user's `batchEdit` sets: an id they cannot see is "not found", one they see but no `batchEdit`
 * set reaches is 403, a field no `batchEdit` set reaching that row lets them write is 403; every
 * refusal names the ids' positions (`/ids/3`), and nothing is written.
 */
export async function bulkUpdateRecords(
  db: Executor,
  context: WriteContext,
  formId: string,
  change: BulkUpdate,
): Promise<{ updated: number }> {
  const ids = checkIds(change.ids);
  const access = await formAccess(db, context.actor, formId);
  access.require('batchEdit');
  const form = { formId, version: access.version, definition: access.definition };
  assertInputShape([change.data], form.definition.fields, () => '/data');
  await inTransaction(db, async (trx) => {
    const rows = await lockAll(trx, access, context, ids, 'batchEdit');
    for (const [i, row] of rows.entries()) {
      assertWritable(access, [change.data], writableBy(access, row._access), () => `/ids/${i}`, {
        data: row.data,
        readable: access.readable(row._access),
      });
    }
    const prepared = await prepareRecords(
      trx,
      context,
      form,
      rows.map((row) => ({ input: change.data, existing: { id: row.id, data: row.data } })),
      (i) => `/ids/${i}`,
    );
    await assertLinksVisible(
      trx,
      context.actor,
      form.definition.fields,
      prepared.map((data, i) => ({ data, existing: rows[i]!.data })),
      (i) => `/ids/${i}`,
    );
    const entries = [];
    const changedFields = new Set<string>();
    const previousById: Record<string, Record<string, unknown>> = {};
    for (const [i, row] of rows.entries()) {
      const data = prepared[i]!;
      const changes = diff(row.data, data);
      for (const id of Object.keys(changes)) changedFields.add(id);
      previousById[row.id] = Object.fromEntries(Object.keys(changes).map((id) => [id, row.data[id] ?? null]));
      await trx
        .updateTable('records')
        .set({
          data: JSON.stringify(data),
          form_version: form.version,
          rev: row.rev + 1,
          updated_by: personOf(context.actor),
          updated_at: context.now,
        })
        .where('id', '=', row.id)
        .execute();
      await syncRecordFiles(trx, context.actor, row.id, form.definition.fields, data);
      entries.push({ recordId: row.id, formId, rev: row.rev + 1, action: 'update' as const, changes });
    }
    await writeLinks(
      trx,
      context.actor.workspaceId,
      form.definition.fields,
      rows.map((row, i) => ({ id: row.id, data: prepared[i]! })),
      (i) => `/ids/${i}`,
      true,
    );
    await recordHistory(trx, context, entries);
    // One event per request, as for a batch create: consumers treat the bulk change as one change.
    await enqueueJobs(trx, [
      {
        workspaceId: context.actor.workspaceId,
        kind: 'record.updated',
        payload: {
          formId,
          recordIds: ids,
          fields: [...changedFields],
          previousById,
          ...eventSource(context),
        } satisfies RecordEventPayload,
      },
    ]);
  });
  return { updated: ids.length };
}

/**
 * Moves up to 500 records to the recycle bin, all or nothing: every id must be a live record the
 * user's `delete` sets reach (unseen: 404, seen but not deletable: 403, in an approval: 409).
 */
export async function bulkDeleteRecords(
  db: Executor,
  context: WriteContext,
  formId: string,
  idsInput: string[],
): Promise<{ deleted: number }> {
  const ids = checkIds(idsInput);
  const access = await formAccess(db, context.actor, formId);
  access.require('delete');
  await inTransaction(db, async (trx) => {
    const rows = await lockAll(trx, access, context, ids, 'delete');
    await trx
      .updateTable('records')
      .set((eb) => ({
        deleted_at: context.now,
        rev: eb('rev', '+', 1),
        updated_by: personOf(context.actor),
        updated_at: context.now,
      }))
      .where('workspace_id', '=', context.actor.workspaceId)
      .where('form_id', '=', formId)
      .where('id', 'in', ids)
      .execute();
    await recordHistory(
      trx,
      context,
      rows.map((row) => ({ recordId: row.id, formId, rev: row.rev + 1, action: 'delete', changes: {} })),
    );
    await enqueueJobs(trx, [
      {
        workspaceId: context.actor.workspaceId,
        kind: 'record.deleted',
        payload: { formId, recordIds: ids, ...eventSource(context) } satisfies RecordEventPayload,
      },
    ]);
  });
  return { deleted: ids.length };
}

function checkIds(ids: string[]): string[] {
  if (ids.length === 0 || ids.length > MAX_BULK) {
    throw new ValidationError(`Send 1 to ${MAX_BULK} record ids.`, [
      { path: '/ids', message: `Send 1 to ${MAX_BULK} record ids.` },
    ]);
  }
  const seen = new Set<string>();
  const repeated: ErrorDetail[] = [];
  ids.forEach((id, i) => {
    if (seen.has(id)) repeated.push({ path: `/ids/${i}`, message: 'This id is listed twice.' });
    seen.add(id);
  });
  if (repeated.length) throw new ValidationError('Each record may be listed once.', repeated);
  return ids;
}

/**
 * Locks every listed live record (in id order, so two bulk requests never deadlock) and returns
 * them in the order of `ids`; refuses the whole request when any is unseen, out of reach for the
 * action, or in a running approval.
 */
async function lockAll(
  trx: Executor,
  access: FormAccess,
  context: WriteContext,
  ids: string[],
  action: Action,
) {
  const found = await trx
    .selectFrom('records')
    .selectAll()
    .select(access.flags().as('_access'))
    .where('workspace_id', '=', context.actor.workspaceId)
    .where('form_id', '=', access.formId)
    .where('id', 'in', ids)
    .where('deleted_at', 'is', null)
    .orderBy('id')
    .forNoKeyUpdate()
    .execute();
  const byId = new Map(found.map((row) => [row.id, row]));
  const unseen: ErrorDetail[] = [];
  const refused: ErrorDetail[] = [];
  const inFlow: ErrorDetail[] = [];
  ids.forEach((id, i) => {
    const row = byId.get(id);
    const seen = row && (access.reaches(row._access, 'view') || access.reaches(row._access, action));
    if (!row || !seen) unseen.push({ path: `/ids/${i}`, message: 'There is no such record.' });
    else if (!access.reaches(row._access, action))
      refused.push({
        path: `/ids/${i}`,
        message: action === 'delete' ? 'You may not delete this record.' : 'You may not change this record.',
      });
    else if (row.flow_state === 'running' && context.via !== 'workflow')
      inFlow.push({ path: `/ids/${i}`, message: 'This record is in an approval.' });
  });
  if (unseen.length)
    throw new DomainError('not_found', 'Some records were not found; nothing changed.', unseen);
  if (refused.length)
    throw new DomainError('forbidden', 'You may not change some of these records.', refused);
  if (inFlow.length)
    throw new ConflictError('Some records are in an approval: they change through its tasks.', inFlow);
  return ids.map((id) => byId.get(id)!);
}

/** Fields the user may change in bulk on a row: the `batchEdit` sets reaching it. */
function writableBy(access: FormAccess, flags: string) {
  return union(
    access.grants.filter((g, i) => g.actions.has('batchEdit') && flags[i] === '1').map((g) => g.write),
  );
}
