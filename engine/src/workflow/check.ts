import {
  checkWorkflowDefinition,
  type WorkflowDefinition,
  type WorkflowIssue,
  workflowDefinitionSchema,
} from '@forecourt/schemas';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import type { Executor } from '../db/schema';
import { formVersion } from '../forms/forms';
import { approverRuleIssues } from './approvers-check';

let validateShape: ValidateFunction | undefined;

/** The flow meta-schema, compiled once (our own closed model, never a user-supplied schema). */
function shapeValidator(): ValidateFunction {
  validateShape ??= new Ajv2020({
    allErrors: true,
    strict: false,
    discriminator: true,
    $data: false,
  }).compile(workflowDefinitionSchema());
  return validateShape;
}

/**
 * Every problem of a flow: for a draft, its shape; for publishing, the language and graph rules of
 * `schemas` (the designer runs the same) checked against the form's published fields, and what only the database knows
 * (approvers that exist and can resolve), and what the executor cannot run yet (sub-flows).
 */
export async function workflowIssues(
  db: Executor,
  workspaceId: string,
  definition: unknown,
  publishing: boolean,
): Promise<WorkflowIssue[]> {
  // A draft only needs the right shape: the designer autosaves unfinished graphs.
  if (!publishing && shapeValidator()(definition)) return [];
  const formId = (definition as { formId?: unknown } | null)?.formId;
  const form =
    typeof formId === 'string' ? (await formVersion(db, workspaceId, formId)).definition : undefined;
  const issues = checkWorkflowDefinition(definition, form, shapeValidator() as never);
  if (issues.length) return issues;
  return approverRuleIssues(db, workspaceId, definition as WorkflowDefinition);
}
