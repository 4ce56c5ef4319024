import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  actOnTask,
  DomainError,
  inbox,
  inboxCounts,
  type TaskActionInput,
  taskView,
} from '@forecourt/engine';
import { Type } from 'typebox';
import { actorOf } from '../http/auth';
import { AUTH_ERRORS, errors, Ref } from '../http/schemas';
import type { RouteDeps } from './deps';

const TaskParams = Type.Object(
  { taskId: Type.String({ minLength: 1, maxLength: 64 }) },
  { additionalProperties: false },
);
const Comment = Type.Optional(Type.String({ maxLength: 2000 }));
const UserId = Type.String({ minLength: 1, maxLength: 64 });
const Data = Type.Record(Type.String(), Type.Unknown());
const closed = { additionalProperties: false } as const;

/** Each action's body: one shape per action, so a wrong field for the action is a 400 with its path. */
const ActionBody = Type.Union(
  [
    Type.Object(
      {
        action: Type.Literal('approve'),
        comment: Comment,
        signatureFileId: Type.Optional(Type.String({ maxLength: 64 })),
        data: Type.Optional(Data),
        chosen: Type.Optional(Type.Array(UserId, { maxItems: 20 })),
      },
      closed,
    ),
    Type.Object(
      {
        action: Type.Literal('reject'),
        comment: Comment,
        signatureFileId: Type.Optional(Type.String({ maxLength: 64 })),
      },
      closed,
    ),
    Type.Object(
      {
        action: Type.Literal('return'),
        to: Type.Optional(
          Type.String({ maxLength: 64, description: 'A passed node; default the previous one' }),
        ),
        resume: Type.Optional(Type.Union([Type.Literal('normal'), Type.Literal('direct')])),
        comment: Comment,
      },
      closed,
    ),
    Type.Object({ action: Type.Literal('transfer'), to: UserId, comment: Comment }, closed),
    Type.Object(
      {
        action: Type.Literal('addSigner'),
        to: UserId,
        where: Type.Union([Type.Literal('before'), Type.Literal('after'), Type.Literal('parallel')]),
        comment: Comment,
      },
      closed,
    ),
    Type.Object({ action: Type.Literal('saveDraft'), data: Data }, closed),
    Type.Object({ action: Type.Literal('read') }, closed),
  ],
  { title: 'TaskAction' },
);

const InboxItem = Type.Object({
  taskId: Type.Union([Type.String(), Type.Null()]),
  instanceId: Type.String(),
  formId: Type.String(),
  recordId: Type.String(),
  nodeId: Type.Union([Type.String(), Type.Null()]),
  nodeLabel: Type.Union([Ref.Label, Type.Null()]),
  kind: Type.Union([Type.String(), Type.Null()]),
  taskStatus: Type.Union([Type.String(), Type.Null()]),
  instanceStatus: Type.String(),
  submitter: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]),
  title: Type.Union([Type.String(), Type.Null()], {
    description: "The record's first text-like field the viewer may read there",
  }),
  submittedAt: Type.String({ format: 'date-time' }),
  createdAt: Type.String({ format: 'date-time' }),
  actedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  dueAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
const ActionResult = Type.Object({
  taskId: Type.String(),
  instanceId: Type.String(),
  instanceStatus: Type.String(),
});

/** The inbox: my tasks and approvals, a task with its record as the node shows it, acting on tasks. */
export const taskRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { db }) => {
  const tags = ['tasks'];

  app.get(
    '/api/tasks',
    {
      schema: {
        tags,
        summary: 'A box of the inbox, newest first: todo, done, initiated or cc; keyset-paged',
        querystring: Type.Object(
          {
            box: Type.Union([
              Type.Literal('todo'),
              Type.Literal('done'),
              Type.Literal('initiated'),
              Type.Literal('cc'),
            ]),
            formId: Type.Optional(Type.String({ maxLength: 64 })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
            cursor: Type.Optional(Type.String({ maxLength: 400 })),
          },
          closed,
        ),
        response: {
          200: Type.Object({ items: Type.Array(InboxItem), next: Type.Union([Type.String(), Type.Null()]) }),
          ...errors(...AUTH_ERRORS, 422),
        },
      },
    },
    async (request) => {
      const { box, ...options } = request.query;
      return inbox(db, actorOf(request), box, options);
    },
  );

  app.get(
    '/api/tasks/counts',
    {
      schema: {
        tags,
        summary: 'How many items wait: to-do tasks, unread copies, my running approvals',
        response: {
          200: Type.Object({ todo: Type.Integer(), cc: Type.Integer(), initiated: Type.Integer() }),
          ...errors(...AUTH_ERRORS),
        },
      },
    },
    async (request) => inboxCounts(db, actorOf(request)),
  );

  app.get(
    '/api/tasks/:taskId',
    {
      schema: {
        tags,
        summary:
          "A task with its record as the node shows it (hidden fields left out), each field's permission and the actions offered",
        params: TaskParams,
        response: { 200: Type.Object({}, { additionalProperties: true }), ...errors(...AUTH_ERRORS, 404) },
      },
    },
    async (request) => taskView(db, actorOf(request), request.params.taskId),
  );

  app.post(
    '/api/tasks/:taskId/actions',
    {
      schema: {
        tags,
        summary:
          'Act on a task: approve, reject, return, transfer, addSigner, saveDraft, read (a copy); 409 when already handled',
        params: TaskParams,
        body: ActionBody,
        response: { 200: ActionResult, ...errors(...AUTH_ERRORS, 404, 409, 422) },
      },
    },
    async (request) =>
      actOnTask(db, actorOf(request), request.params.taskId, request.body as TaskActionInput),
  );

  app.post(
    '/api/tasks/batch-approve',
    {
      schema: {
        tags,
        summary:
          'Approve several tasks, each on its own: the answer says which went through and why others did not',
        body: Type.Object(
          {
            taskIds: Type.Array(Type.String({ maxLength: 64 }), {
              minItems: 1,
              maxItems: 100,
              uniqueItems: true,
            }),
            comment: Comment,
          },
          { ...closed, title: 'BatchApprove' },
        ),
        response: {
          200: Type.Object({
            results: Type.Array(
              Type.Object({
                taskId: Type.String(),
                ok: Type.Boolean(),
                error: Type.Optional(Type.Object({ code: Type.String(), message: Type.String() })),
              }),
            ),
          }),
          ...errors(...AUTH_ERRORS),
        },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const results = [];
      for (const taskId of request.body.taskIds) {
        try {
          await actOnTask(db, actor, taskId, {
            action: 'approve',
            ...(request.body.comment ? { comment: request.body.comment } : {}),
          });
          results.push({ taskId, ok: true });
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          results.push({ taskId, ok: false, error: { code: error.code, message: error.message } });
        }
      }
      return { results };
    },
  );
};
