import type { JsonSchema } from '../fields/contract';
import { MAX_FORM_FIELDS } from '../fields/form-schema';
import { expressionSchema, fieldIdSchema, formIdSchema, labelSchema } from '../fields/schema-parts';
import { delaySchema } from './delay';
import type { ApproverRule, AutomaticAction, NodeType, TaskActionName } from './types';

/**
 * The workflow meta-schema: the shape of a definition, closed everywhere. What a schema cannot say
 * (the graph, references into the form, expressions) is checked by `checkWorkflowDefinition`.
 */

export const WORKFLOW_DEFINITION_SCHEMA_ID = 'https://forecourt.dev/schemas/workflow-definition.json';

/** Node and edge ids: a lowercase letter, then up to 40 lowercase letters, digits or `_`. */
export const WORKFLOW_ID_PATTERN = '^[a-z][a-z0-9_]{0,40}$';

export const WORKFLOW_LIMITS = {
  nodes: 200,
  edges: 400,
  approverRules: 20,
  /** Users, roles or departments named by one approver rule. */
  ids: 100,
  actions: 20,
  /** Values set by one update or create action. */
  values: 100,
  remindBefore: 5,
  /** 30 days. */
  deadlineMinutes: 43_200,
  managerLevels: 10,
} as const;

export const NODE_TYPES = [
  'start',
  'approval',
  'fill',
  'cc',
  'condition',
  'parallel',
  'join',
  'action',
  'subflow',
  'delay',
  'end',
] as const satisfies readonly NodeType[];

export const TASK_ACTIONS = [
  'approve',
  'reject',
  'return',
  'transfer',
  'addSigner',
  'saveDraft',
  'urge',
] as const satisfies readonly TaskActionName[];

export const APPROVER_KINDS = [
  'users',
  'roles',
  'departmentHeads',
  'submitterManager',
  'managerChain',
  'field',
  'submitter',
  'chosenByPrevious',
] as const satisfies readonly ApproverRule['kind'][];

export const ACTION_KINDS = [
  'updateRecord',
  'createRecord',
  'webhook',
  'notify',
] as const satisfies readonly AutomaticAction['kind'][];

// The lists above must name every member of their union: a new node type fails to compile here.
type Missing<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : never;
const complete: [
  Missing<NodeType, (typeof NODE_TYPES)[number]>,
  Missing<TaskActionName, (typeof TASK_ACTIONS)[number]>,
  Missing<ApproverRule['kind'], (typeof APPROVER_KINDS)[number]>,
  Missing<AutomaticAction['kind'], (typeof ACTION_KINDS)[number]>,
] = [true, true, true, true];
void complete;

const ref = (name: string): JsonSchema => ({ $ref: `#/$defs/${name}` });

function closed(properties: Record<string, JsonSchema>, required: string[]): JsonSchema {
  return { type: 'object', properties, required, additionalProperties: false };
}

/** A closed branch of a union tagged by `tag`. */
function branch(tag: string, value: string, properties: Record<string, JsonSchema>, required: string[] = []) {
  return closed({ [tag]: { const: value }, ...properties }, [tag, ...required]);
}

/** A oneOf tagged by `tag`; validators with discriminator support (Ajv `discriminator: true`) pick the branch. */
function tagged(tag: string, values: readonly string[], branches: JsonSchema[]): JsonSchema {
  return {
    type: 'object',
    required: [tag],
    properties: { [tag]: { enum: [...values] } },
    discriminator: { propertyName: tag },
    oneOf: branches,
  };
}

/** Ids of users, roles or departments: opaque to the schema, resolved against the workspace at run time. */
const entityIdSchema: JsonSchema = { type: 'string', minLength: 1, maxLength: 64 };
const idList: JsonSchema = { type: 'array', maxItems: WORKFLOW_LIMITS.ids, items: entityIdSchema };
const minutes: JsonSchema = { type: 'integer', minimum: 1, maximum: WORKFLOW_LIMITS.deadlineMinutes };

// Bounds that deserve a sentence of explanation (levels, empty lists, URL schemes) are left to the checker.
const approverRuleSchema = tagged('kind', APPROVER_KINDS, [
  branch('kind', 'users', { userIds: idList }, ['userIds']),
  branch('kind', 'roles', { roleIds: idList }, ['roleIds']),
  branch('kind', 'departmentHeads', { departmentIds: idList }, ['departmentIds']),
  branch('kind', 'submitterManager', { levels: { type: 'integer' } }, ['levels']),
  branch('kind', 'managerChain', { levels: { type: 'integer' }, untilRole: entityIdSchema }),
  branch('kind', 'field', { fieldId: fieldIdSchema }, ['fieldId']),
  branch('kind', 'submitter', {}),
  branch('kind', 'chosenByPrevious', {}),
]);

const approvers: JsonSchema = {
  type: 'array',
  maxItems: WORKFLOW_LIMITS.approverRules,
  items: ref('approverRule'),
};

