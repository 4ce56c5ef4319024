import { createRecordAction } from './create-record';
import type { AutomationActionModules } from './kind';
import { notifyAction } from './notify';
import { updateRecordAction } from './update-record';

export type { ActionRun, AutomationActionKindModule } from './kind';

/** Every action kind and the module that runs it. A new kind: one module, one line here. */
export const automationActions: AutomationActionModules = {
  createRecord: createRecordAction,
  updateRecord: updateRecordAction,
  notify: notifyAction,
};
