import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  type Actor,
  assertManagesForm,
  endInstance,
  getWorkflow,
  publishWorkflow,
  reactivateInstance,
  retryAction,
  saveWorkflowDraft,
  skipAction,
  submitRecord,
  timeline,
  urgeInstance,
  withdrawInstance,
  workflowVersions,
} from '@forecourt/engine';
import type { WorkflowDefinition } from '@forecourt/schemas';
import { type TSchema, Type } from 'typebox';
import { actorOf } from '../http/auth';
import { AUTH_ERRORS, body, errors, NoContent, Ref } from '../http/schemas';
import type { RouteDeps } from './deps';

const FormParams = Type.Object(
  { formId: Type.String({ minLength: 1, maxLength: 64 }) },
  { additionalProperties: false },
);
const InstanceParams = Type.Object(
  { instanceId: Type.String({ minLength: 1, maxLength: 64 }) },
  { additionalProperties: false },
);
const WorkflowView = Type.Object({
  id: Type.String(),
  formId: Type.String(),
  draft: Type.Object(
    {},
    { additionalProperties: true, description: 'The flow definition (schemas/src/workflow)' },
  ),
  publishedVersion: Type.Union([Type.Integer(), Type.Null()]),
  enabled: Type.Boolean(),
});
const Definition = Type.Object(
  {},
  { additionalProperties: true, description: 'A flow definition; checked by the engine' },
);

