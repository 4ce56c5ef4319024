import { createRecordRules } from './create-record';
import type { AutomationActionRegistry } from './kind';
import { notifyRules } from './notify';
import { updateRecordRules } from './update-record';

export type { ActionCheckContext, AutomationActionRegistry, AutomationActionRules } from './kind';

/** Every action kind and its module. A new kind: one module here, one in the engine, one line each. */
export const AUTOMATION_ACTIONS: AutomationActionRegistry = {
  createRecord: createRecordRules,
  updateRecord: updateRecordRules,
  notify: notifyRules,
};

export const AUTOMATION_ACTION_KINDS = Object.keys(AUTOMATION_ACTIONS) as (keyof AutomationActionRegistry)[];
