import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  admitVisitor,
  createPublicLink,
  deletePublicLink,
  findPublicLink,
  listPublicLinks,
  type OpenLink,
  publicForm,
  queryThroughLink,
  submitThroughLink,
  updatePublicLink,
} from '@forecourt/engine';
import {
  NewPublicLink,
  PublicFill,
  PublicForm,
  PublicLink,
  PublicLinkUpdate,
  PublicQuery,
  PublicQueryResult,
  PublicSubmission,
} from '@forecourt/schemas/api';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { actorOf } from '../http/auth';
import { AUTH_ERRORS, errors, NoContent } from '../http/schemas';
import type { RouteDeps } from './deps';

const FormParams = Type.Object(
  { formId: Type.String({ minLength: 1, maxLength: 64 }) },
  { additionalProperties: false },
);
const LinkParams = Type.Object(
  { linkId: Type.String({ minLength: 1, maxLength: 64 }) },
  { additionalProperties: false },
);
const TokenParams = Type.Object(
  { token: Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9_-]+$' }) },
  { additionalProperties: false },
);
const PasswordHeader = Type.Object({
  'x-link-password': Type.Optional(
    Type.String({ maxLength: 200, description: "The link's password, when it has one; on every call" }),
  ),
});

const PUBLIC_ERRORS = [400, 401, 403, 404, 413, 415, 429] as const;
const DEFAULT_RATE_LIMIT = 30;

/**
 * Admins make and manage a form's public links; anyone holding a link's token may then fill the form
 * or look records up through it, and nothing else. The anonymous routes share one rate limiter
 * keyed by the token, so a link's limit counts all its requests together.
 */
export const publicLinkRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { db }) => {
  const tags = ['public-links'];

  app.get(
    '/api/forms/:formId/public-links',
    {
      schema: {
        operationId: 'listPublicLinks',
        tags,
        summary: "A form's public fill and query links (app admins only)",
        params: FormParams,
        response: { 200: Type.Object({ links: Type.Array(PublicLink) }), ...errors(...AUTH_ERRORS, 404) },
      },
    },
    async (request) => ({ links: await listPublicLinks(db, actorOf(request), request.params.formId) }),
  );

  app.post(
    '/api/forms/:formId/public-links',
    {
      schema: {
        operationId: 'createPublicLink',
        tags,
        summary: 'Make a public fill link, or a query link with exact-match query fields and result fields',
        params: FormParams,
        body: NewPublicLink,
        response: { 201: PublicLink, ...errors(...AUTH_ERRORS, 404, 422) },
      },
    },
    async (request, reply) => {
      const link = await createPublicLink(db, actorOf(request), request.params.formId, request.body, {
        ip: request.ip,
      });
      return reply.code(201).send(link);
    },
  );

  app.patch(
    '/api/public-links/:linkId',
    {
      schema: {
        operationId: 'updatePublicLink',
        tags,
        summary:
          'Change a public link: name, password, expiry, enabled, channel, rate limit, fields (fill or query)',
        params: LinkParams,
        body: PublicLinkUpdate,
        response: { 200: PublicLink, ...errors(...AUTH_ERRORS, 404, 422) },
      },
    },
    async (request) =>
      updatePublicLink(db, actorOf(request), request.params.linkId, request.body, {
        ip: request.ip,
      }),
  );

  app.delete(
    '/api/public-links/:linkId',
    {
      schema: {
        operationId: 'deletePublicLink',
        tags,
        summary: 'Delete a public link; its address stops working at once',
        params: LinkParams,
        response: { 204: NoContent, ...errors(...AUTH_ERRORS, 404) },
      },
    },
    async (request, reply) => {
      await deletePublicLink(db, actorOf(request), request.params.linkId, { ip: request.ip });
      return reply.code(204).send(null);
    },
  );

  // The anonymous side. The link row is read once per request (by the rate limiter, then the handler).
  const loaded = new WeakMap<FastifyRequest, Promise<OpenLink | undefined>>();
  const tokenOf = (request: FastifyRequest) => (request.params as { token: string }).token;
  const linkOf = (request: FastifyRequest) => {
    let link = loaded.get(request);
    if (!link) {
      link = findPublicLink(db, tokenOf(request));
      loaded.set(request, link);
    }
    return link;
  };
  const perLink = app.rateLimit({
    keyGenerator: (request) => `link:${tokenOf(request)}`,
    max: async (request) => (await linkOf(request))?.rate_limit ?? DEFAULT_RATE_LIMIT,
    timeWindow: '1 minute',
  });
  const admit = async (request: FastifyRequest) => {
    const password = request.headers['x-link-password'];
    return admitVisitor(await linkOf(request), typeof password === 'string' ? password : undefined);
  };
  const publicTags = ['public-links'];

  app.get(
    '/api/public/:token',
    {
      config: { access: 'public' },
      onRequest: perLink,
      schema: {
        operationId: 'openPublicLink',
        tags: publicTags,
        summary: 'What a public link opens: the fill form, or the query and result fields (no login)',
        security: [],
        params: TokenParams,
        headers: PasswordHeader,
        response: {
          200: PublicForm,
          ...errors(...PUBLIC_ERRORS),
        },
      },
    },
    async (request) => publicForm(db, await admit(request)),
  );

  app.post(
    '/api/public/:token/records',
    {
      config: { access: 'public' },
      onRequest: perLink,
      schema: {
        operationId: 'submitPublicForm',
        tags: publicTags,
        summary:
          'Submit the form of a public fill link (no login); answers the new id and serial numbers only',
        security: [],
        params: TokenParams,
        headers: PasswordHeader,
        body: PublicFill,
        response: {
          201: PublicSubmission,
          ...errors(...PUBLIC_ERRORS, 422),
        },
      },
    },
    async (request, reply) => {
      const submitted = await submitThroughLink(db, await admit(request), request.body.data);
      return reply.code(201).send(submitted);
    },
  );

  app.post(
    '/api/public/:token/query',
    {
      config: { access: 'public' },
      onRequest: perLink,
      schema: {
        operationId: 'queryPublicLink',
        tags: publicTags,
        summary: 'Look records up through a public query link: every query field, exact match; newest 20',
        security: [],
        params: TokenParams,
        headers: PasswordHeader,
        body: PublicQuery,
        response: {
          200: PublicQueryResult,
          ...errors(...PUBLIC_ERRORS, 422),
        },
      },
    },
    async (request) => queryThroughLink(db, await admit(request), request.body.values),
  );
};
