import { type Static, Type } from 'typebox';
import { closed, Data, DateTime, FormDefinition, Nullable } from './common';

/** Most requests a minute a link may allow. */
export const PUBLIC_LINK_RATE_LIMIT_MAX = 600;

export const PublicLinkKind = Type.Union([Type.Literal('fill'), Type.Literal('query')]);
export type PublicLinkKind = Static<typeof PublicLinkKind>;

/** A public link as its managers see it. The password itself is never stored nor shown again. */
export const PublicLink = Type.Object(
  {
    id: Type.String(),
    formId: Type.String(),
    kind: PublicLinkKind,
    name: Type.String(),
    token: Type.String({ description: 'The unguessable part of the public address' }),
    url: Type.String({ description: 'Path of the public page, /p/<token>' }),
    hasPassword: Type.Boolean(),
    expiresAt: Nullable(DateTime()),
    enabled: Type.Boolean(),
    channel: Nullable(Type.String()),
    rateLimit: Type.Integer(),
    queryFields: Type.Array(Type.String()),
    resultFields: Type.Array(Type.String()),
    fillFields: Type.Array(Type.String(), {
      description:
        'Fill links: the top-level fields the page shows and a submission may set; [] for query links',
    }),
    createdBy: Nullable(Type.String()),
    createdAt: DateTime(),
    updatedAt: DateTime(),
  },
  { title: 'PublicLink' },
);
export type PublicLink = Static<typeof PublicLink>;

const FieldIds = Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 50 });
const settings = {
  name: Type.String({ minLength: 1, maxLength: 100 }),
  password: Type.Optional(
    Nullable(Type.String({ minLength: 1, maxLength: 200 }), { description: 'null removes the password' }),
  ),
  expiresAt: Type.Optional(Nullable(DateTime('Must lie ahead'))),
  enabled: Type.Optional(Type.Boolean({ description: 'A disabled link answers 404 at once' })),
  channel: Type.Optional(
    Nullable(Type.String({ maxLength: 100 }), { description: 'Tag stored on every record sent through it' }),
  ),
  rateLimit: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: PUBLIC_LINK_RATE_LIMIT_MAX,
      description: 'Requests a minute; 30 if not given',
    }),
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

/** `POST /api/forms/:formId/public-links`. */
export const NewPublicLink = closed({ kind: PublicLinkKind, ...settings }, 'NewPublicLink');
export type NewPublicLink = Static<typeof NewPublicLink>;

/** `PATCH /api/public-links/:linkId`: a link's kind and form are fixed when it is made. */
export const PublicLinkUpdate = closed(
  { ...settings, name: Type.Optional(settings.name) },
  'PublicLinkUpdate',
);
export type PublicLinkUpdate = Static<typeof PublicLinkUpdate>;

/** `GET /api/public/:token`: what a link opens, the fill form or the query and result fields. */
export const PublicForm = Type.Object({
  kind: PublicLinkKind,
  name: Type.String(),
  form: FormDefinition,
  queryFields: Type.Optional(
    Type.Array(Type.String(), { description: 'Query links: asked for, matched exactly' }),
  ),
  resultFields: Type.Optional(
    Type.Array(Type.String(), { description: 'Query links: what each result shows' }),
  ),
});
export type PublicForm = Static<typeof PublicForm>;

export const PublicFill = closed(
  {
    data: Type.Record(Type.String(), Type.Unknown(), {
      description:
        "Values of the link's listed fields; any other field is refused (422, detail code public_link.field_not_listed)",
    }),
  },
  'PublicFill',
);
export type PublicFill = Static<typeof PublicFill>;

/** What a visitor learns back about their submission: its id and its numbers, nothing stored else. */
export const PublicSubmission = Type.Object({
  id: Type.String(),
  serial: Type.Optional(
    Type.Record(Type.String(), Type.Unknown(), {
      description: "The serial numbers given to it (`{ f_no: 'BK-0001' }`), when the form has serial fields",
    }),
  ),
});
export type PublicSubmission = Static<typeof PublicSubmission>;

export const PublicQuery = closed(
  { values: Type.Record(Type.String(), Type.Unknown(), { description: 'A value for every query field' }) },
  'PublicQuery',
);
export type PublicQuery = Static<typeof PublicQuery>;

export const PublicQueryResult = Type.Object({ records: Type.Array(Data) });
export type PublicQueryResult = Static<typeof PublicQueryResult>;
