import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { createApiToken, listApiTokens, MAX_TOKEN_SCOPES, revokeApiToken } from '@forecourt/engine';
import { ApiToken, NewApiTokenAnswer, TokenScope } from '@forecourt/schemas/api';
import { Type } from 'typebox';
import { withAudit } from '../http/audit';
import { actorOf } from '../http/auth';
import { AUTH_ERRORS, body, errors, IdParams, Name, NoContent } from '../http/schemas';
import type { RouteDeps } from './deps';

export const tokenRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { db }) => {
  const tags = ['auth'];

  app.get(
    '/api/tokens',
    {
      schema: {
        operationId: 'listApiTokens',
        tags,
        summary: 'My API tokens (never their secrets)',
        response: { 200: Type.Object({ tokens: Type.Array(ApiToken) }), ...errors(...AUTH_ERRORS) },
      },
    },
    async (request) => ({ tokens: await listApiTokens(db, actorOf(request)) }),
  );

  app.post(
    '/api/tokens',
    {
      schema: {
        operationId: 'createApiToken',
        tags,
        summary:
          'Create an API token for Authorization: Bearer, optionally limited to some apps; the secret is shown this once',
        body: body(
          {
            name: Name,
            expiresAt: Type.Optional(Type.String({ format: 'date-time' })),
            scopes: Type.Optional(
              Type.Array(TokenScope, {
                maxItems: MAX_TOKEN_SCOPES,
                description:
                  'Limit the token to these apps; it can then never call administration routes. Leave out for a token that can do what you can.',
              }),
            ),
          },
          'NewApiToken',
        ),
        response: {
          201: NewApiTokenAnswer,
          ...errors(...AUTH_ERRORS, 422),
        },
      },
    },
    async (request, reply) =>
      reply.code(201).send(
        await withAudit(
          db,
          request,
          (trx) => createApiToken(trx, actorOf(request), request.body),
          ({ apiToken }) => ({
            action: 'token.create',
            targetType: 'api_token',
            targetId: apiToken.id,
            details: { name: apiToken.name, expiresAt: apiToken.expiresAt, scopes: apiToken.scopes },
          }),
        ),
      ),
  );

  app.delete(
    '/api/tokens/:id',
    {
      schema: {
        operationId: 'revokeApiToken',
        tags,
        summary: 'Revoke a token at once',
        params: IdParams,
        response: { 204: NoContent, ...errors(...AUTH_ERRORS, 404) },
      },
    },
    async (request, reply) => {
      await withAudit(
        db,
        request,
        (trx) => revokeApiToken(trx, actorOf(request), request.params.id),
        () => ({ action: 'token.revoke', targetType: 'api_token', targetId: request.params.id }),
      );
      return reply.code(204).send(null);
    },
  );
};
