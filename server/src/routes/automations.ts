import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  assertManagesForm,
  automationFormId,
  createAutomation,
  deleteAutomation,
  getAutomation,
  listAutomationRuns,
  listAutomations,
  setAutomationEnabled,
  updateAutomation,
} from '@forecourt/engine';
import { Type } from 'typebox';
import { actorOf } from '../http/auth';
import { AUTH_ERRORS, body, errors, NoContent } from '../http/schemas';
import type { RouteDeps } from './deps';

const Id = Type.String({ minLength: 1, maxLength: 64 });
const FormParams = Type.Object({ formId: Id }, { additionalProperties: false });
const AutomationParams = Type.Object({ automationId: Id }, { additionalProperties: false });
const RecordParams = Type.Object({ formId: Id, recordId: Id }, { additionalProperties: false });
const Definition = Type.Object(
  {},
  {
    additionalProperties: true,
    description: 'An automation definition (schemas/src/automations); checked by the engine',
  },
);
const AutomationView = Type.Object({
  id: Type.String(),
  formId: Type.String(),
  definition: Definition,
  enabled: Type.Boolean(),
  version: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
const RunView = Type.Object({
  id: Type.String(),
  automationId: Type.String(),
  automationVersion: Type.Integer(),
  formId: Type.String(),
  recordId: Type.String(),
  trigger: Type.String(),
  status: Type.Union([Type.Literal('done'), Type.Literal('failed'), Type.Literal('stopped')]),
  depth: Type.Integer(),
  chain: Type.Unknown(),
  inputs: Type.Unknown(),
  results: Type.Unknown(),
  error: Type.Union([
    Type.Object({ code: Type.String(), message: Type.String() }, { additionalProperties: true }),
    Type.Null(),
  ]),
  startedAt: Type.String({ format: 'date-time' }),
  endedAt: Type.String({ format: 'date-time' }),
});
const Runs = Type.Object({ runs: Type.Array(RunView) });
const RunsQuery = Type.Object(
  { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })) },
  { additionalProperties: false },
);

/** A form's automations (managers of the form's app) and their run log. */
export const automationRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { db }) => {
  const tags = ['automations'];
  const managesForm = async (request: { params: unknown }) =>
    assertManagesForm(db, actorOf(request as never), (request.params as { formId: string }).formId);
  const managesAutomation = async (request: { params: unknown }) => {
    const actor = actorOf(request as never);
    const formId = await automationFormId(
      db,
      actor,
      (request.params as { automationId: string }).automationId,
    );
    await assertManagesForm(db, actor, formId);
  };

  app.get(
    '/api/forms/:formId/automations',
    {
      preHandler: managesForm,
      schema: {
        tags,
        summary: "The form's automations",
        params: FormParams,
        response: {
          200: Type.Object({ automations: Type.Array(AutomationView) }),
          ...errors(...AUTH_ERRORS, 404),
        },
      },
    },
    async (request) => ({ automations: await listAutomations(db, actorOf(request), request.params.formId) }),
  );

  app.post(
    '/api/forms/:formId/automations',
    {
      preHandler: managesForm,
      schema: {
        tags,
        summary: 'Add an automation to the form (checked: 422 names each problem by its path)',
        params: FormParams,
        body: body({ definition: Definition, enabled: Type.Optional(Type.Boolean()) }),
        response: { 201: AutomationView, ...errors(...AUTH_ERRORS, 404, 422) },
      },
    },
    async (request, reply) => {
      const { definition, enabled } = request.body;
      const created = await createAutomation(
        db,
        actorOf(request),
        request.params.formId,
        definition,
        enabled,
      );
      return reply.code(201).send(created);
    },
  );

  app.get(
    '/api/automations/:automationId',
    {
      preHandler: managesAutomation,
      schema: {
        tags,
        summary: 'One automation',
        params: AutomationParams,
        response: { 200: AutomationView, ...errors(...AUTH_ERRORS, 404) },
      },
    },
    async (request) => getAutomation(db, actorOf(request), request.params.automationId),
  );

  app.put(
    '/api/automations/:automationId',
    {
      preHandler: managesAutomation,
      schema: {
        tags,
        summary: 'Replace the definition (a new version; queued runs use the new one)',
        params: AutomationParams,
        body: body({ definition: Definition }),
        response: { 200: AutomationView, ...errors(...AUTH_ERRORS, 404, 422) },
      },
    },
    async (request) =>
      updateAutomation(db, actorOf(request), request.params.automationId, request.body.definition),
  );

  for (const [path, enabled] of [
    ['enable', true],
    ['disable', false],
  ] as const) {
    app.post(
      `/api/automations/:automationId/${path}`,
      {
        preHandler: managesAutomation,
        schema: {
          tags,
          summary: enabled ? 'Switch the automation on' : 'Switch the automation off',
          params: AutomationParams,
          response: { 200: AutomationView, ...errors(...AUTH_ERRORS, 404) },
        },
      },
      async (request) => setAutomationEnabled(db, actorOf(request), request.params.automationId, enabled),
    );
  }

  app.delete(
    '/api/automations/:automationId',
    {
      preHandler: managesAutomation,
      schema: {
        tags,
        summary: 'Delete the automation and its run log',
        params: AutomationParams,
        response: { 204: NoContent, ...errors(...AUTH_ERRORS, 404) },
      },
    },
    async (request, reply) => {
      await deleteAutomation(db, actorOf(request), request.params.automationId);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/automations/:automationId/runs',
    {
      preHandler: managesAutomation,
      schema: {
        tags,
        summary: "The automation's runs, newest first: trigger, each action's result, error",
        params: AutomationParams,
        querystring: RunsQuery,
        response: { 200: Runs, ...errors(...AUTH_ERRORS, 404) },
      },
    },
    async (request) => ({
      runs: await listAutomationRuns(
        db,
        actorOf(request),
        { automationId: request.params.automationId },
        request.query.limit,
      ),
    }),
  );

  app.get(
    '/api/forms/:formId/records/:recordId/automation-runs',
    {
      preHandler: managesForm,
      schema: {
        tags,
        summary: 'What automations did for this record, newest first',
        params: RecordParams,
        querystring: RunsQuery,
        response: { 200: Runs, ...errors(...AUTH_ERRORS, 404) },
      },
    },
    async (request) => ({
      runs: await listAutomationRuns(db, actorOf(request), request.params, request.query.limit),
    }),
  );
};
