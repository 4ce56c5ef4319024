import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actOnTask, DomainError, inbox, inboxCounts, taskView } from '@forecourt/engine';
import {
  BatchApprove,
  BatchApproveResult,
  InboxBox,
  InboxCounts,
  InboxPage,
  TaskAction,
  TaskActionResult,
  TaskView,
} from '@forecourt/schemas/api';
import { Type } from 'typebox';
import { actorOf } from '../http/auth';
import { AUTH_ERRORS, errors } from '../http/schemas';
import type { RouteDeps } from './deps';

const TaskParams = Type.Object(
  { taskId: Type.String({ minLength: 1, maxLength: 64 }) },
  { additionalProperties: false },
);
const closed = { additionalProperties: false } as const;

/** The inbox: my tasks and approvals, a task with its record as the node shows it, acting on tasks. */
export const taskRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { db }) => {
  const tags = ['tasks'];

  app.get(
    '/api/tasks',
    {
      schema: {
        tags,
        operationId: 'listInbox',
        summary: 'A box of the inbox, newest first: todo, done, initiated or cc; keyset-paged',
        querystring: Type.Object(
          {
            box: InboxBox,
            formId: Type.Optional(Type.String({ maxLength: 64 })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
            cursor: Type.Optional(Type.String({ maxLength: 400 })),
          },
          closed,
        ),
        response: {
          200: InboxPage,
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
        operationId: 'countInbox',
        summary: 'How many items wait: to-do tasks, unread copies, my running approvals',
        response: { 200: InboxCounts, ...errors(...AUTH_ERRORS) },
      },
    },
    async (request) => inboxCounts(db, actorOf(request)),
  );

  app.get(
    '/api/tasks/:taskId',
    {
      schema: {
        tags,
        operationId: 'getTask',
        summary:
          "A task with its record as the node shows it (hidden fields left out), each field's permission and the actions offered",
        params: TaskParams,
        response: { 200: TaskView, ...errors(...AUTH_ERRORS, 404) },
      },
    },
    async (request) => taskView(db, actorOf(request), request.params.taskId),
  );

  app.post(
    '/api/tasks/:taskId/actions',
    {
      schema: {
        tags,
        operationId: 'actOnTask',
        summary:
          'Act on a task: approve, reject, return, transfer, addSigner, saveDraft, read (a copy); 409 when already handled',
        params: TaskParams,
        body: TaskAction,
        response: { 200: TaskActionResult, ...errors(...AUTH_ERRORS, 404, 409, 422) },
      },
    },
    async (request) => actOnTask(db, actorOf(request), request.params.taskId, request.body),
  );

  app.post(
    '/api/tasks/batch-approve',
    {
      schema: {
        tags,
        operationId: 'batchApproveTasks',
        summary:
          'Approve several tasks, each on its own: the answer says which went through and why others did not',
        body: BatchApprove,
        response: {
          200: BatchApproveResult,
          ...errors(...AUTH_ERRORS),
        },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const results: BatchApproveResult['results'] = [];
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
