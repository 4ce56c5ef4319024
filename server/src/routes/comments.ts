import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { addComment, deleteComment, listComments, recordApprovals } from '@forecourt/engine';
import { NewComment, RecordApprovals, RecordComment } from '@forecourt/schemas/api';
import { Type } from 'typebox';
import { actorOf } from '../http/auth';
import { AUTH_ERRORS, errors, NoContent } from '../http/schemas';
import type { RouteDeps } from './deps';

const Id = Type.String({ minLength: 1, maxLength: 64 });
const RecordParams = Type.Object({ formId: Id, recordId: Id }, { additionalProperties: false });
/** The record page's own routes: comments beside a record, and the record's approvals with what the reader may do. */
export const commentRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { db }) => {
  const tags = ['records'];
  const path = '/api/forms/:formId/records/:recordId';

  app.get(
    `${path}/comments`,
    {
      schema: {
        operationId: 'listComments',
        tags,
        summary: "A record's comments, oldest first; for whoever may view the record",
        params: RecordParams,
        response: {
          200: Type.Object({ comments: Type.Array(RecordComment) }),
          ...errors(...AUTH_ERRORS, 404),
        },
      },
    },
    async (request) => ({
      comments: await listComments(db, actorOf(request), request.params.formId, request.params.recordId),
    }),
  );

  app.post(
    `${path}/comments`,
    {
      schema: {
        operationId: 'addComment',
        tags,
        summary: 'Comment on a record (whoever may view it); @-mentioned users are notified',
        params: RecordParams,
        body: NewComment,
        response: { 201: RecordComment, ...errors(...AUTH_ERRORS, 404, 422) },
      },
    },
    async (request, reply) => {
      const { formId, recordId } = request.params;
      const comment = await addComment(db, actorOf(request), formId, recordId, request.body);
      return reply.code(201).send(comment);
    },
  );

  app.delete(
    `${path}/comments/:commentId`,
    {
      schema: {
        operationId: 'deleteComment',
        tags,
        summary: 'Delete one of your own comments',
        params: Type.Object({ formId: Id, recordId: Id, commentId: Id }, { additionalProperties: false }),
        response: { 204: NoContent, ...errors(...AUTH_ERRORS, 404) },
      },
    },
    async (request, reply) => {
      const { formId, recordId, commentId } = request.params;
      await deleteComment(db, actorOf(request), formId, recordId, commentId);
      return reply.code(204).send(null);
    },
  );

  app.get(
    `${path}/approvals`,
    {
      schema: {
        operationId: 'listRecordApprovals',
        tags: ['workflow'],
        summary:
          "A record's approvals, newest first (each one's timeline is GET /api/instances/:id), and what the reader may do with the record now",
        params: RecordParams,
        response: {
          200: RecordApprovals,
          ...errors(...AUTH_ERRORS, 404),
        },
      },
    },
    async (request) => recordApprovals(db, actorOf(request), request.params.formId, request.params.recordId),
  );
};
