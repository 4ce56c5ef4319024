import type { CreateRecordAction } from '@forecourt/schemas';
import { createRecord } from '../../records/service';
import { mapValues } from '../scope';
import type { AutomationActionKindModule } from './kind';

/** Creates a record in the target form with the mapped values (through the same pipeline as people's writes). */
export const createRecordAction: AutomationActionKindModule<CreateRecordAction> = {
  async perform(run, action) {
    const values = await mapValues(run.scope, action.values, run.context);
    const created = await createRecord(run.trx, run.context, action.formId, values);
    return { formId: action.formId, recordId: created.id };
  },
};
