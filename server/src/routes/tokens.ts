import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { createApiToken, listApiTokens, MAX_TOKEN_SCOPES, revokeApiToken } from '@forecourt/engine';
import { Type } from 'typebox';
import { withAudit } from '../http/audit';
import { actorOf } from '../http/auth';
import { AUTH_ERRORS, body, errors, IdParams, Name, NoContent } from '../http/schemas';
import type { RouteDeps } from './deps';

const TokenScope = Type.Object(
  {
    appId: Type.String({ minLength: 1, maxLength: 64 }),
    access: Type.Union([Type.Literal('read'), Type.Literal('write')], {
      description: 'read: view, export and print records; write: whatever the user may do in the app',
    }),
  },
  { additionalProperties: false },
);

const NullableDate = Type.Union([Type.String({ format: 'date-time' }), Type.Null()]);
/** The shared ApiToken shape plus its scopes (kept here while the scopes are new). */
const ApiTokenView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  prefix: Type.String({ description: 'The first characters of the secret, to tell tokens apart' }),
  createdAt: Type.String({ format: 'date-time' }),
  expiresAt: NullableDate,
  revokedAt: NullableDate,
  lastUsedAt: NullableDate,
  scopes: Type.Union([Type.Array(TokenScope), Type.Null()], {
    description: 'The apps it may reach; null: everything its user may do',
  }),
});

export const tokenRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { db }) => {
  const tags = ['auth'];

  app.get(
    '/api/tokens',
    {
      schema: {
        tags,
        summary: 'My API tokens (never their secrets)',
        response: { 200: Type.Object({ tokens: Type.Array(ApiTokenView) }), ...errors(...AUTH_ERRORS) },
      },
    },
    async (request) => ({ tokens: await listApiTokens(db, actorOf(request)) }),
  );

  app.post(
    '/api/tokens',
    {
      schema: {
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
          201: Type.Object({
            token: Type.String({ description: 'The secret: store it now, it is never shown again' }),
            apiToken: ApiTokenView,
          }),
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
