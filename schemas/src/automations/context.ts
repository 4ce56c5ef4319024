import type { FormDefinition } from '../fields/form-schema';
import { expressionProblems, FormFields } from '../workflow/form-fields';
import type { AutomationIssue, ValueMappings } from './types';

/** The forms an automation's checks read: the one it listens to and any an action writes to. */
export interface AutomationForms {
  trigger: FormDefinition;
  /** Another form of the workspace by id (the target of a createRecord), or undefined. */
  get(formId: string): FormDefinition | undefined;
}

/** Problems of one expression over the triggering record; `$record` and `$previous` are bound. */
export function mappingIssues(source: string, path: string, trigger: FormFields): AutomationIssue[] {
  return expressionProblems(source, `The expression at ${path}`, trigger).map((message) => ({
    path,
    code: 'automation.expression' as const,
    message,
  }));
}

/**
 * Problems of a value mapping: every key a field of `target` that takes input, every value an
 * expression over the triggering record.
 */
export function valuesIssues(
  values: ValueMappings,
  path: string,
  target: FormFields,
  trigger: FormFields,
): AutomationIssue[] {
  const issues: AutomationIssue[] = [];
  for (const [fieldId, source] of Object.entries(values)) {
    const at = `${path}/${fieldId}`;
    const field = target.field(fieldId);
    if (!field)
      issues.push({
        path: at,
        code: 'automation.field_unknown',
        params: { fieldId, formId: target.form.id },
        message: `${fieldId} is not a field of ${target.name}: map to one of its fields.`,
      });
    else if (!target.holdsInput(field))
      issues.push({
        path: at,
        code: 'automation.field_not_input',
        params: { fieldId, formId: target.form.id },
        message: `${target.describe(field)} is computed or layout and cannot be set: choose a field that takes input.`,
      });
    issues.push(...mappingIssues(source, at, trigger));
  }
  return issues;
}

export { FormFields };
