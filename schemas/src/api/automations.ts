import { type Static, Type } from 'typebox';
import type { AutomationDefinition as AutomationDefinitionType } from '../automations';
import { closed, DateTime, Nullable } from './common';

/** An automation as JSON metadata, checked by the engine (schemas/src/automations). */
export const AutomationDefinition = Type.Unsafe<AutomationDefinitionType>(
  Type.Object(
    {},
    {
      additionalProperties: true,
      description: 'An automation definition (schemas/src/automations); checked by the engine',
    },
  ),
);

/** One automation of a form. */
export const AutomationView = Type.Object(
  {
    id: Type.String(),
    formId: Type.String(),
    definition: AutomationDefinition,
    enabled: Type.Boolean(),
    version: Type.Integer({ description: 'Counts the definitions saved, from 1' }),
    createdAt: DateTime(),
    updatedAt: DateTime(),
  },
  { title: 'Automation' },
);
export type AutomationView = Static<typeof AutomationView>;

export const AutomationList = Type.Object({ automations: Type.Array(AutomationView) });
export type AutomationList = Static<typeof AutomationList>;

export const AutomationCreate = closed({
  definition: AutomationDefinition,
  enabled: Type.Optional(Type.Boolean({ description: 'Switched on at once (default: off)' })),
});
export type AutomationCreate = Static<typeof AutomationCreate>;

export const AutomationReplace = closed({ definition: AutomationDefinition });
export type AutomationReplace = Static<typeof AutomationReplace>;

/** Why a run failed or stopped: a stable code (`automation.loop`, `automation.expression`, …). */
export const AutomationRunError = Type.Object(
  {
    code: Type.String({ description: 'Stable code, e.g. automation.loop' }),
    message: Type.String(),
    params: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    details: Type.Optional(Type.Unknown()),
  },
  { additionalProperties: false },
);

/** One run of an automation: what triggered it, what each action did, how it ended. */
export const AutomationRunView = Type.Object(
  {
    id: Type.String(),
    automationId: Type.String(),
    automationVersion: Type.Integer(),
    formId: Type.String(),
    recordId: Type.String(),
    trigger: Type.String({ description: 'The record event, e.g. record.created' }),
    status: Type.Union([Type.Literal('done'), Type.Literal('failed'), Type.Literal('stopped')]),
    depth: Type.Integer({ description: 'Place in the chain of automations, from 1' }),
    chain: Type.Array(Type.Object({ automationId: Type.String(), recordId: Type.String() })),
    inputs: Type.Record(Type.String(), Type.Unknown(), {
      description: 'via, rev, changed fields, previous values',
    }),
    results: Type.Array(
      Type.Object({
        kind: Type.String(),
        status: Type.Union([
          Type.Literal('done'),
          Type.Literal('undone'),
          Type.Literal('failed'),
          Type.Literal('skipped'),
        ]),
        result: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
        error: Type.Optional(AutomationRunError),
      }),
    ),
    error: Nullable(AutomationRunError),
    startedAt: DateTime(),
    endedAt: DateTime(),
  },
  { title: 'AutomationRun' },
);
export type AutomationRunView = Static<typeof AutomationRunView>;

export const AutomationRunList = Type.Object({ runs: Type.Array(AutomationRunView) });
export type AutomationRunList = Static<typeof AutomationRunList>;
