import type { UpdateRecordAction } from '@forecourt/schemas';
import { NotFoundError } from '../../errors';
import { updateRecord } from '../../records/service';
import { automationScope, mapValues } from '../scope';
import type { AutomationActionKindModule } from './kind';

/** Changes the triggering record (at its current revision, in the job's transaction). */
export const updateRecordAction: AutomationActionKindModule<UpdateRecordAction> = {
  async perform(run, action) {
    const values = await mapValues(run.scope, action.values, run.context);
    const current = await run.trx
      .selectFrom('records')
      .select('rev')
      .where('workspace_id', '=', run.workspaceId)
      .where('id', '=', run.record.id)
      .where('deleted_at', 'is', null)
      .forUpdate()
      .executeTakeFirst();
    // Deleted since the event: a failed run in the log, not a job retried until it is dropped.
    if (!current) throw new NotFoundError('The record to update');
    const updated = await updateRecord(run.trx, run.context, run.record.form_id, run.record.id, {
      rev: current.rev,
      data: values,
    });
    const row = await run.trx
      .selectFrom('records')
      .selectAll()
      .where('id', '=', run.record.id)
      .executeTakeFirstOrThrow();
    // The actions after this one read the record as it is now.
    run.record = row;
    run.scope = automationScope(row, run.scope.fields, { via: run.context.via });
    return { recordId: updated.id, rev: updated.rev, fields: Object.keys(values) };
  },
};
