import type { FieldDef } from '@forecourt/schemas';
import type { Selectable } from 'kysely';
import type { Executor, RecordsTable } from '../db/schema';
import { inTransaction } from '../db/transaction';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { syncRecordFiles, writeRecordFiles } from '../files/references';
import { formVersion } from '../forms/forms';
import { newId } from '../ids';
import type { FormVersion, WriteContext } from './context';
import { diff, historyRows, recordHistory } from './history';
import { writeLinks } from './links';
import { enqueueJobs, jobRows } from './outbox';
import { prepareRecords } from './pipeline';

export interface RecordView {
  id: string;
  formId: string;
  formVersion: number;
  rev: number;
  data: Record<string, unknown>;
  ownerId: string | null;
  deptId: string | null;
  flowState: string | null;
  /** Values a type change could not convert, kept for people to fix. */
  unconverted: Record<string, { type: string; value: unknown }> | null;
  createdAt: string;
  createdBy: string | null;
  updatedAt: string;
  updatedBy: string | null;
}

export function recordView(row: Selectable<RecordsTable>): RecordView {
  return {
    id: row.id,
    formId: row.form_id,
    formVersion: row.form_version,
    rev: row.rev,
    data: row.data,
    ownerId: row.owner_id,
    deptId: row.dept_id,
    flowState: row.flow_state,
    unconverted: row.unconverted,
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_by,
    updatedAt: row.updated_at.toISOString(),
    updatedBy: row.updated_by,
  };
}

export const MAX_BATCH = 100;

/**
 * The published version records are written with. Read outside the write transaction when there
 * is none yet, so that the per-process cache of immutable versions serves it.
 */
async function published(db: Executor, context: WriteContext, formId: string): Promise<FormVersion> {
  const { version, definition } = await formVersion(db, context.actor.workspaceId, formId);
  return { formId, version, definition };
}

export async function createRecord(
  db: Executor,
  context: WriteContext,
  formId: string,
  input: unknown,
): Promise<RecordView> {
  const form = await published(db, context, formId);
  const write = (executor: Executor) => insertRecords(executor, context, form, [input], () => '');
  const [created] = writesInOneStatement(form.definition.fields)
    ? await write(db)
    : await inTransaction(db, write);
  return created!;
}

/** Up to 100 records in one transaction: all are stored, or none and every bad field is named. */
export async function createRecords(
  db: Executor,
  context: WriteContext,
  formId: string,
  inputs: unknown[],
): Promise<RecordView[]> {
  if (inputs.length > MAX_BATCH) {
    throw new ValidationError(`A batch holds at most ${MAX_BATCH} records.`, [
      { path: '/records', message: `Send at most ${MAX_BATCH}.` },
    ]);
  }
  const form = await published(db, context, formId);
  const write = (executor: Executor) =>
    insertRecords(executor, context, form, inputs, (i) => `/records/${i}`);
  return writesInOneStatement(form.definition.fields) ? write(db) : inTransaction(db, write);
}

/** Types whose create writes more than the record row: a link, a file reference or a counter. */
const EXTRA_WRITES = new Set(['relation', 'serial', 'attachment', 'image', 'signature']);

/**
 * Whether creating records of this form writes exactly one statement (records, history and outbox
 * together): then that statement is atomic by itself and an explicit transaction would only add
 * two round trips. Uniqueness (advisory locks), serials, links and files need the transaction.
 */
function writesInOneStatement(fields: FieldDef[]): boolean {
  return fields.every(
    (f) =>
      !f.unique &&
      !EXTRA_WRITES.has(f.type) &&
      (f.type !== 'subform' || writesInOneStatement((f.fields ?? []) as FieldDef[])),
  );
}

/** The pipeline, then set-based writes: one statement each for records, links, history and the outbox. */
async function insertRecords(
  db: Executor,
  context: WriteContext,
  form: FormVersion,
  inputs: unknown[],
  pathOf: (index: number) => string,
): Promise<RecordView[]> {
  const prepared = await prepareRecords(
    db,
    context,
    form,
    inputs.map((input) => ({ input })),
    pathOf,
  );
  const records = prepared.map((data) => ({ id: newId('rec'), data }));
  const history = historyRows(
    context,
    records.map(({ id, data }) => ({
      recordId: id,
      formId: form.formId,
      rev: 1,
      action: 'create',
      changes: diff({}, data),
    })),
  );
  // One event per request: the outbox's consumers (automations, webhooks) treat a batch as one change.
  const [event] = jobRows([
    {
      workspaceId: context.actor.workspaceId,
      kind: 'record.created',
      payload: { formId: form.formId, recordIds: records.map((r) => r.id) },
    },
  ]);
  // Records, history and the outbox event in one round trip (data-modifying CTEs share the transaction).
  const rows = await db
    .with('history', (qb) => qb.insertInto('record_history').values(history))
    .with('outbox', (qb) => qb.insertInto('jobs').values(event!))
    .insertInto('records')
    .values(
      records.map(({ id, data }) => ({
        id,
        workspace_id: context.actor.workspaceId,
        form_id: form.formId,
        form_version: form.version,
        data: JSON.stringify(data),
        owner_id: context.actor.userId,
        dept_id: primaryDepartment(db, context.actor.userId),
        flow_state: null,
        unconverted: null,
        created_by: context.actor.userId,
        updated_by: context.actor.userId,
        created_at: context.now,
        updated_at: context.now,
      })),
    )
    .returningAll()
    .execute();
  // After the insert: links reference the new rows.
  await writeLinks(db, context.actor.workspaceId, form.definition.fields, records, pathOf, false);
  await writeRecordFiles(db, context.actor.workspaceId, form.definition.fields, records, pathOf, false);
  const byId = new Map(rows.map((row) => [row.id, recordView(row)]));
  return records.map(({ id }) => byId.get(id)!);
}