/** A form's approval flow (admins of the form's app), and the life of its instances. */
export const workflowRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { db }) => {
  const tags = ['workflow'];
  const managesForm = async (request: { params: unknown }) =>
    assertManagesForm(db, actorOf(request as never), (request.params as { formId: string }).formId);

  app.get(
    '/api/forms/:formId/workflow',
    {
      preHandler: managesForm,
      schema: {
        tags,
        summary: "The form's approval flow: its draft and published version",
        params: FormParams,
        response: { 200: WorkflowView, ...errors(...AUTH_ERRORS, 404) },
      },
    },
    async (request) => getWorkflow(db, actorOf(request), request.params.formId),
  );

  app.put(
    '/api/forms/:formId/workflow',
    {
      preHandler: managesForm,
      schema: {
        tags,
        summary: 'Save the draft flow (checked; an unfinished graph may be saved, not published)',
        params: FormParams,
        body: Definition,
        response: { 200: WorkflowView, ...errors(...AUTH_ERRORS, 404, 422) },
      },
    },
    async (request) =>
      saveWorkflowDraft(
        db,
        actorOf(request),
        request.params.formId,
        request.body as unknown as WorkflowDefinition,
      ),
  );

  app.post(
    '/api/forms/:formId/workflow/publish',
    {
      preHandler: managesForm,
      schema: {
        tags,
        summary:
          'Publish the draft as a new version: reachability, an end on every path, approvers that resolve, conditions that compile; errors name the node',
        params: FormParams,
        response: { 200: WorkflowView, ...errors(...AUTH_ERRORS, 404, 422) },
      },
    },
    async (request) =>
      db.transaction().execute((trx) => publishWorkflow(trx, actorOf(request), request.params.formId)),
  );

  app.get(
    '/api/forms/:formId/workflow/versions',
    {
      preHandler: managesForm,
      schema: {
        tags,
        summary:
          "The flow's published versions, newest first, with the instances each started and still runs",
        params: FormParams,
        response: {
          200: Type.Object({
            versions: Type.Array(
              Type.Object({
                version: Type.Integer(),
                publishedAt: Type.String({ format: 'date-time' }),
                publishedBy: Type.Union([
                  Type.Object({ id: Type.String(), name: Type.String() }),
                  Type.Null(),
                ]),
                running: Type.Integer({ description: 'Instances still running on this version' }),
                instances: Type.Integer({ description: 'Instances ever started on this version' }),
              }),
            ),
          }),
          ...errors(...AUTH_ERRORS, 404),
        },
      },
    },
    async (request) => ({ versions: await workflowVersions(db, actorOf(request), request.params.formId) }),
  );

  app.post(
    '/api/forms/:formId/records/:recordId/submit',
    {
      schema: {
        tags,
        summary:
          'Submit a record into its form’s approval flow (Idempotency-Key header: a retry finds the same instance)',
        params: Type.Object(
          {
            formId: Type.String({ minLength: 1, maxLength: 64 }),
            recordId: Type.String({ minLength: 1, maxLength: 64 }),
          },
          { additionalProperties: false },
        ),
        headers: Type.Object({
          'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
        }),
        response: {
          201: Type.Object({ instanceId: Type.String() }),
          ...errors(...AUTH_ERRORS, 404, 409, 422),
        },
      },
    },
    async (request, reply) => {
      const key = request.headers['idempotency-key'];
      const result = await submitRecord(
        db,
        actorOf(request),
        request.params.formId,
        request.params.recordId,
        {
          ...(key ? { dedupKey: key } : {}),
        },
      );
      return reply.code(201).send(result);
    },
  );

  app.get(
    '/api/instances/:instanceId',
    {
      schema: {
        tags,
        summary: 'The approval’s timeline: every node, actor, action, comment and time',
        params: InstanceParams,
        response: {
          200: Type.Object({
            instance: Type.Object({
              id: Type.String(),
              status: Type.String(),
              formId: Type.String(),
              recordId: Type.String(),
              version: Type.Integer(),
              failure: Type.Union([
                Type.Object(
                  {
                    nodeId: Type.String(),
                    nodeLabel: Type.Union([Ref.Label, Type.Null()]),
                    index: Type.Integer({ description: "The action's place in the node" }),
                    action: Type.Union([Type.String(), Type.Null()]),
                    attempts: Type.Integer(),
                    error: Type.Object({
                      code: Type.String({
                        description: 'Stable code, e.g. outbound.network, outbound.status',
                      }),
                      params: Type.Object({}, { additionalProperties: true }),
                      message: Type.String(),
                    }),
                    at: Type.String({ format: 'date-time' }),
                    canResolve: Type.Boolean({ description: 'Whether the reader may retry or skip it' }),
                  },
                  { description: 'An automatic action that failed for good and waits for an admin' },
                ),
                Type.Null(),
              ]),
            }),
            entries: Type.Array(
              Type.Object({
                at: Type.String({ format: 'date-time' }),
                action: Type.String(),
                nodeId: Type.Union([Type.String(), Type.Null()]),
                nodeLabel: Type.Union([Ref.Label, Type.Null()]),
                taskId: Type.Union([Type.String(), Type.Null()]),
                actor: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]),
                comment: Type.Union([Type.String(), Type.Null()]),
                details: Type.Object({}, { additionalProperties: true }),
              }),
            ),
          }),
          ...errors(...AUTH_ERRORS, 404),
        },
      },
    },
    async (request) => timeline(db, actorOf(request), request.params.instanceId),
  );

  const instanceAction = (
    path: string,
    summary: string,
    fields: Record<string, TSchema> | null,
    run: (actor: Actor, id: string, input: { comment?: string; nodeId?: string }) => Promise<unknown>,
  ) =>
    app.post(
      `/api/instances/:instanceId/${path}`,
      {
        schema: {
          tags,
          summary,
          params: InstanceParams,
          ...(fields ? { body: body(fields, `Instance${path[0]!.toUpperCase()}${path.slice(1)}`) } : {}),
          response: { 204: NoContent, ...errors(...AUTH_ERRORS, 404, 409, 422) },
        },
      },
      async (request, reply) => {
        await run(
          actorOf(request),
          request.params.instanceId,
          (request.body ?? {}) as { comment?: string; nodeId?: string },
        );
        return reply.code(204).send(null);
      },
    );
  const comment = { comment: Type.Optional(Type.String({ maxLength: 2000 })) };
  instanceAction(
    'withdraw',
    'The submitter takes the record back while the next step is untouched',
    null,
    (actor, id) => withdrawInstance(db, actor, id),
  );
  instanceAction(
    'urge',
    'Remind the people with a pending task (at most every 10 minutes)',
    null,
    (actor, id) => urgeInstance(db, actor, id),
  );
  instanceAction('end', 'Admin: end a running approval where it stands', comment, (actor, id, input) =>
    endInstance(db, actor, id, input.comment),
  );
  instanceAction(
    'retry-action',
    'Admin of the app: try the failed automatic action again (the same delivery, with fresh tries)',
    null,
    (actor, id) => retryAction(db, actor, id),
  );
  instanceAction(
    'skip-action',
    'Admin of the app: leave the failed automatic action out and let the flow go on',
    null,
    (actor, id) => skipAction(db, actor, id),
  );
  instanceAction(
    'reactivate',
    'Admin: bring an ended approval back at a node where people act',
    { nodeId: Type.String({ minLength: 1, maxLength: 64 }) },
    (actor, id, input) => reactivateInstance(db, actor, id, input.nodeId ?? ''),
  );
};
