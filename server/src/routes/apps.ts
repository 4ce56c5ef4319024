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
import { type FormDefinition, formDefinitionSchema, type Label } from '@forecourt/schemas';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { withAudit } from '../http/audit';
import { actorOf } from '../http/auth';
import { AUTH_ERRORS, body, errors, Ref } from '../http/schemas';
import type { RouteDeps } from './deps';

const AppParams = Type.Object(
  { appId: Type.String({ minLength: 1, maxLength: 64 }) },
  { additionalProperties: false },
);
const FormParams = Type.Object(
  { formId: Type.String({ minLength: 1, maxLength: 64 }) },
  { additionalProperties: false },
);
const Id = Type.String({ pattern: '^[a-z]{2,10}_[0-9a-z_]{2,40}$' });
const Definition = Type.Object(
  {},
  { additionalProperties: true, description: 'A form definition (see GET /api/meta/form-schema)' },
);
const Summary = Type.Object({
  version: Type.Integer(),
  added: Type.Array(Type.String()),
  renamed: Type.Array(Type.Object({ fieldId: Type.String(), from: Type.String(), to: Type.String() })),
  hidden: Type.Array(Type.String()),
  typeChanges: Type.Array(
    Type.Object({
      fieldId: Type.String(),
      from: Type.String(),
      to: Type.String(),
      converted: Type.Integer(),
      failed: Type.Array(
        Type.Object({ recordId: Type.String(), value: Type.Unknown(), message: Type.String() }),
      ),
    }),
  ),
});

export const appRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { db, mode }) => {
  // Workspace admins and the app's admins build forms; the engine decides, before the body is used.
  const managesApp = async (request: FastifyRequest) =>
    assertManagesApp(db, actorOf(request), (request.params as { appId: string }).appId);
  const managesForm = async (request: FastifyRequest) =>
    assertManagesForm(db, actorOf(request), (request.params as { formId: string }).formId);

  const tags = ['apps and forms'];

  app.get(
    '/api/meta/form-schema',
    {
      schema: {
        tags,
        summary: 'The JSON Schema (2020-12) every form definition is checked against',
        response: { 200: Type.Object({}, { additionalProperties: true }), ...errors(...AUTH_ERRORS) },
      },
    },
    async () => formDefinitionSchema(),
  );

  app.get(
    '/api/apps',
    {
      schema: {
        tags,
        summary: 'The apps of the workspace',
        response: { 200: Type.Object({ apps: Type.Array(Ref.App) }), ...errors(...AUTH_ERRORS) },
      },
    },
    async (request) => ({ apps: await visibleApps(db, actorOf(request)) }),
  );

  app.post(
    '/api/apps',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Create an app',
        body: body(
          {
            id: Type.Optional(Id),
            name: Ref.Label,
            icon: Type.Optional(Type.String({ maxLength: 40 })),
            sort: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
          },
          'NewApp',
        ),
        response: { 201: Ref.App, ...errors(...AUTH_ERRORS, 409, 422) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(
        await withAudit(
          db,
          request,
          (trx) => createApp(trx, actorOf(request), { ...request.body, name: request.body.name as Label }),
          (a) => ({ action: 'app.create', targetType: 'app', targetId: a.id, details: { name: a.name } }),
        ),
      ),
  );

  app.get(
    '/api/apps/:appId',
    {
      schema: {
        tags,
        summary: 'One app with its forms',
        params: AppParams,
        response: {
          200: Type.Object({
            app: Ref.App,
            forms: Type.Array(Ref.Form),
            manages: Type.Boolean({ description: 'May build the app’s forms (then drafts are listed too)' }),
          }),
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
        tags,
        summary: 'Rename or reorder an app',
        params: AppParams,
        body: body(
          {
            name: Type.Optional(Ref.Label),
            icon: Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Null()])),
            sort: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
          },
          'AppUpdate',
        ),
        response: { 200: Ref.App, ...errors(...AUTH_ERRORS, 404) },
      },
    },
    async (request) =>
      withAudit(
        db,
        request,
        (trx) => updateApp(trx, actorOf(request), request.params.appId, request.body as { name?: Label }),
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
        tags,
        summary: 'Create a form (a draft; publish it to take records)',
        params: AppParams,
        body: body(
          {
            id: Type.Optional(Id),
            title: Ref.Label,
            description: Type.Optional(Ref.Label),
            fields: Type.Optional(
              Type.Array(Type.Object({}, { additionalProperties: true }), { maxItems: 500 }),
            ),
          },
          'NewForm',
        ),
        response: { 201: Ref.Form, ...errors(...AUTH_ERRORS, 404, 409, 422) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(
        await withAudit(
          db,
          request,
          (trx) =>
            createForm(
              trx,
              actorOf(request),
              request.params.appId,
              request.body as Parameters<typeof createForm>[3],
            ),
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
        tags,
        summary:
          'A form: its draft, the published definition records are written with, and what you may do on it (others than admins see only the published fields their permission sets show)',
        params: FormParams,
        response: {
          200: Type.Object({
            form: Ref.Form,
            published: Type.Union([Ref.FormDefinition, Type.Null()]),
            actions: Type.Array(Type.String(), { description: 'view, create, edit, delete, export, …' }),
            manages: Type.Boolean({ description: 'May change the form, its permission sets and links' }),
            hasFlow: Type.Boolean({
              description: 'Saved records can be submitted to a published approval flow',
            }),
          }),
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
        tags,
        summary: 'Published versions, newest first, with how many records each wrote',
        params: FormParams,
        response: {
          200: Type.Object({
            versions: Type.Array(
              Type.Object({
                version: Type.Integer(),
                publishedAt: Type.String({ format: 'date-time' }),
                publishedBy: Type.Union([Type.String(), Type.Null()]),
                records: Type.Integer(),
              }),
            ),
          }),
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
      preHandler: managesForm,
      schema: {
        tags,
        summary: 'One published version, exactly as records of that version were written',
        params: Type.Object(
          {
            formId: Type.String({ minLength: 1, maxLength: 64 }),
            version: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: Ref.FormDefinition, ...errors(...AUTH_ERRORS, 404) },
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
        tags,
        summary: 'Save the draft definition (checked; records keep using the published version)',
        params: FormParams,
        body: Definition,
        response: { 200: Ref.Form, ...errors(...AUTH_ERRORS, 404, 422) },
      },
    },
    async (request) =>
      withAudit(
        db,
        request,
        (trx) => saveDraft(trx, actorOf(request), request.params.formId, request.body as FormDefinition),
        (f) => ({ action: 'form.update', targetType: 'form', targetId: f.id, details: { appId: f.appId } }),
      ),
  );

  app.post(
    '/api/forms/:formId/publish',
    {
      preHandler: managesForm,
      schema: {
        tags,
        summary:
          'Publish the draft as a new version; converts values of changed field types and reports what did not convert',
        params: FormParams,
        querystring: Type.Object({ dryRun: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
        response: { 200: Summary, ...errors(...AUTH_ERRORS, 404, 422) },
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