export async function getRecord(
  db: Executor,
  workspaceId: string,
  formId: string,
  recordId: string,
): Promise<RecordView> {
  const row = await db
    .selectFrom('records')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('form_id', '=', formId)
    .where('id', '=', recordId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!row) throw new NotFoundError('The record');
  return recordView(row);
}

/** Changes the given fields. `rev` must be the revision the caller read: a stale one is a 409, never a silent overwrite. */
export async function updateRecord(
  db: Executor,
  context: WriteContext,
  formId: string,
  recordId: string,
  change: { rev: number; data: unknown },
): Promise<RecordView> {
  const form = await published(db, context, formId);
  return inTransaction(db, async (trx) => {
    const current = await trx
      .selectFrom('records')
      .selectAll()
      .where('workspace_id', '=', context.actor.workspaceId)
      .where('form_id', '=', formId)
      .where('id', '=', recordId)
      .where('deleted_at', 'is', null)
      .forUpdate()
      .executeTakeFirst();
    if (!current) throw new NotFoundError('The record');
    if (current.rev !== change.rev) {
      throw new ConflictError(
        'Someone else changed this record since you opened it. Reload it and try again.',
        [{ path: '/rev', message: `The record is at revision ${current.rev}, not ${change.rev}.` }],
      );
    }
    const [data] = await prepareRecords(trx, context, form, [
      { input: change.data, existing: { id: recordId, data: current.data } },
    ]);
    const row = await trx
      .updateTable('records')
      .set({
        data: JSON.stringify(data),
        form_version: form.version,
        rev: current.rev + 1,
        updated_by: context.actor.userId,
        updated_at: context.now,
      })
      .where('id', '=', recordId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeLinks(
      trx,
      context.actor.workspaceId,
      form.definition.fields,
      [{ id: recordId, data: data! }],
      () => '',
      true,
    );
    await syncRecordFiles(trx, context.actor.workspaceId, recordId, form.definition.fields, data!);
    const changes = diff(current.data, data!);
    await recordHistory(trx, context, [{ recordId, formId, rev: row.rev, action: 'update', changes }]);
    await enqueueJobs(trx, [
      {
        workspaceId: context.actor.workspaceId,
        kind: 'record.updated',
        payload: { formId, recordId, rev: row.rev, fields: Object.keys(changes) },
      },
    ]);
    return recordView(row);
  });
}

/** Moves the record to the recycle bin (soft delete); its data and history stay. */
export async function deleteRecord(
  db: Executor,
  context: WriteContext,
  formId: string,
  recordId: string,
): Promise<void> {
  await inTransaction(db, async (trx) => {
    const row = await trx
      .updateTable('records')
      .set((eb) => ({
        deleted_at: context.now,
        rev: eb('rev', '+', 1),
        updated_by: context.actor.userId,
        updated_at: context.now,
      }))
      .where('workspace_id', '=', context.actor.workspaceId)
      .where('form_id', '=', formId)
      .where('id', '=', recordId)
      .where('deleted_at', 'is', null)
      .returning(['rev'])
      .executeTakeFirst();
    if (!row) throw new NotFoundError('The record');
    await recordHistory(trx, context, [{ recordId, formId, rev: row.rev, action: 'delete', changes: {} }]);
    await enqueueJobs(trx, [
      {
        workspaceId: context.actor.workspaceId,
        kind: 'record.deleted',
        payload: { formId, recordId, rev: row.rev },
      },
    ]);
  });
}

/** The user's primary department, as a subquery of the insert (no extra round trip). */
function primaryDepartment(db: Executor, userId: string) {
  return db
    .selectFrom('department_members')
    .select('department_id')
    .where('user_id', '=', userId)
    .where('is_primary', '=', true)
    .limit(1);
}
