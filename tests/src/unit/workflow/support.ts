import {
  checkWorkflowDefinition,
  type FormDefinition,
  type WorkflowIssue,
  type WorkflowShapeValidator,
  workflowDefinitionSchema,
} from '@forecourt/schemas';
import { expect } from 'vitest';
import { newAjv } from '../fields/support';

let compiled: WorkflowShapeValidator | undefined;

/** The meta-schema compiled as the engine compiles it (Ajv 2020, discriminator on). */
export function shapeValidator(): WorkflowShapeValidator {
  compiled ??= newAjv({ discriminator: true }).compile(workflowDefinitionSchema()) as WorkflowShapeValidator;
  return compiled;
}

/** All issues, the schema first, as on publish. */
export function check(definition: unknown, form?: FormDefinition): WorkflowIssue[] {
  return checkWorkflowDefinition(definition, form, shapeValidator());
}

/**
 * The one issue at `path`, asserting it is the only issue of the definition (so a test can fail on
 * noise as well as on a missing issue).
 */
export function onlyIssue(definition: unknown, form?: FormDefinition): WorkflowIssue {
  const issues = check(definition, form);
  expect(issues, JSON.stringify(issues, null, 2)).toHaveLength(1);
  return issues[0] as WorkflowIssue;
}
