import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { recordHistoryList } from '@forecourt/engine';
import { HistoryEntry } from '@forecourt/schemas/api';
import { Type } from 'typebox';
import { actorOf } from '../http/auth';
import { AUTH_ERRORS, errors } from '../http/schemas';
import type { RouteDeps } from './deps';

const RecordParams = Type.Object(
  {
    formId: Type.String({ minLength: 1, maxLength: 64 }),
    recordId: Type.String({ minLength: 1, maxLength: 64 }),
  },
  { additionalProperties: false },
);

export const historyRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { db }) => {
  app.get(
    '/api/forms/:formId/records/:recordId/history',
    {
      schema: {
        operationId: 'listRecordHistory',
        tags: ['records'],
        summary:
          'Who changed what and when, oldest first; fields are labelled as the form is now (hidden ones flagged)',
        params: RecordParams,
        response: {
          200: Type.Object({ entries: Type.Array(HistoryEntry) }),
          ...errors(...AUTH_ERRORS, 404),
        },
      },
    },
    async (request) => ({
      entries: await recordHistoryList(db, actorOf(request), request.params.formId, request.params.recordId),
    }),
  );
};
