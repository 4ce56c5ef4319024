import { type FieldDef, fieldType } from '@forecourt/schemas';
import type { RecordView } from '@forecourt/schemas/api';
import type { QueryCreator, Selectable } from 'kysely';
import { type FieldSet, union } from '../access/compile';
import { type FormAccess, formAccess, maskData } from '../access/form-access';
import type { Action } from '../access/types';
import { assertInputShape, assertLinksVisible, assertWritable } from '../access/write-guard';
import { type Actor, personOf } from '../accounts/actor';
import type { Database, Executor, RecordsTable } from '../db/schema';
import { inTransaction } from '../db/transaction';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { syncRecordFiles, writeRecordFiles } from '../files/references';
import { newId } from '../ids';
import type { FormVersion, WriteContext } from './context';
import { consumerInserts, eventSource, isWanted, type RecordEventPayload } from './events';
import { diff, historyRows, recordHistory } from './history';
import { writeLinks } from './links';
import { enqueueJobs, type Job, jobRows } from './outbox';
import { prepareRecords } from './pipeline';

export type { RecordView };

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

/** A record as a user may see it: only the fields their sets show on it. */
export function maskRecord(view: RecordView, fields: FieldSet): RecordView {
  if (fields === 'all') return view;
  return { ...view, data: maskData(view.data, fields), unconverted: maskData(view.unconverted, fields) };
}

/**
 * The user's access to the form and the published version records are written with. Read outside
 * the write transaction, so that the per-process cache of immutable versions serves it.
 */
async function published(
  db: Executor,
  context: WriteContext,
  formId: string,
): Promise<{ form: FormVersion; access: FormAccess }> {
  const access = await formAccess(db, context.actor, formId);
  return { form: { formId, version: access.version, definition: access.definition }, access };
}

export async function createRecord(
  db: Executor,
  context: WriteContext,
  formId: string,
  input: unknown,
): Promise<RecordView> {
  const [created] = await createRecords(db, context, formId, [input], () => '');
  return created!;
}

/** Up to 100 records in one transaction: all are stored, or none and every bad field is named. */
export async function createRecords(
  db: Executor,
  context: WriteContext,
  formId: string,
  inputs: unknown[],
  pathOf: (index: number) => string = (i) => `/records/${i}`,
): Promise<RecordView[]> {
  if (inputs.length > MAX_BATCH) {
    throw new ValidationError(`A batch holds at most ${MAX_BATCH} records.`, [
      { path: '/records', message: `Send at most ${MAX_BATCH}.` },
    ]);
  }
  const { form, access } = await published(db, context, formId);
  const action: Action = context.via === 'import' ? 'import' : 'create';
  access.require(action);
  assertInputShape(inputs, form.definition.fields, pathOf);
  assertWritable(access, inputs, access.writableFor(action), pathOf);
  const write = (executor: Executor) => insertRecords(executor, context, form, inputs, pathOf);
  const created = writesInOneStatement(form.definition.fields)
    ? await write(db)
    : await inTransaction(db, write);
  // What they sent and what they may see anyway: a "submit only" user does not read computed values back.
  const shown = union([access.writableFor(action), access.common('view')]);
  return created.map((view) => maskRecord(view, shown));
}

/**
 * Whether creating records of this form writes exactly one statement (records, history and outbox
 * together): then that statement is atomic by itself and an explicit transaction would only add
 * two round trips. Uniqueness (advisory locks), serials, links and files need the transaction.
 */
