import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { NotFoundError } from '@forecourt/engine';
import { Workspace } from '@forecourt/schemas/api';
import { withAudit } from '../http/audit';
import { actorOf } from '../http/auth';
import { AUTH_ERRORS, body, errors, Name } from '../http/schemas';
import type { RouteDeps } from './deps';

export const workspaceRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { db }) => {
  const tags = ['organisation'];

  app.get(
    '/api/workspace',
    {
      schema: {
        operationId: 'getWorkspace',
        tags,
        summary: 'The current workspace',
        response: { 200: Workspace, ...errors(...AUTH_ERRORS) },
      },
    },
    async (request) =>
      db
        .selectFrom('workspaces')
        .select(['id', 'name'])
        .where('id', '=', actorOf(request).workspaceId)
        .executeTakeFirstOrThrow(),
  );

  app.patch(
    '/api/workspace',
    {
      config: { access: 'admin' },
      schema: {
        operationId: 'renameWorkspace',
        tags,
        summary: 'Rename the workspace',
        body: body({ name: Name }, 'WorkspaceUpdate'),
        response: { 200: Workspace, ...errors(...AUTH_ERRORS) },
      },
    },
    async (request) =>
      withAudit(
        db,
        request,
        async (trx) => {
          const row = await trx
            .updateTable('workspaces')
            .set({ name: request.body.name.trim() })
            .where('id', '=', actorOf(request).workspaceId)
            .returning(['id', 'name'])
            .executeTakeFirst();
          if (!row) throw new NotFoundError('The workspace');
          return row;
        },
        (w) => ({
          action: 'workspace.update',
          targetType: 'workspace',
          targetId: w.id,
          details: { name: w.name },
        }),
      ),
  );
};
