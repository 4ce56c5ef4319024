import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  aggregateRecords,
  createRecord,
  createRecords,
  DomainError,
  deleteRecord,
  getRecord,
  getView,
  MAX_BATCH,
  NotFoundError,
  queryRecords,
  updateRecord,
  ValidationError,
  writeContext,
} from '@forecourt/engine';
import { type AggregateQuery, MAX_AGGREGATE_ROWS, type RecordQuery } from '@forecourt/schemas';
import { NewRecord, RecordPage, RecordUpdate, RecordView } from '@forecourt/schemas/api';
import { Type } from 'typebox';
import { actorOf } from '../http/auth';
import { AUTH_ERRORS, body, errors, NoContent } from '../http/schemas';
import { illFormed } from '../http/well-formed';
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
const Data = Type.Record(Type.String(), Type.Unknown(), {
  description: 'Field values keyed by field id; computed and unknown keys are ignored',
});

export const recordRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { db }) => {
  const tags = ['records'];

  app.get(
    '/api/forms/:formId/records',
    {
      schema: {
        operationId: 'listRecords',
        tags,
        summary:
          'Records of a form, keyset-paged (pass `next` as `cursor`): newest first, or as a saved `view` or a `query` (the JSON of POST …/records/query) says',
        params: FormParams,
        querystring: Type.Object(
          {
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
            cursor: Type.Optional(Type.String({ maxLength: 2000 })),
            view: Type.Optional(Type.String({ maxLength: 64 })),
            query: Type.Optional(Type.String({ maxLength: 8000, description: 'A RecordQuery as JSON' })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: RecordPage,
          ...errors(...AUTH_ERRORS, 404, 422),
        },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { limit, cursor, view, query } = request.query;
      let base: RecordQuery = {};
      if (view) {
        const saved = await getView(db, actor, view);
        if (saved.formId !== request.params.formId) throw new NotFoundError('The view');
        base = saved.query as RecordQuery;
      } else if (query) {
        base = parseQuery(query);
      }
      const page = await queryRecords(db, actor, request.params.formId, {
        ...base,
        ...(limit ? { limit } : {}),
        ...(cursor ? { cursor } : {}),
      });
      return { records: page.records, next: page.next };
    },
  );

  app.post(
    '/api/forms/:formId/records',
    {
      schema: {
        operationId: 'createRecord',
        tags,
        summary:
          'Create a record through the one write pipeline (defaults, formulas, validation, uniqueness, history)',
        params: FormParams,
        body: NewRecord,
        response: { 201: RecordView, ...errors(...AUTH_ERRORS, 404, 409, 422) },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await createRecord(db, writeContext(actorOf(request)), request.params.formId, request.body.data),
        ),
  );

  app.post(
    '/api/forms/:formId/records/query',
    {
      schema: {
        operationId: 'queryRecords',
        tags,
        summary:
          'Records matching a query: and/or filters with per-type operators, table-row and related-record conditions, several sort keys, search, keyset pages, a capped count',
        params: FormParams,
        body: body(
          {
            filter: Type.Optional(Type.Unknown({ description: 'A condition tree; see docs/api.md' })),
            sort: Type.Optional(
              Type.Array(
                Type.Object(
                  {
                    field: Type.String(),
                    dir: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')])),
                  },
                  { additionalProperties: false },
                ),
                { maxItems: 5 },
              ),
            ),
            search: Type.Optional(Type.String({ maxLength: 100 })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
            cursor: Type.Optional(Type.String({ maxLength: 2000 })),
            count: Type.Optional(Type.Boolean()),
          },
          'RecordQuery',
        ),
        response: {
          200: RecordPage,
          ...errors(...AUTH_ERRORS, 404, 422),
        },
      },
    },
    async (request) =>
      queryRecords(
        db,
        actorOf(request),
        request.params.formId,
        request.body as Parameters<typeof queryRecords>[3],
      ),
  );

  app.post(
    '/api/forms/:formId/records/aggregate',
    {
      schema: {
        tags,
        operationId: 'aggregateRecords',
        summary:
          'Records grouped by dimensions (a field, or a date field by day/week/month/quarter/year in the workspace time zone) and summarised by measures (count, countDistinct, sum, avg, min, max), over the rows the user may read',
        params: FormParams,
        body: body(
          {
            dimensions: Type.Optional(
              Type.Array(
                Type.Object(
                  {
                    field: Type.String({ maxLength: 64 }),
                    bucket: Type.Optional(
                      Type.Union(['day', 'week', 'month', 'quarter', 'year'].map((b) => Type.Literal(b))),
                    ),
                  },
                  { additionalProperties: false },
                ),
                { maxItems: 3 },
              ),
            ),
            measures: Type.Array(
              Type.Object(
                {
                  op: Type.String({ maxLength: 32 }),
                  field: Type.Optional(Type.String({ maxLength: 64 })),
                  as: Type.Optional(Type.String({ maxLength: 64 })),
                },
                { additionalProperties: false },
              ),
              { minItems: 1, maxItems: 10 },
            ),
            filter: Type.Optional(Type.Unknown({ description: 'A condition tree; see docs/api.md' })),
            sort: Type.Optional(
              Type.Array(
                Type.Object(
                  {
                    by: Type.String({ maxLength: 128 }),
                    dir: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')])),
                  },
                  { additionalProperties: false },
                ),
                { maxItems: 13 },
              ),
            ),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_AGGREGATE_ROWS })),
          },
          'AggregateQuery',
        ),
        response: {
          200: Type.Object({
            rows: Type.Array(Type.Record(Type.String(), Type.Unknown())),
            truncated: Type.Boolean(),
          }),
          ...errors(...AUTH_ERRORS, 404, 422),
        },
      },
    },
    async (request) =>
      aggregateRecords(db, actorOf(request), request.params.formId, request.body as AggregateQuery),
  );

  app.post(
    '/api/forms/:formId/records/batch',
    {
      schema: {
        operationId: 'createRecords',
        tags,
        summary: `Create up to ${MAX_BATCH} records in one transaction: all or none`,
        params: FormParams,
        body: body({ records: Type.Array(Data, { minItems: 1, maxItems: MAX_BATCH }) }, 'RecordBatch'),
        response: {
          201: Type.Object({ records: Type.Array(RecordView) }),
          ...errors(...AUTH_ERRORS, 404, 409, 422),
        },
      },
    },
    async (request, reply) =>
      reply.code(201).send({
        records: await createRecords(
          db,
          writeContext(actorOf(request)),
          request.params.formId,
          request.body.records,
        ),
      }),
  );

  app.get(
    '/api/forms/:formId/records/:recordId',
    {
      schema: {
        operationId: 'getRecord',
        tags,
        summary: 'One record',
        params: RecordParams,
        response: { 200: RecordView, ...errors(...AUTH_ERRORS, 404) },
      },
    },
    async (request) => getRecord(db, actorOf(request), request.params.formId, request.params.recordId),
  );

  app.patch(
    '/api/forms/:formId/records/:recordId',
    {
      schema: {
        operationId: 'updateRecord',
        tags,
        summary: 'Change some fields; `rev` must be the revision you read (stale → 409)',
        params: RecordParams,
        body: RecordUpdate,
        response: { 200: RecordView, ...errors(...AUTH_ERRORS, 404, 409, 422) },
      },
    },
    async (request) =>
      updateRecord(
        db,
        writeContext(actorOf(request)),
        request.params.formId,
        request.params.recordId,
        request.body,
      ),
  );

  app.delete(
    '/api/forms/:formId/records/:recordId',
    {
      schema: {
        operationId: 'deleteRecord',
        tags,
        summary: 'Move a record to the recycle bin',
        params: RecordParams,
        response: { 204: NoContent, ...errors(...AUTH_ERRORS, 404) },
      },
    },
    async (request, reply) => {
      await deleteRecord(db, writeContext(actorOf(request)), request.params.formId, request.params.recordId);
      return reply.code(204).send(null);
    },
  );
};

function parseQuery(text: string): RecordQuery {
  try {
    const parsed = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      const error = illFormed(parsed, 'querystring:/query');
      if (error) throw error;
      return parsed as RecordQuery;
    }
  } catch (error) {
    if (error instanceof DomainError) throw error;
  }
  throw new ValidationError('The query parameter is not a JSON query.', [
    { path: 'querystring:/query', message: 'Send the JSON of a query object.' },
  ]);
}