function writesInOneStatement(fields: FieldDef[]): boolean {
  return fields.every(
    (f) =>
      !f.unique &&
      fieldType(f.type).extraWrites === undefined &&
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
  await assertLinksVisible(
    db,
    context.actor,
    form.definition.fields,
    prepared.map((data) => ({ data })),
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
  const event: Job = {
    workspaceId: context.actor.workspaceId,
    kind: 'record.created',
    payload: {
      formId: form.formId,
      recordIds: records.map((r) => r.id),
      rev: 1,
      ...eventSource(context),
    } satisfies RecordEventPayload,
  };
  // Records, history, the outbox event and its consumers' jobs in one round trip (data-modifying
  // CTEs share the transaction); the event only when someone consumes it.
  let statement = db.with('history', (qb) =>
    qb.insertInto('record_history').values(history),
  ) as unknown as QueryCreator<Database>;
  if (isWanted(event))
    statement = statement.with('outbox', (qb) =>
      qb.insertInto('jobs').values(jobRows([event])),
    ) as unknown as QueryCreator<Database>;
  consumerInserts(db, [event]).forEach((insert, index) => {
    statement = statement.with(`consumer_${index}`, () => insert) as unknown as QueryCreator<Database>;
  });
  const rows = await statement
    .insertInto('records')
    .values(
      records.map(({ id, data }) => ({
        id,
        workspace_id: context.actor.workspaceId,
        form_id: form.formId,
        form_version: form.version,
        data: JSON.stringify(data),
        owner_id: author(context),
        dept_id: author(context) ? primaryDepartment(db, context.actor.userId) : null,
        flow_state: null,
        unconverted: null,
        created_by: author(context),
        updated_by: author(context),
        channel: context.publicLink?.channel ?? null,
        created_at: context.now,
        updated_at: context.now,
      })),
    )
    .returningAll()
    .execute();
  // After the insert: links reference the new rows.
  await writeLinks(db, context.actor.workspaceId, form.definition.fields, records, pathOf, false);
  await writeRecordFiles(db, context.actor, form.definition.fields, records, pathOf, false);
  const byId = new Map(rows.map((row) => [row.id, recordView(row)]));
  return records.map(({ id }) => byId.get(id)!);
}

/** One record, with only the fields the user's sets show on it; one they may not see is "not found". */
export async function getRecord(
  db: Executor,
  actor: Actor,
  formId: string,
  recordId: string,
): Promise<RecordView> {
  const access = await formAccess(db, actor, formId);
  const row = await db
    .selectFrom('records')
    .selectAll()
    .select(access.flags().as('_access'))
    .where('workspace_id', '=', actor.workspaceId)
    .where('form_id', '=', formId)
    .where('id', '=', recordId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!row || !access.reaches(row._access, 'view')) throw new NotFoundError('The record');
  return maskRecord(recordView(row), access.readable(row._access));
}

/**
 * Locks a live record for a change by `action` and says what the user may do with it: a record
 * they cannot see is "not found"; one they see but may not change is 403.
 */
async function lockForChange(
  trx: Executor,
  access: FormAccess,
  actor: Actor,
  recordId: string,
  action: Action,
) {
  const row = await trx
    .selectFrom('records')
    .selectAll()
    .select(access.flags().as('_access'))
    .where('workspace_id', '=', actor.workspaceId)
    .where('form_id', '=', access.formId)
    .where('id', '=', recordId)
    .where('deleted_at', 'is', null)
    .forNoKeyUpdate()
    .executeTakeFirst();
  const seen = row && (access.reaches(row._access, 'view') || access.reaches(row._access, action));
  if (!row || !seen) throw new NotFoundError('The record');
  if (!access.reaches(row._access, action)) {
    throw new ForbiddenError(
      action === 'delete' ? 'You may not delete this record.' : 'You may not change this record.',
    );
  }
  return row;
}

/** Changes the given fields. `rev` must be the revision the caller read: a stale one is a 409, never a silent overwrite. */
export async function updateRecord(
  db: Executor,
  context: WriteContext,
  formId: string,
  recordId: string,
  change: { rev: number; data: unknown },
): Promise<RecordView> {
  const { form, access } = await published(db, context, formId);
  assertInputShape([change.data], form.definition.fields, () => '');
  return inTransaction(db, async (trx) => {
    const current = await lockForChange(trx, access, context.actor, recordId, 'edit');
    assertNotInFlow(current.flow_state, context);
    assertWritable(access, [change.data], access.editable(current._access), () => '', {
      data: current.data,
      readable: access.readable(current._access),
    });
    if (current.rev !== change.rev) {
      throw new ConflictError(
        'Someone else changed this record since you opened it. Reload it and try again.',
        [{ path: '/rev', message: `The record is at revision ${current.rev}, not ${change.rev}.` }],
      );
    }
    const [data] = await prepareRecords(trx, context, form, [
      { input: change.data, existing: { id: recordId, data: current.data } },
    ]);
    await assertLinksVisible(
      trx,
      context.actor,
      form.definition.fields,
      [{ data: data!, existing: current.data }],
      () => '',
    );
    const row = await trx
      .updateTable('records')
      .set({
        data: JSON.stringify(data),
        form_version: form.version,
        rev: current.rev + 1,
        updated_by: author(context),
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
    await syncRecordFiles(trx, context.actor, recordId, form.definition.fields, data!);
    const changes = diff(current.data, data!);
    await recordHistory(trx, context, [{ recordId, formId, rev: row.rev, action: 'update', changes }]);
    await enqueueJobs(trx, [
      {
        workspaceId: context.actor.workspaceId,
        kind: 'record.updated',
        payload: {
          formId,
          recordId,
          rev: row.rev,
          fields: Object.keys(changes),
          previous: Object.fromEntries(Object.keys(changes).map((id) => [id, current.data[id] ?? null])),
          ...eventSource(context),
        } satisfies RecordEventPayload,
      },
    ]);
    return maskRecord(recordView(row), access.readable(current._access));
  });
}

/** Moves the record to the recycle bin (soft delete); its data and history stay. */
export async function deleteRecord(
  db: Executor,
  context: WriteContext,
  formId: string,
  recordId: string,
): Promise<void> {
  const access = await formAccess(db, context.actor, formId);
  await inTransaction(db, async (trx) => {
    const current = await lockForChange(trx, access, context.actor, recordId, 'delete');
    assertNotInFlow(current.flow_state, context);
    const row = await trx
      .updateTable('records')
      .set((eb) => ({
        deleted_at: context.now,
        rev: eb('rev', '+', 1),
        updated_by: author(context),
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
        payload: { formId, recordId, rev: row.rev, ...eventSource(context) } satisfies RecordEventPayload,
      },
    ]);
  });
}

/** Whom a new record belongs to: nobody when an anonymous person sent it through a public link. */
function author(context: WriteContext): string | null {
  return context.publicLink ? null : personOf(context.actor);
}

/**
 * A record in a running approval changes only through its tasks (the node's field permissions
 * decide): a direct edit or delete would pull the record from under its approvers.
 */
function assertNotInFlow(flowState: string | null, context: WriteContext): void {
  if (flowState === 'running' && context.via !== 'workflow') {
    throw new ConflictError(
      'This record is in an approval: it changes through its tasks, or end the approval first.',
    );
  }
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
