import {
  type AutomationIssue,
  automationDefinitionSchema,
  checkAutomationDefinition,
  type FormDefinition,
} from '@forecourt/schemas';
import type { Executor } from '../db/schema';
import { DomainError } from '../errors';
import { formVersion } from '../forms/forms';
import { metaSchemaValidator } from '../forms/meta-schema';

/** The published definitions of the forms an automation writes to (createRecord targets). */
async function targetForms(db: Executor, workspaceId: string, definition: unknown) {
  const actions = (definition as { actions?: unknown } | null)?.actions;
  const ids = new Set<string>();
  for (const action of Array.isArray(actions) ? actions : []) {
    const { kind, formId } = (action ?? {}) as { kind?: unknown; formId?: unknown };
    if (kind === 'createRecord' && typeof formId === 'string') ids.add(formId);
  }
  const forms = new Map<string, FormDefinition>();
  for (const id of ids) {
    const found = await formVersion(db, workspaceId, id).catch(() => undefined);
    if (found) forms.set(id, found.definition);
  }
  return forms;
}

/**
 * Every problem of an automation for the form `formId`: its shape (the meta-schema), then the
 * trigger's and actions' references into the published forms and their expressions.
 */
export async function automationIssues(
  db: Executor,
  workspaceId: string,
  formId: string,
  definition: unknown,
): Promise<AutomationIssue[]> {
  const trigger = (await formVersion(db, workspaceId, formId)).definition;
  const targets = await targetForms(db, workspaceId, definition);
  return checkAutomationDefinition(
    definition,
    { trigger, get: (id) => (id === formId ? trigger : targets.get(id)) },
    metaSchemaValidator(automationDefinitionSchema) as never,
  );
}

export function invalidAutomation(issues: AutomationIssue[]): DomainError {
  return new DomainError(
    'validation_failed',
    issues.length === 1 ? 'The automation has a problem.' : `The automation has ${issues.length} problems.`,
    issues.map((issue) => ({
      path: issue.path,
      message: issue.message,
      code: issue.code,
      ...(issue.params ? { params: issue.params } : {}),
    })),
  );
}
