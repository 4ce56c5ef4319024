import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { listDeleted, purgeRecord, restoreRecord, writeContext } from '@forecourt/engine';
import { DeletedRecordPage, RecordView } from '@forecourt/schemas/api';
import { Type } from 'typebox';
import { actorOf } from '../http/auth';
import { AUTH_ERRORS, errors, NoContent } from '../http/schemas';
import type { RouteDeps } from './deps';

const FormParams = Type.Object(
  { formId: Type.String({ minLength: 1, maxLength: 64 }) },
  { additionalProperties: false },
);
const RecordParams = Type.Object(
  {
    formId: Type.String({ minLength: 1, maxLength: 64 }),
    recordId: Type.String({ minLength: 1, maxLength: 64 }),
  },
  { additionalProperties: false },
);

export const recycleBinRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { db }) => {
  const tags = ['records'];

  app.get(
    '/api/forms/:formId/recycle-bin',
    {
      schema: {
        operationId: 'listDeletedRecords',
        tags,
        summary:
          'Deleted records of a form, most recently deleted first, with who deleted them; keyset-paged (pass `next` as `cursor`)',
        params: FormParams,
        querystring: Type.Object(
          {
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
            cursor: Type.Optional(Type.String({ maxLength: 200 })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: DeletedRecordPage,
          ...errors(...AUTH_ERRORS, 404, 422),
        },
      },
    },
    async (request) => listDeleted(db, actorOf(request), request.params.formId, request.query),
  );

  app.post(
    '/api/forms/:formId/records/:recordId/restore',
    {
      schema: {
        operationId: 'restoreRecord',
        tags,
        summary:
          'Take a record out of the recycle bin with its data; 409 if another record now holds one of its unique values',
        params: RecordParams,
        response: { 200: RecordView, ...errors(...AUTH_ERRORS, 404, 409) },
      },
    },
    async (request) =>
      restoreRecord(db, writeContext(actorOf(request)), request.params.formId, request.params.recordId),
  );

  app.delete(
    '/api/forms/:formId/records/:recordId/purge',
    {
      config: { access: 'admin' },
      schema: {
        operationId: 'purgeRecord',
        tags,
        summary:
          'Delete a record in the recycle bin for good (admins); its history stays, ending with a purge entry',
        params: RecordParams,
        response: { 204: NoContent, ...errors(...AUTH_ERRORS, 404, 409) },
      },
    },
    async (request, reply) => {
      await purgeRecord(db, writeContext(actorOf(request)), request.params.formId, request.params.recordId);
      return reply.code(204).send(null);
    },
  );
};
