import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { recordHistoryList } from '@forecourt/engine';
import { Type } from 'typebox';
import { actorOf } from '../http/auth';
import { AUTH_ERRORS, errors, Ref } from '../http/schemas';
import type { RouteDeps } from './deps';

const RecordParams = Type.Object(
  {
    formId: Type.String({ minLength: 1, maxLength: 64 }),
    recordId: Type.String({ minLength: 1, maxLength: 64 }),
  },
  { additionalProperties: false },
);

const FieldChange = Type.Object({
  fieldId: Type.String(),
  label: Ref.Label,
  type: Type.Union([Type.String(), Type.Null()], { description: 'The field type now' }),
  hidden: Type.Boolean({ description: 'The field was deleted or hidden from the form' }),
  before: Type.Unknown(),
  after: Type.Unknown(),
  typeChange: Type.Optional(
    Type.Object(
      { from: Type.String(), to: Type.String() },
      { description: "On 'convert' entries: the field type changed when a version was published" },
    ),
  ),
});

const HistoryEntry = Type.Object({
  id: Type.String(),
  rev: Type.Integer({ description: 'The record revision this write produced' }),
  action: Type.Union([
    Type.Literal('create'),
    Type.Literal('update'),
    Type.Literal('delete'),
    Type.Literal('restore'),
    Type.Literal('convert'),
    Type.Literal('purge'),
  ]),
  at: Type.String({ format: 'date-time' }),
  via: Type.String({ description: 'api, import, workflow, automation or system' }),
  actor: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]),
  changes: Type.Array(FieldChange),
});

export const historyRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { db }) => {
  app.get(
    '/api/forms/:formId/records/:recordId/history',
    {
      schema: {
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
