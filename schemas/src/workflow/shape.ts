import { isObject } from './issues';
import { WORKFLOW_LIMITS } from './schema';
import type { WorkflowIssue } from './types';

/**
 * Turns JSON Schema errors into issues an admin can act on. The errors are Ajv's (`ErrorObject`); the
 * shape is declared here so that this package stays free of a validator dependency.
 */
export interface WorkflowSchemaError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
  /** Set by `propertyNames` errors: the offending key. */
  propertyName?: string;
}

/** A compiled validator of `workflowDefinitionSchema()`, e.g. `new Ajv2020({ discriminator: true, allErrors: true }).compile(...)`. */
export interface WorkflowShapeValidator {
  (definition: unknown): boolean;
  errors?: WorkflowSchemaError[] | null;
}

const MAX_ISSUES = 50;

const ID_RULE = 'a lowercase letter, then up to 40 lowercase letters, digits or _';
const FIELD_ID_RULE = 'f_ then up to 40 lowercase letters, digits or _ (the id of a field of the form)';

/** Friendlier words for limits, by the last segment of the path. */
const TOO_MANY: Record<string, string> = {
  nodes: `A flow can have at most ${WORKFLOW_LIMITS.nodes} nodes.`,
  edges: `A flow can have at most ${WORKFLOW_LIMITS.edges} edges.`,
  approvers: `A node can have at most ${WORKFLOW_LIMITS.approverRules} approver rules: use roles or departments instead of long lists.`,
  userIds: `An approver rule can name at most ${WORKFLOW_LIMITS.ids} users: use a role or a department instead.`,
  roleIds: `An approver rule can name at most ${WORKFLOW_LIMITS.ids} roles.`,
  departmentIds: `An approver rule can name at most ${WORKFLOW_LIMITS.ids} departments.`,
  remindBefore: `A deadline can have at most ${WORKFLOW_LIMITS.remindBefore} reminders.`,
  actions: `An action node can run at most ${WORKFLOW_LIMITS.actions} actions.`,
};

function segments(pointer: string): string[] {
  return pointer.split('/').slice(1);
}

function patternMessage(path: string): string {
  const parts = segments(path);
  const last = parts[parts.length - 1] ?? '';
  if (parts.length === 3 && last === 'id')
    return `${parts[0] === 'nodes' ? 'A node' : 'An edge'} id is ${ID_RULE}.`;
  if (last === 'from' || last === 'to')
    return `An edge ${last === 'from' ? 'starts at' : 'leads to'} a node id: ${ID_RULE}.`;
  if (last === 'formId')
    return 'A form id is a lowercase letter, then 1 to 62 lowercase letters, digits or _.';
  return `A field id is ${FIELD_ID_RULE}.`;
}

function say(error: WorkflowSchemaError): { path: string; message: string } | undefined {
  const path = error.instancePath;
  const last = segments(path).pop() ?? '';
  const params = error.params;
  switch (error.keyword) {
    case 'required':
      return {
        path: `${path}/${String(params.missingProperty)}`,
        message: `"${String(params.missingProperty)}" is missing: it is required here.`,
      };
    case 'additionalProperties':
      return {
        path: `${path}/${String(params.additionalProperty)}`,
        message: `"${String(params.additionalProperty)}" is not a property this part of a flow can have: remove it.`,
      };
    case 'propertyNames':
      return {
        path: `${path}/${String(params.propertyName)}`,
        message: `${String(params.propertyName)} is not a field id: use ${FIELD_ID_RULE}.`,
      };
    case 'enum':
      if (last === 'type' && segments(path)[0] === 'nodes')
        return {
          path,
          message: `Unknown node type: use one of ${(params.allowedValues as string[]).join(', ')}.`,
        };
      if (last === 'kind')
        return {
          path,
          message: `Unknown kind of ${segments(path).includes('approvers') ? 'approver rule' : 'action'}: use one of ${(params.allowedValues as string[]).join(', ')}.`,
        };
      return { path, message: `Use one of: ${(params.allowedValues as unknown[]).map(String).join(', ')}.` };
    case 'type':
      return {
        path,
        message: `This must be ${params.type === 'integer' ? 'a whole number' : `of type ${String(params.type)}`}.`,
      };
    case 'pattern':
      return { path, message: patternMessage(path) };
    case 'maxItems':
      return {
        path,
        message: TOO_MANY[last] ?? `This list can have at most ${String(params.limit)} entries.`,
      };
    case 'minimum':
    case 'maximum':
      if (segments(path).includes('deadline'))
        return {
          path,
          message: `Deadlines and reminders are 1 to ${WORKFLOW_LIMITS.deadlineMinutes.toLocaleString('en-US')} minutes (30 days).`,
        };
      return {
        path,
        message: `This must be ${error.keyword === 'minimum' ? 'at least' : 'at most'} ${String(params.limit)}.`,
      };
    case 'minProperties':
    case 'maxProperties':
      if (last === 'after')
        return {
          path,
          message:
            'A deadline comes after a number of minutes or from a date field: give exactly one of the two.',
        };
      return { path, message: `This can have at most ${String(params.limit)} entries.` };
    case 'minLength':
    case 'maxLength':
      return {
        path,
        message: `This text must be ${String(params.limit)} characters or ${error.keyword === 'minLength' ? 'more' : 'fewer'}.`,
      };
    // Branch bookkeeping: the specific error of the chosen branch says more.
    case 'oneOf':
    case 'anyOf':
    case 'const':
    case 'discriminator':
    case 'if':
      return undefined;
    default:
      return { path, message: error.message ?? 'This is not valid here.' };
  }
}

/** Issues from schema errors: one per location, with the node or edge the location is under. */
export function shapeIssues(definition: unknown, errors: readonly WorkflowSchemaError[]): WorkflowIssue[] {
  const byPath = new Map<string, WorkflowIssue>();
  for (const error of errors) {
    // A key refused by propertyNames also reports its own pattern error; the propertyNames one says it better.
    if (error.propertyName !== undefined && error.keyword !== 'propertyNames') continue;
    const said = say(error);
    if (!said || byPath.has(said.path)) continue;
    const issue: WorkflowIssue = { path: said.path, message: said.message };
    const [list, position] = segments(said.path);
    const items =
      isObject(definition) && (list === 'nodes' || list === 'edges') ? definition[list] : undefined;
    const item = Array.isArray(items) && position !== undefined ? items[Number(position)] : undefined;
    if (isObject(item) && typeof item.id === 'string' && position !== undefined) {
      if (list === 'nodes') issue.nodeId = item.id;
      else issue.edgeId = item.id;
    }
    byPath.set(said.path, issue);
  }
  const issues = [...byPath.values()].slice(0, MAX_ISSUES);
  return issues.length ? issues : [{ path: '', message: 'The workflow definition is not valid.' }];
}
