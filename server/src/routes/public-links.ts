import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  admitVisitor,
  createPublicLink,
  deletePublicLink,
  findPublicLink,
  listPublicLinks,
  type OpenLink,
  type PublicLinkChange,
  type PublicLinkInput,
  publicForm,
  queryThroughLink,
  RATE_LIMIT_MAX,
  submitThroughLink,
  updatePublicLink,
} from '@forecourt/engine';
import type { FastifyRequest } from 'fastify';
import { type TSchema, Type } from 'typebox';
import { actorOf } from '../http/auth';
import { AUTH_ERRORS, body, errors, NoContent, Ref } from '../http/schemas';
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

const Kind = Type.Union([Type.Literal('fill'), Type.Literal('query')]);
const FieldIds = Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 50 });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

const settings = {
  name: Type.String({ minLength: 1, maxLength: 100 }),
  password: Type.Optional(
    Nullable(Type.String({ minLength: 1, maxLength: 200, description: 'null removes the password' })),
  ),
  expiresAt: Type.Optional(Nullable(Type.String({ format: 'date-time', description: 'Must lie ahead' }))),
  enabled: Type.Optional(Type.Boolean({ description: 'A disabled link answers 404 at once' })),
  channel: Type.Optional(
    Nullable(Type.String({ maxLength: 100, description: 'Tag stored on every record sent through it' })),
  ),
  rateLimit: Type.Optional(
    Type.Integer({ minimum: 1, maximum: RATE_LIMIT_MAX, description: 'Requests a minute; 30 if not given' }),
  ),
  queryFields: Type.Optional(FieldIds),
  resultFields: Type.Optional(FieldIds),
  fillFields: Type.Optional(
    Type.Array(Type.String({ minLength: 1, maxLength: 64 }), {
      maxItems: 500,
      description:
        'Fill links: the top-level fields the page shows and a submission may set (a table brings its public columns). ' +
        'Computed and read-only fields may be listed (shown, never accepted); people, relation, file and system fields may not. ' +
        'Default on creation: every field the page could show',
    }),
  ),
};

const PublicLink = Type.Object({
  id: Type.String(),
  formId: Type.String(),
  kind: Kind,
  name: Type.String(),
  token: Type.String({ description: 'The unguessable part of the public address' }),
  url: Type.String({ description: 'Path of the public page, /p/<token>' }),
  hasPassword: Type.Boolean(),
  expiresAt: Nullable(Type.String({ format: 'date-time' })),
  enabled: Type.Boolean(),
  channel: Nullable(Type.String()),
  rateLimit: Type.Integer(),
  queryFields: Type.Array(Type.String()),
  resultFields: Type.Array(Type.String()),
  fillFields: Type.Array(Type.String()),
  createdBy: Nullable(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
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
        tags,
        summary: 'Make a public fill link, or a query link with exact-match query fields and result fields',
        params: FormParams,
        body: body({ kind: Kind, ...settings }, 'NewPublicLink'),
        response: { 201: PublicLink, ...errors(...AUTH_ERRORS, 404, 422) },
      },
    },
    async (request, reply) => {
      const link = await createPublicLink(
        db,
        actorOf(request),
        request.params.formId,
        request.body as PublicLinkInput,
        { ip: request.ip },
      );
      return reply.code(201).send(link);
    },
  );

  app.patch(
    '/api/public-links/:linkId',
    {
      schema: {
        tags,
        summary:
          'Change a public link: name, password, expiry, enabled, channel, rate limit, fields (fill or query)',
        params: LinkParams,
        body: body(
          {
            ...settings,
            name: Type.Optional(settings.name),
          },
          'PublicLinkUpdate',
        ),
        response: { 200: PublicLink, ...errors(...AUTH_ERRORS, 404, 422) },
      },
    },
    async (request) =>
      updatePublicLink(db, actorOf(request), request.params.linkId, request.body as PublicLinkChange, {
        ip: request.ip,
      }),
  );

  app.delete(
    '/api/public-links/:linkId',
    {
      schema: {
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
        tags: publicTags,
        summary: 'What a public link opens: the fill form, or the query and result fields (no login)',
        security: [],
        params: TokenParams,
        headers: PasswordHeader,
        response: {
          200: Type.Object({
            kind: Kind,
            name: Type.String(),
            form: Ref.FormDefinition,
            queryFields: Type.Optional(Type.Array(Type.String())),
            resultFields: Type.Optional(Type.Array(Type.String())),
          }),
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
        tags: publicTags,
        summary:
          'Submit the form of a public fill link (no login); answers the new id and serial numbers only',
        security: [],
        params: TokenParams,
        headers: PasswordHeader,
        body: body(
          {
            data: Type.Record(Type.String(), Type.Unknown(), {
              description:
                "Values of the link's listed fields; any other field is refused (422, detail code public_link.field_not_listed)",
            }),
          },
          'PublicSubmission',
        ),
        response: {
          201: Type.Object({
            id: Type.String(),
            serial: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
          }),
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
        tags: publicTags,
        summary: 'Look records up through a public query link: every query field, exact match; newest 20',
        security: [],
        params: TokenParams,
        headers: PasswordHeader,
        body: body(
          {
            values: Type.Record(Type.String(), Type.Unknown(), {
              description: 'A value for every query field',
            }),
          },
          'PublicQuery',
        ),
        response: {
          200: Type.Object({ records: Type.Array(Type.Record(Type.String(), Type.Unknown())) }),
          ...errors(...PUBLIC_ERRORS, 422),
        },
      },
    },
    async (request) => queryThroughLink(db, await admit(request), request.body.values),
  );
};
