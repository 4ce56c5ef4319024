import { valuesIssues } from '../context';
import type { UpdateRecordAction } from '../types';
import type { AutomationActionRules } from './kind';
import { valuesSchema } from './values';

/** Changes fields of the triggering record. */
export const updateRecordRules: AutomationActionRules<UpdateRecordAction> = {
  properties: { values: valuesSchema },
  required: ['values'],
  issues(action, path, { trigger }) {
    return valuesIssues(action.values, `${path}/values`, trigger, trigger);
  },
};
