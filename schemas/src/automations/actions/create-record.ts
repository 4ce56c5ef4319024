import { formIdSchema } from '../../fields/schema-parts';
import { FormFields, valuesIssues } from '../context';
import type { CreateRecordAction } from '../types';
import type { AutomationActionRules } from './kind';
import { valuesSchema } from './values';

/** Creates a record in a form of the workspace, its values mapped from the triggering record. */
export const createRecordRules: AutomationActionRules<CreateRecordAction> = {
  properties: { formId: formIdSchema, values: valuesSchema },
  required: ['formId', 'values'],
  issues(action, path, { forms, trigger }) {
    const target = forms.get(action.formId);
    if (!target)
      return [
        {
          path: `${path}/formId`,
          code: 'automation.form_unknown',
          params: { formId: action.formId },
          message: `There is no published form ${action.formId} in this workspace: choose a form to create records in.`,
        },
      ];
    return valuesIssues(action.values, `${path}/values`, new FormFields(target), trigger);
  },
};
