import type { JsonSchema } from '../fields/contract';
import { expressionSchema, fieldIdSchema, formIdSchema, labelSchema } from '../fields/schema-parts';
import { AUTOMATION_ACTION_KINDS, AUTOMATION_ACTIONS } from './actions';
import type { AutomationChannel, AutomationTriggerKind } from './types';

/**
 * The automation meta-schema: the shape of a definition, closed everywhere. What a schema cannot
 * say (references into the forms, expressions) is checked by `checkAutomationDefinition`.
 */

export const AUTOMATION_DEFINITION_SCHEMA_ID = 'https://forecourt.dev/schemas/automation-definition.json';

export const AUTOMATION_LIMITS = { actions: 20, fields: 100 } as const;

export const AUTOMATION_TRIGGER_KINDS = [
  'record.created',
  'record.updated',
  'record.deleted',
] as const satisfies readonly AutomationTriggerKind[];

export const AUTOMATION_CHANNELS = [
  'api',
  'import',
  'public',
  'workflow',
  'automation',
] as const satisfies readonly AutomationChannel[];

const trigger: JsonSchema = {
  type: 'object',
  properties: {
    kind: { enum: [...AUTOMATION_TRIGGER_KINDS] },
    fields: { type: 'array', minItems: 1, maxItems: AUTOMATION_LIMITS.fields, items: fieldIdSchema },
    channels: { type: 'array', minItems: 1, uniqueItems: true, items: { enum: [...AUTOMATION_CHANNELS] } },
    condition: expressionSchema,
  },
  required: ['kind'],
  additionalProperties: false,
};

const action: JsonSchema = {
  type: 'object',
  required: ['kind'],
  properties: { kind: { enum: [...AUTOMATION_ACTION_KINDS] } },
  discriminator: { propertyName: 'kind' },
  oneOf: AUTOMATION_ACTION_KINDS.map((kind) => {
    const rules = AUTOMATION_ACTIONS[kind];
    return {
      type: 'object',
      properties: { kind: { const: kind }, ...rules.properties },
      required: ['kind', ...rules.required],
      additionalProperties: false,
    };
  }),
};

/** The JSON Schema (2020-12) of an automation definition. */
export function automationDefinitionSchema(): JsonSchema {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: AUTOMATION_DEFINITION_SCHEMA_ID,
    type: 'object',
    properties: {
      formId: formIdSchema,
      title: labelSchema,
      trigger,
      actions: { type: 'array', minItems: 1, maxItems: AUTOMATION_LIMITS.actions, items: action },
    },
    required: ['formId', 'title', 'trigger', 'actions'],
    additionalProperties: false,
  };
}
