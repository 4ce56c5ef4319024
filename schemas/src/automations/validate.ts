import { type ActionCheckContext, AUTOMATION_ACTIONS } from './actions';
import { type AutomationForms, FormFields, mappingIssues } from './context';
import type { AutomationAction, AutomationDefinition, AutomationIssue } from './types';

/** A compiled validator of `automationDefinitionSchema()` (Ajv 2020 with `discriminator: true`). */
export interface AutomationShapeValidator {
  (definition: unknown): boolean;
  errors?: { instancePath: string; message?: string; params?: Record<string, unknown> }[] | null;
}

function shapeIssues(validate: AutomationShapeValidator): AutomationIssue[] {
  return (validate.errors ?? []).slice(0, 50).map((error) => {
    const extra = error.params?.additionalProperty;
    return typeof extra === 'string'
      ? {
          path: `${error.instancePath}/${extra}`,
          code: 'automation.shape' as const,
          params: { property: extra },
          message: `${extra} is not a property here: remove it.`,
        }
      : {
          path: error.instancePath,
          code: 'automation.shape' as const,
          params: { ...error.params },
          message: `This ${error.message ?? 'is not valid'}.`,
        };
  });
}

function triggerIssues(definition: AutomationDefinition, fields: FormFields): AutomationIssue[] {
  const { trigger } = definition;
  const issues: AutomationIssue[] = [];
  if (trigger.fields && trigger.kind !== 'record.updated')
    issues.push({
      path: '/trigger/fields',
      code: 'automation.fields_not_update',
      message: 'Changed fields only apply to record.updated: remove them or listen to updates.',
    });
  trigger.fields?.forEach((id, index) => {
    if (!fields.field(id))
      issues.push({
        path: `/trigger/fields/${index}`,
        code: 'automation.field_unknown',
        params: { fieldId: id, formId: fields.form.id },
        message: `${id} is not a field of ${fields.name}: choose one of its fields.`,
      });
  });
  if (trigger.condition) issues.push(...mappingIssues(trigger.condition, '/trigger/condition', fields));
  return issues;
}

function actionIssues(
  action: AutomationAction,
  path: string,
  context: ActionCheckContext,
): AutomationIssue[] {
  const rules = AUTOMATION_ACTIONS[action.kind] as {
    issues(action: AutomationAction, path: string, context: ActionCheckContext): AutomationIssue[];
  };
  return rules.issues(action, path, context);
}

/**
 * Everything wrong with an automation definition; empty when it can be saved. With `validateShape`,
 * a definition that does not fit the schema gets the schema's issues only; then the trigger's and
 * each action's references into the forms and their expressions. Browser and server run the same.
 */
export function checkAutomationDefinition(
  definition: unknown,
  forms: AutomationForms,
  validateShape?: AutomationShapeValidator,
): AutomationIssue[] {
  if (validateShape && !validateShape(definition)) return shapeIssues(validateShape);
  const automation = definition as AutomationDefinition;
  if (automation.formId !== forms.trigger.id)
    return [
      {
        path: '/formId',
        code: 'automation.form_mismatch',
        params: { formId: automation.formId, expected: forms.trigger.id },
        message: `This automation is for ${automation.formId} but was checked against ${forms.trigger.id}.`,
      },
    ];
  const trigger = new FormFields(forms.trigger);
  const context: ActionCheckContext = { forms, trigger };
  return [
    ...triggerIssues(automation, trigger),
    ...automation.actions.flatMap((action, index) => actionIssues(action, `/actions/${index}`, context)),
  ];
}