/** Field id → expression over this record, e.g. `{ "f_status": "'Approved'" }`. */
const values: JsonSchema = {
  type: 'object',
  propertyNames: fieldIdSchema,
  additionalProperties: expressionSchema,
  maxProperties: WORKFLOW_LIMITS.values,
};

const automaticActionSchema = tagged('kind', ACTION_KINDS, [
  branch('kind', 'updateRecord', { values }, ['values']),
  branch('kind', 'createRecord', { formId: formIdSchema, values }, ['formId', 'values']),
  branch('kind', 'webhook', { url: { type: 'string', minLength: 1, maxLength: 2000 } }, ['url']),
  branch('kind', 'notify', { approvers, message: ref('label') }, ['approvers', 'message']),
]);

const fieldPermissions: JsonSchema = {
  type: 'object',
  propertyNames: fieldIdSchema,
  additionalProperties: { enum: ['hidden', 'read', 'edit', 'required'] },
  maxProperties: MAX_FORM_FIELDS,
};

const autoSkip = closed({ alreadyApproved: { type: 'boolean' }, submitter: { type: 'boolean' } }, []);

const deadline = closed(
  {
    // Exactly one of the two: minutes after the task arrives, or a date field of the record.
    after: {
      type: 'object',
      properties: { minutes, field: fieldIdSchema },
      additionalProperties: false,
      minProperties: 1,
      maxProperties: 1,
    },
    remindBefore: { type: 'array', maxItems: WORKFLOW_LIMITS.remindBefore, items: minutes },
    // biome-ignore lint/suspicious/noThenProperty: Deadline.then is a string, so never a thenable.
    then: { enum: ['remind', 'approve', 'return'] },
  },
  ['after', 'then'],
);

const taskActions = closed(Object.fromEntries(TASK_ACTIONS.map((name) => [name, { type: 'boolean' }])), []);

function humanNode(type: 'approval' | 'fill'): JsonSchema {
  return nodeBranch(
    type,
    {
      approvers,
      mode: { enum: ['any', 'all', 'sequence'] },
      whenNobody: { enum: ['skip', 'admin', 'block'] },
      autoSkip: ref('autoSkip'),
      fieldPermissions: ref('fieldPermissions'),
      actions: taskActions,
      requireComment: { type: 'boolean' },
      requireSignature: { type: 'boolean' },
      deadline,
    },
    ['approvers', 'mode'],
  );
}

/** NodeBase plus the type's own properties, closed. */
function nodeBranch(type: NodeType, own: Record<string, JsonSchema> = {}, required: string[] = []) {
  return branch(
    'type',
    type,
    { id: { type: 'string', pattern: WORKFLOW_ID_PATTERN }, label: ref('label'), ...own },
    ['id', ...required],
  );
}

const nodeSchema = tagged('type', NODE_TYPES, [
  nodeBranch('start', { fieldPermissions: ref('fieldPermissions') }),
  humanNode('approval'),
  humanNode('fill'),
  nodeBranch('cc', { approvers }, ['approvers']),
  nodeBranch('condition'),
  nodeBranch('parallel'),
  nodeBranch('join', { mode: { enum: ['all', 'any'] } }, ['mode']),
  nodeBranch(
    'action',
    { actions: { type: 'array', maxItems: WORKFLOW_LIMITS.actions, items: ref('automaticAction') } },
    ['actions'],
  ),
  nodeBranch('subflow', { relationField: fieldIdSchema, wait: { type: 'boolean' } }, [
    'relationField',
    'wait',
  ]),
  nodeBranch('delay', delaySchema, ['wait']),
  nodeBranch('end', { outcome: { enum: ['approved', 'rejected'] } }),
]);

const edgeSchema = closed(
  {
    id: { type: 'string', pattern: WORKFLOW_ID_PATTERN },
    from: { type: 'string', pattern: WORKFLOW_ID_PATTERN },
    to: { type: 'string', pattern: WORKFLOW_ID_PATTERN },
    condition: expressionSchema,
    default: { type: 'boolean' },
    label: ref('label'),
  },
  ['id', 'from', 'to'],
);

/**
 * JSON Schema (2020-12) of a workflow definition. Compile it with Ajv 2020 and `discriminator: true` so
 * that a bad node reports the errors of its own type only, and pass the compiled function to
 * `checkWorkflowDefinition` (this package does not bundle a validator).
 */
export function workflowDefinitionSchema(): JsonSchema {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: WORKFLOW_DEFINITION_SCHEMA_ID,
    title: 'Forecourt workflow definition',
    type: 'object',
    properties: {
      formId: formIdSchema,
      title: ref('label'),
      nodes: { type: 'array', maxItems: WORKFLOW_LIMITS.nodes, items: ref('node') },
      edges: { type: 'array', maxItems: WORKFLOW_LIMITS.edges, items: ref('edge') },
      autoSkip: ref('autoSkip'),
    },
    required: ['formId', 'nodes', 'edges'],
    additionalProperties: false,
    $defs: {
      label: labelSchema,
      autoSkip,
      fieldPermissions,
      approverRule: approverRuleSchema,
      automaticAction: automaticActionSchema,
      node: nodeSchema,
      edge: edgeSchema,
    },
  };
}
