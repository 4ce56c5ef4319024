import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { createApiToken, listApiTokens, revokeApiToken } from '@forecourt/engine';
import { Type } from 'typebox';
import { actorOf } from '../http/auth';
import { AUTH_ERRORS, body, errors, IdParams, Name, NoContent, Ref } from '../http/schemas';
import type { RouteDeps } from './deps';

export const tokenRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { db }) => {
  const tags = ['auth'];

  app.get(
    '/api/tokens',
    {
      schema: {
        tags,
        summary: 'My API tokens (never their secrets)',
        response: { 200: Type.Object({ tokens: Type.Array(Ref.ApiToken) }), ...errors(...AUTH_ERRORS) },
      },
    },
    async (request) => ({ tokens: await listApiTokens(db, actorOf(request)) }),
  );

  app.post(
    '/api/tokens',
    {
      schema: {
        tags,
        summary: 'Create an API token for Authorization: Bearer; the secret is shown this once',
        body: body(
          { name: Name, expiresAt: Type.Optional(Type.String({ format: 'date-time' })) },
          'NewApiToken',
        ),
        response: {
          201: Type.Object({
            token: Type.String({ description: 'The secret: store it now, it is never shown again' }),
            apiToken: Ref.ApiToken,
          }),
          ...errors(...AUTH_ERRORS, 422),
        },
      },
    },
    async (request, reply) => reply.code(201).send(await createApiToken(db, actorOf(request), request.body)),
  );

  app.delete(
    '/api/tokens/:id',
    {
      schema: {
        tags,
        summary: 'Revoke a token at once',
        params: IdParams,
        response: { 204: NoContent, ...errors(...AUTH_ERRORS, 404) },
      },
    },
    async (request, reply) => {
      await revokeApiToken(db, actorOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
};
