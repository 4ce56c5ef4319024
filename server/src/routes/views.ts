import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  createView,
  deleteView,
  ensureQueryIndexes,
  formVersion,
  getView,
  listViews,
  type SavedView,
  updateView,
  type ViewChange,
  type ViewInput,
} from '@forecourt/engine';
import type { RecordQuery } from '@forecourt/schemas';
import { Type } from 'typebox';
import { actorOf } from '../http/auth';
import { AUTH_ERRORS, body, errors, NoContent, Ref } from '../http/schemas';
import type { RouteDeps } from './deps';

const FormParams = Type.Object(
  { formId: Type.String({ minLength: 1, maxLength: 64 }) },
  { additionalProperties: false },
);
const ViewParams = Type.Object(
  { viewId: Type.String({ minLength: 1, maxLength: 64 }) },
  { additionalProperties: false },
);

// The query's inner shape (conditions nest) is checked by the engine, which names each bad part (422).
const Query = Type.Object(
  {},
  {
    additionalProperties: true,
    description:
      'A record query: { filter, sort, search } as for POST /api/forms/{formId}/records/query (no cursor)',
  },
);
const Columns = Type.Array(
  Type.Object(
    {
      field: Type.String({
        minLength: 1,
        maxLength: 64,
        description: 'A field id or a record column (_created_at…)',
      }),
      width: Type.Optional(Type.Integer({ minimum: 20, maximum: 2000, description: 'Pixels' })),
    },
    { additionalProperties: false },
  ),
  { maxItems: 200 },
);
const Sort = Type.Integer({ minimum: -1_000_000, maximum: 1_000_000, description: 'Position in the list' });

const View = Type.Object({
  id: Type.String(),
  formId: Type.String(),
  name: Ref.Label,
  shared: Type.Boolean({ description: 'Seen by everyone, managed by admins; else only its owner sees it' }),
  ownerId: Type.Union([Type.String(), Type.Null()]),
  query: Query,
  columns: Columns,
  sort: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

export const viewRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { db, mode }) => {
  /** The fields a view filters and sorts on get indexes (after the view is stored, outside its transaction). */
  const indexView = async (workspaceId: string, view: SavedView) => {
    const { definition } = await formVersion(db, workspaceId, view.formId);
    await ensureQueryIndexes(db, mode, view.formId, definition, view.query as RecordQuery);
  };

  const tags = ['views'];

  app.get(
    '/api/forms/:formId/views',
    {
      schema: {
        tags,
        summary: 'Saved views of a form you can see: the shared ones, then your own',
        params: FormParams,
        response: { 200: Type.Object({ views: Type.Array(View) }), ...errors(...AUTH_ERRORS, 404) },
      },
    },
    async (request) => ({ views: await listViews(db, actorOf(request), request.params.formId) }),
  );

  app.post(
    '/api/forms/:formId/views',
    {
      schema: {
        tags,
        summary: 'Save a view: personal, or shared with everyone (admins only)',
        params: FormParams,
        body: body(
          {
            name: Ref.Label,
            shared: Type.Optional(Type.Boolean()),
            query: Type.Optional(Query),
            columns: Type.Optional(Columns),
            sort: Type.Optional(Sort),
          },
          'NewView',
        ),
        response: { 201: View, ...errors(...AUTH_ERRORS, 404, 422) },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const view = await createView(db, actor, request.params.formId, request.body as ViewInput);
      await indexView(actor.workspaceId, view);
      return reply.code(201).send(view);
    },
  );

  app.get(
    '/api/views/:viewId',
    {
      schema: {
        tags,
        summary: "One view (someone else's personal view is a 404)",
        params: ViewParams,
        response: { 200: View, ...errors(...AUTH_ERRORS, 404) },
      },
    },
    async (request) => getView(db, actorOf(request), request.params.viewId),
  );

  app.patch(
    '/api/views/:viewId',
    {
      schema: {
        tags,
        summary: 'Change a view: your own, or a shared one if you are an admin',
        params: ViewParams,
        body: body(
          {
            name: Type.Optional(Ref.Label),
            query: Type.Optional(Query),
            columns: Type.Optional(Columns),
            sort: Type.Optional(Sort),
          },
          'ViewUpdate',
        ),
        response: { 200: View, ...errors(...AUTH_ERRORS, 404, 422) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const view = await updateView(db, actor, request.params.viewId, request.body as ViewChange);
      await indexView(actor.workspaceId, view);
      return view;
    },
  );

  app.delete(
    '/api/views/:viewId',
    {
      schema: {
        tags,
        summary: 'Delete a view: your own, or a shared one if you are an admin',
        params: ViewParams,
        response: { 204: NoContent, ...errors(...AUTH_ERRORS, 404) },
      },
    },
    async (request, reply) => {
      await deleteView(db, actorOf(request), request.params.viewId);
      return reply.code(204).send(null);
    },
  );
};
