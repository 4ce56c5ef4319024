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
} from '@forecourt/engine';
import type { RecordQuery } from '@forecourt/schemas';
import { NewView, SavedView as View, ViewUpdate } from '@forecourt/schemas/api';
import { Type } from 'typebox';
import { actorOf } from '../http/auth';
import { AUTH_ERRORS, errors, NoContent } from '../http/schemas';
import type { RouteDeps } from './deps';

const FormParams = Type.Object(
  { formId: Type.String({ minLength: 1, maxLength: 64 }) },
  { additionalProperties: false },
);
const ViewParams = Type.Object(
  { viewId: Type.String({ minLength: 1, maxLength: 64 }) },
  { additionalProperties: false },
);

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
        operationId: 'listViews',
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
        operationId: 'createView',
        tags,
        summary: 'Save a view: personal, or shared with everyone (admins only)',
        params: FormParams,
        body: NewView,
        response: { 201: View, ...errors(...AUTH_ERRORS, 404, 422) },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const view = await createView(db, actor, request.params.formId, request.body);
      await indexView(actor.workspaceId, view);
      return reply.code(201).send(view);
    },
  );

  app.get(
    '/api/views/:viewId',
    {
      schema: {
        operationId: 'getView',
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
        operationId: 'updateView',
        tags,
        summary: 'Change a view: your own, or a shared one if you are an admin',
        params: ViewParams,
        body: ViewUpdate,
        response: { 200: View, ...errors(...AUTH_ERRORS, 404, 422) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const view = await updateView(db, actor, request.params.viewId, request.body);
      await indexView(actor.workspaceId, view);
      return view;
    },
  );

  app.delete(
    '/api/views/:viewId',
    {
      schema: {
        operationId: 'deleteView',
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
