import {
  checkWorkflowDefinition,
  type WorkflowDefinition,
  type WorkflowIssue,
  workflowDefinitionSchema,
} from '@forecourt/schemas';
import type { Executor } from '../db/schema';
import { formVersion } from '../forms/forms';
import { metaSchemaValidator } from '../forms/meta-schema';
import { approverRuleIssues } from './approvers-check';

/**
 * Every problem of a flow: for a draft, its shape; for publishing, the language and graph rules of
 * `schemas` (the designer runs the same) checked against the form's published fields, and what
 * only the database knows (approvers that exist and can resolve).
 */
export async function workflowIssues(
  db: Executor,
  workspaceId: string,
  definition: unknown,
  publishing: boolean,
): Promise<WorkflowIssue[]> {
  // A draft only needs the right shape: the designer autosaves unfinished graphs.
  if (!publishing && metaSchemaValidator(workflowDefinitionSchema)(definition)) return [];
  const formId = (definition as { formId?: unknown } | null)?.formId;
  const form =
    typeof formId === 'string' ? (await formVersion(db, workspaceId, formId)).definition : undefined;
  const issues = checkWorkflowDefinition(
    definition,
    form,
    metaSchemaValidator(workflowDefinitionSchema) as never,
  );
  if (issues.length) return issues;
  return approverRuleIssues(db, workspaceId, definition as WorkflowDefinition);
}
