import type { DeletedRecord, DeletedRecordPage } from '@forecourt/schemas/api';
import { formAccess } from '../access/form-access';
import { type Actor, personOf } from '../accounts/actor';
import type { Executor } from '../db/schema';
import { inTransaction } from '../db/transaction';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors';
import type { WriteContext } from './context';
import { recordHistory } from './history';
import { enqueueJobs } from './outbox';
import { maskRecord, type RecordView, recordView } from './service';
import { checkUnique } from './unique';

export type { DeletedRecord };

/**
 * Takes a record out of the recycle bin with its data as it was. Unique fields are checked again,
 * under the same locks as the write pipeline: another record may have taken a value meanwhile.
 */
export async function restoreRecord(
  db: Executor,
  context: WriteContext,
  formId: string,
  recordId: string,
): Promise<RecordView> {
  const access = await formAccess(db, context.actor, formId);
  access.require('delete');
  const { version, definition } = access;
  return inTransaction(db, async (trx) => {
    const current = await trx
      .selectFrom('records')
      .selectAll()
      .select(access.flags().as('_access'))
      .where(access.rows('delete'))
      .where('workspace_id', '=', context.actor.workspaceId)
      .where('form_id', '=', formId)
      .where('id', '=', recordId)
      .where('deleted_at', 'is not', null)
      .forUpdate()
      .executeTakeFirst();
    if (!current) throw new NotFoundError('The record in the recycle bin');
    // As a new record (no `existing`): the binned row itself is not live, so it never collides with itself.
    const taken = await checkUnique(trx, { formId, version, definition }, [current.data], [undefined]);
    if (taken.length) {
      throw new ConflictError(
        'Another record now has a value this record must hold uniquely. Change that record first.',
        taken.map((t) => t.issue),
      );
    }
    const row = await trx
      .updateTable('records')
      .set({
        deleted_at: null,
        rev: current.rev + 1,
        updated_by: personOf(context.actor),
        updated_at: context.now,
      })
      .where('id', '=', recordId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordHistory(trx, context, [{ recordId, formId, rev: row.rev, action: 'restore', changes: {} }]);
    await enqueueJobs(trx, [
      {
        workspaceId: context.actor.workspaceId,
        kind: 'record.restored',
        payload: { formId, recordId, rev: row.rev },
      },
    ]);
    return maskRecord(recordView(row), access.readable(current._access));
  });
}

/**
 * Deletes a record from the recycle bin for good (administrators only): its links and file
 * references go with it; its history stays, ending with a 'purge' entry. A live record must be
 * moved to the bin first, so that nothing disappears with one click.
 */
export async function purgeRecord(
  db: Executor,
  context: WriteContext,
  formId: string,
  recordId: string,
): Promise<void> {
  if (!context.actor.isAdmin) throw new ForbiddenError('Only administrators can delete records for good.');
  await inTransaction(db, async (trx) => {
    const current = await trx
      .selectFrom('records')
      .select(['rev', 'deleted_at'])
      .where('workspace_id', '=', context.actor.workspaceId)
      .where('form_id', '=', formId)
      .where('id', '=', recordId)
      .forUpdate()
      .executeTakeFirst();
    if (!current) throw new NotFoundError('The record');
    if (!current.deleted_at)
      throw new ConflictError('Move the record to the recycle bin before deleting it for good.');
    // Approvals are evidence (who signed what, when): a record that went through one is kept.
    const approved = await trx
      .selectFrom('flow_instances')
      .select('id')
      .where('record_id', '=', recordId)
      .limit(1)
      .executeTakeFirst();
    if (approved)
      throw new ConflictError(
        'This record went through an approval flow, whose trail is kept: it stays in the recycle bin.',
      );
    await trx.deleteFrom('records').where('id', '=', recordId).execute();
    await trx
      .insertInto('record_history')
      .values({
        workspace_id: context.actor.workspaceId,
        record_id: recordId,
        form_id: formId,
        rev: current.rev + 1,
        action: 'purge',
        actor_id: context.actor.userId,
        via: context.via,
        changes: '{}',
        at: context.now,
      })
      .execute();
    await enqueueJobs(trx, [
      {
        workspaceId: context.actor.workspaceId,
        kind: 'record.purged',
        payload: { formId, recordId, rev: current.rev + 1 },
      },
    ]);
  });
}

/**
 * The form's recycle bin, most recently deleted first, keyset-paged like the records list: the
 * records the user could have deleted (the rows their delete sets reach), with the fields they see.
 */
export async function listDeleted(
  db: Executor,
  actor: Actor,
  formId: string,
  page: { limit?: number; cursor?: string } = {},
): Promise<DeletedRecordPage> {
  const { workspaceId } = actor;
  const access = await formAccess(db, actor, formId); // an unknown form is a 404, not an empty bin
  access.require('delete');
  const limit = Math.min(Math.max(page.limit ?? 50, 1), 100);
  let query = db
    .selectFrom('records')
    .selectAll()
    .select(access.flags().as('_access'))
    .where(access.rows('delete'))
    .where('workspace_id', '=', workspaceId)
    .where('form_id', '=', formId)
    .where('deleted_at', 'is not', null);
  if (page.cursor) {
    const [at, id] = decodeCursor(page.cursor);
    query = query.where((eb) =>
      eb.or([
        eb('deleted_at', '<', new Date(at)),
        eb.and([eb('deleted_at', '=', new Date(at)), eb('id', '<', id)]),
      ]),
    );
  }
  const rows = await query
    .orderBy('deleted_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  const shown = rows.slice(0, limit);
  const deleters = await lastDeletes(
    db,
    workspaceId,
    shown.map((r) => r.id),
  );
  const records = shown.map((row) => ({
    record: maskRecord(recordView(row), access.readable(row._access)),
    deletedAt: row.deleted_at!.toISOString(),
    deletedBy: deleters.get(row.id) ?? null,
  }));
  const last = records.at(-1);
  return {
    records,
    next:
      rows.length > limit && last
        ? Buffer.from(`${last.deletedAt}|${last.record.id}`).toString('base64url')
        : null,
  };
}

/** Who made the latest 'delete' history row of each record: one query for the page. */
async function lastDeletes(db: Executor, workspaceId: string, recordIds: string[]) {
  if (!recordIds.length) return new Map<string, { id: string; name: string }>();
  const rows = await db
    .selectFrom('record_history as h')
    .innerJoin('users as u', 'u.id', 'h.actor_id')
    .distinctOn('h.record_id')
    .select(['h.record_id', 'u.id', 'u.name'])
    .where('h.workspace_id', '=', workspaceId)
    .where('h.record_id', 'in', recordIds)
    .where('h.action', '=', 'delete')
    .orderBy('h.record_id')
    .orderBy('h.id', 'desc')
    .execute();
  return new Map(rows.map((r) => [r.record_id, { id: r.id, name: r.name }]));
}

function decodeCursor(cursor: string): [string, string] {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!at || !id || Number.isNaN(Date.parse(at))) {
    throw new ValidationError('The page cursor is not valid.', [
      { path: 'querystring:/cursor', message: 'Use the `next` of the previous page.' },
    ]);
  }
  return [at, id];
}
