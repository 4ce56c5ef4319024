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
import {
  InstanceEnd,
  InstanceReactivate,
  Submitted,
  Timeline,
  WorkflowDefinition,
  WorkflowVersionSummary,
  WorkflowView,
} from '@forecourt/schemas/api';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { actorOf } from '../http/auth';
import { AUTH_ERRORS, errors, NoContent } from '../http/schemas';
import type { RouteDeps } from './deps';

const FormParams = Type.Object(
  { formId: Type.String({ minLength: 1, maxLength: 64 }) },
  { additionalProperties: false },
);
const InstanceParams = Type.Object(
  { instanceId: Type.String({ minLength: 1, maxLength: 64 }) },
  { additionalProperties: false },
);
/** A form's approval flow (admins of the form's app), and the life of its instances. */
export const workflowRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { db }) => {
  const tags = ['workflow'];
  const managesForm = async (request: FastifyRequest<{ Params: { formId: string } }>) =>
    assertManagesForm(db, actorOf(request), request.params.formId);

  app.get(
    '/api/forms/:formId/workflow',
    {
      preHandler: managesForm,
      schema: {
        operationId: 'getWorkflow',
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
        operationId: 'saveWorkflowDraft',
        tags,
        summary: 'Save the draft flow (checked; an unfinished graph may be saved, not published)',
        params: FormParams,
        body: WorkflowDefinition,
        response: { 200: WorkflowView, ...errors(...AUTH_ERRORS, 404, 422) },
      },
    },
    async (request) => saveWorkflowDraft(db, actorOf(request), request.params.formId, request.body),
  );

  app.post(
    '/api/forms/:formId/workflow/publish',
    {
      preHandler: managesForm,
      schema: {
        operationId: 'publishWorkflow',
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
        operationId: 'listWorkflowVersions',
        tags,
        summary:
          "The flow's published versions, newest first, with the instances each started and still runs",
        params: FormParams,
        response: {
          200: Type.Object({ versions: Type.Array(WorkflowVersionSummary) }),
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
        operationId: 'submitRecord',
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
          201: Submitted,
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
        operationId: 'getTimeline',
        tags,
        summary: 'The approval’s timeline: every node, actor, action, comment and time',
        params: InstanceParams,
        response: {
          200: Timeline,
          ...errors(...AUTH_ERRORS, 404),
        },
      },
    },
    async (request) => timeline(db, actorOf(request), request.params.instanceId),
  );

  const instanceAction = (
    path: string,
    operationId: string,
    summary: string,
    run: (actor: Actor, id: string) => Promise<unknown>,
  ) =>
    app.post(
      `/api/instances/:instanceId/${path}`,
      {
        schema: {
          operationId,
          tags,
          summary,
          params: InstanceParams,
          response: { 204: NoContent, ...errors(...AUTH_ERRORS, 404, 409, 422) },
        },
      },
      async (request, reply) => {
        await run(actorOf(request), request.params.instanceId);
        return reply.code(204).send(null);
      },
    );
  instanceAction(
    'withdraw',
    'withdrawInstance',
    'The submitter takes the record back while the next step is untouched',
    (actor, id) => withdrawInstance(db, actor, id),
  );
  instanceAction(
    'urge',
    'urgeInstance',
    'Remind the people with a pending task (at most every 10 minutes)',
    (actor, id) => urgeInstance(db, actor, id),
  );
  instanceAction(
    'retry-action',
    'retryAction',
    'Admin of the app: try the failed automatic action again (the same delivery, with fresh tries)',
    (actor, id) => retryAction(db, actor, id),
  );
  instanceAction(
    'skip-action',
    'skipAction',
    'Admin of the app: leave the failed automatic action out and let the flow go on',
    (actor, id) => skipAction(db, actor, id),
  );

  app.post(
    '/api/instances/:instanceId/end',
    {
      schema: {
        operationId: 'endInstance',
        tags,
        summary: 'Admin: end a running approval where it stands',
        params: InstanceParams,
        body: InstanceEnd,
        response: { 204: NoContent, ...errors(...AUTH_ERRORS, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      await endInstance(db, actorOf(request), request.params.instanceId, request.body?.comment);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/instances/:instanceId/reactivate',
    {
      schema: {
        operationId: 'reactivateInstance',
        tags,
        summary: 'Admin: bring an ended approval back at a node where people act',
        params: InstanceParams,
        body: InstanceReactivate,
        response: { 204: NoContent, ...errors(...AUTH_ERRORS, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      await reactivateInstance(db, actorOf(request), request.params.instanceId, request.body.nodeId);
      return reply.code(204).send(null);
    },
  );
};
