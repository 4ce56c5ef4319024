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
import {
  AutomationCreate,
  AutomationList,
  AutomationReplace,
  AutomationRunList,
  AutomationView,
} from '@forecourt/schemas/api';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { actorOf } from '../http/auth';
import { AUTH_ERRORS, errors, NoContent } from '../http/schemas';
import type { RouteDeps } from './deps';

const Id = Type.String({ minLength: 1, maxLength: 64 });
const FormParams = Type.Object({ formId: Id }, { additionalProperties: false });
const AutomationParams = Type.Object({ automationId: Id }, { additionalProperties: false });
const RecordParams = Type.Object({ formId: Id, recordId: Id }, { additionalProperties: false });
const RunsQuery = Type.Object(
  { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })) },
  { additionalProperties: false },
);

/** A form's automations (managers of the form's app) and their run log. */
export const automationRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { db }) => {
  const tags = ['automations'];
  const managesForm = async (request: FastifyRequest<{ Params: { formId: string } }>) =>
    assertManagesForm(db, actorOf(request), request.params.formId);
  const managesRecordForm = async (
    request: FastifyRequest<{ Params: { formId: string; recordId: string } }>,
  ) => assertManagesForm(db, actorOf(request), request.params.formId);
  const managesAutomation = async (request: FastifyRequest<{ Params: { automationId: string } }>) => {
    const actor = actorOf(request);
    await assertManagesForm(db, actor, await automationFormId(db, actor, request.params.automationId));
  };

  app.get(
    '/api/forms/:formId/automations',
    {
      preHandler: managesForm,
      schema: {
        operationId: 'listAutomations',
        tags,
        summary: "The form's automations",
        params: FormParams,
        response: {
          200: AutomationList,
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
        operationId: 'createAutomation',
        tags,
        summary: 'Add an automation to the form (checked: 422 names each problem by its path)',
        params: FormParams,
        body: AutomationCreate,
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
        operationId: 'getAutomation',
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
        operationId: 'replaceAutomation',
        tags,
        summary: 'Replace the definition (a new version; queued runs use the new one)',
        params: AutomationParams,
        body: AutomationReplace,
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
          operationId: enabled ? 'enableAutomation' : 'disableAutomation',
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
        operationId: 'deleteAutomation',
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
        operationId: 'listAutomationRuns',
        tags,
        summary: "The automation's runs, newest first: trigger, each action's result, error",
        params: AutomationParams,
        querystring: RunsQuery,
        response: { 200: AutomationRunList, ...errors(...AUTH_ERRORS, 404) },
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
      preHandler: managesRecordForm,
      schema: {
        operationId: 'listRecordAutomationRuns',
        tags,
        summary: 'What automations did for this record, newest first',
        params: RecordParams,
        querystring: RunsQuery,
        response: { 200: AutomationRunList, ...errors(...AUTH_ERRORS, 404) },
      },
    },
    async (request) => ({
      runs: await listAutomationRuns(db, actorOf(request), request.params, request.query.limit),
    }),
  );
};
