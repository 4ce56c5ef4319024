import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { bulkDeleteRecords, bulkUpdateRecords, MAX_BULK, writeContext } from '@forecourt/engine';
import { Type } from 'typebox';
import { actorOf } from '../http/auth';
import { AUTH_ERRORS, body, errors } from '../http/schemas';
import type { RouteDeps } from './deps';

const FormParams = Type.Object(
  { formId: Type.String({ minLength: 1, maxLength: 64 }) },
  { additionalProperties: false },
);
const Ids = Type.Array(Type.String({ minLength: 1, maxLength: 64 }), {
  minItems: 1,
  maxItems: MAX_BULK,
  description: `Record ids, each once, at most ${MAX_BULK}`,
});

/**
 * Changes to many records at once, from the grid's selection: all or nothing, each record through the
 * write pipeline; access (the `batchEdit` and `delete` sets' rows and fields) is the engine's.
 */
export const bulkRecordRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { db }) => {
  const tags = ['records'];

  app.post(
    '/api/forms/:formId/records/bulk-update',
    {
      schema: {
        operationId: 'bulkUpdateRecords',
        tags,
        summary: `Set the same field values on up to ${MAX_BULK} records (batchEdit): all or none; each refused id is named (/ids/3)`,
        params: FormParams,
        body: body(
          {
            ids: Ids,
            data: Type.Record(Type.String(), Type.Unknown(), {
              description: 'Field values keyed by field id, the same for every record (at least one)',
              minProperties: 1,
            }),
          },
          'BulkUpdate',
        ),
        response: {
          200: Type.Object({ updated: Type.Integer() }),
          ...errors(...AUTH_ERRORS, 404, 409, 422),
        },
      },
    },
    async (request) =>
      bulkUpdateRecords(db, writeContext(actorOf(request)), request.params.formId, request.body),
  );

  app.post(
    '/api/forms/:formId/records/bulk-delete',
    {
      schema: {
        operationId: 'bulkDeleteRecords',
        tags,
        summary: `Move up to ${MAX_BULK} records to the recycle bin: all or none; each refused id is named (/ids/3)`,
        params: FormParams,
        body: body({ ids: Ids }, 'BulkDelete'),
        response: {
          200: Type.Object({ deleted: Type.Integer() }),
          ...errors(...AUTH_ERRORS, 404, 409, 422),
        },
      },
    },
    async (request) =>
      bulkDeleteRecords(db, writeContext(actorOf(request)), request.params.formId, request.body.ids),
  );
};
