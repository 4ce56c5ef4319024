import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  assertManagesApp,
  assertManagesForm,
  createApp,
  createForm,
  ensureIndexes,
  formVersion,
  listVersions,
  publishForm,
  saveDraft,
  updateApp,
  visibleApp,
  visibleApps,
  visibleForm,
} from '@forecourt/engine';
import { formDefinitionSchema } from '@forecourt/schemas';
import {
  App,
  AppUpdate,
  Form,
  FormDefinition,
  FormDefinitionInput,
  FormVersionSummary,
  JsonSchemaDocument,
  NewApp,
  NewForm,
  PublishSummary,
  VisibleApp,
  VisibleForm,
} from '@forecourt/schemas/api';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { withAudit } from '../http/audit';
import { actorOf } from '../http/auth';
import { AUTH_ERRORS, errors } from '../http/schemas';
import type { RouteDeps } from './deps';

const AppParams = Type.Object(
  { appId: Type.String({ minLength: 1, maxLength: 64 }) },
  { additionalProperties: false },
);
const FormParams = Type.Object(
  { formId: Type.String({ minLength: 1, maxLength: 64 }) },
  { additionalProperties: false },
);
export const appRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { db, mode }) => {
  // Workspace admins and the app's admins build forms; the engine decides, before the body is used.
  const managesApp = async (request: FastifyRequest<{ Params: { appId: string } }>) =>
    assertManagesApp(db, actorOf(request), request.params.appId);
  const managesForm = async (request: FastifyRequest<{ Params: { formId: string } }>) =>
    assertManagesForm(db, actorOf(request), request.params.formId);

  const tags = ['apps and forms'];

  app.get(
    '/api/meta/form-schema',
    {
      schema: {
        operationId: 'getFormMetaSchema',
        tags,
        summary: 'The JSON Schema (2020-12) every form definition is checked against',
        response: { 200: JsonSchemaDocument, ...errors(...AUTH_ERRORS) },
      },
    },
    async () => formDefinitionSchema(),
  );

  app.get(
    '/api/apps',
    {
      schema: {
        operationId: 'listApps',
        tags,
        summary: 'The apps of the workspace',
        response: { 200: Type.Object({ apps: Type.Array(App) }), ...errors(...AUTH_ERRORS) },
      },
    },
    async (request) => ({ apps: await visibleApps(db, actorOf(request)) }),
  );

  app.post(
    '/api/apps',
    {
      config: { access: 'admin' },
      schema: {
        operationId: 'createApp',
        tags,
        summary: 'Create an app',
        body: NewApp,
        response: { 201: App, ...errors(...AUTH_ERRORS, 409, 422) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(
        await withAudit(
          db,
          request,
          (trx) => createApp(trx, actorOf(request), request.body),
          (a) => ({ action: 'app.create', targetType: 'app', targetId: a.id, details: { name: a.name } }),
        ),
      ),
  );

  app.get(
    '/api/apps/:appId',
    {
      schema: {
        operationId: 'getApp',
        tags,
        summary: 'One app with its forms',
        params: AppParams,
        response: {
          200: VisibleApp,
          ...errors(...AUTH_ERRORS, 404),
        },
      },
    },
    async (request) => visibleApp(db, actorOf(request), request.params.appId),
  );

  app.patch(
    '/api/apps/:appId',
    {
      config: { access: 'admin' },
      schema: {
        operationId: 'updateApp',
        tags,
        summary: 'Rename or reorder an app',
        params: AppParams,
        body: AppUpdate,
        response: { 200: App, ...errors(...AUTH_ERRORS, 404) },
      },
    },
    async (request) =>
      withAudit(
        db,
        request,
        (trx) => updateApp(trx, actorOf(request), request.params.appId, request.body),
        (a) => ({
          action: 'app.update',
          targetType: 'app',
          targetId: a.id,
          details: { changes: request.body },
        }),
      ),
  );

  app.post(
    '/api/apps/:appId/forms',
    {
      preHandler: managesApp,
      schema: {
        operationId: 'createForm',
        tags,
        summary: 'Create a form (a draft; publish it to take records)',
        params: AppParams,
        body: NewForm,
        response: { 201: Form, ...errors(...AUTH_ERRORS, 404, 409, 422) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(
        await withAudit(
          db,
          request,
          (trx) => createForm(trx, actorOf(request), request.params.appId, request.body),
          (f) => ({
            action: 'form.create',
            targetType: 'form',
            targetId: f.id,
            details: { appId: f.appId, title: request.body.title },
          }),
        ),
      ),
  );

  app.get(
    '/api/forms/:formId',
    {
      schema: {
        operationId: 'getForm',
        tags,
        summary:
          'A form: its draft, the published definition records are written with, and what you may do on it (others than admins see only the published fields their permission sets show)',
        params: FormParams,
        response: {
          200: VisibleForm,
          ...errors(...AUTH_ERRORS, 404),
        },
      },
    },
    async (request) => visibleForm(db, actorOf(request), request.params.formId),
  );

  app.get(
    '/api/forms/:formId/versions',
    {
      preHandler: managesForm,
      schema: {
        operationId: 'listFormVersions',
        tags,
        summary: 'Published versions, newest first, with how many records each wrote',
        params: FormParams,
        response: {
          200: Type.Object({ versions: Type.Array(FormVersionSummary) }),
          ...errors(...AUTH_ERRORS, 404),
        },
      },
    },
    async (request) => ({
      versions: await listVersions(db, actorOf(request).workspaceId, request.params.formId),
    }),
  );

  app.get(
    '/api/forms/:formId/versions/:version',
    {
      preHandler: async (request) => assertManagesForm(db, actorOf(request), request.params.formId),
      schema: {
        operationId: 'getFormVersion',
        tags,
        summary: 'One published version, exactly as records of that version were written',
        params: Type.Object(
          {
            formId: Type.String({ minLength: 1, maxLength: 64 }),
            version: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: FormDefinition, ...errors(...AUTH_ERRORS, 404) },
      },
    },
    async (request) =>
      (await formVersion(db, actorOf(request).workspaceId, request.params.formId, request.params.version))
        .definition,
  );

  app.put(
    '/api/forms/:formId',
    {
      preHandler: managesForm,
      schema: {
        operationId: 'saveFormDraft',
        tags,
        summary: 'Save the draft definition (checked; records keep using the published version)',
        params: FormParams,
        body: FormDefinitionInput,
        response: { 200: Form, ...errors(...AUTH_ERRORS, 404, 422) },
      },
    },
    async (request) =>
      withAudit(
        db,
        request,
        (trx) => saveDraft(trx, actorOf(request), request.params.formId, request.body),
        (f) => ({ action: 'form.update', targetType: 'form', targetId: f.id, details: { appId: f.appId } }),
      ),
  );

  app.post(
    '/api/forms/:formId/publish',
    {
      preHandler: managesForm,
      schema: {
        operationId: 'publishForm',
        tags,
        summary:
          'Publish the draft as a new version; converts values of changed field types and reports what did not convert',
        params: FormParams,
        querystring: Type.Object({ dryRun: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
        response: { 200: PublishSummary, ...errors(...AUTH_ERRORS, 404, 422) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const dryRun = request.query.dryRun ?? false;
      const summary = await withAudit(
        db,
        request,
        (trx) => publishForm(trx, actor, request.params.formId, dryRun),
        (s) =>
          dryRun
            ? undefined
            : {
                action: 'form.publish',
                targetType: 'form',
                targetId: request.params.formId,
                details: { version: s.version, added: s.added, hidden: s.hidden },
              },
      );
      // After the commit: PostgreSQL builds indexes CONCURRENTLY, which cannot run in a transaction.
      if (!dryRun) {
        const { definition } = await formVersion(
          db,
          actor.workspaceId,
          request.params.formId,
          summary.version,
        );
        await ensureIndexes(db, mode, request.params.formId, definition);
      }
      return summary;
    },
  );
};
