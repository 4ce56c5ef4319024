import { type TSchema, Type } from 'typebox';

/** Shapes shared by many routes. Bodies never accept properties they do not name. */
export const ErrorResponse = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'Stable machine-readable code, e.g. validation_failed' }),
      message: Type.String({ description: 'What went wrong, in words a person understands' }),
      details: Type.Array(
        Type.Object({
          path: Type.String({ description: 'Where in the input, e.g. /email' }),
          message: Type.String(),
          code: Type.Optional(
            Type.String({ description: 'Stable reason, when given, e.g. public_link.field_not_listed' }),
          ),
          params: Type.Optional(
            Type.Record(Type.String(), Type.Unknown(), { description: 'Values the reason speaks of' }),
          ),
        }),
      ),
    }),
  },
  { $id: 'Error', title: 'Error' },
);

const DESCRIPTIONS: Record<number, string> = {
  400: 'The request is malformed: bad JSON, wrong types, unknown or missing properties',
  401: 'Not logged in, or the session or API token is no longer valid',
  403: 'Logged in but not allowed, or the CSRF token is missing',
  404: 'No such thing in this workspace',
  409: 'Conflicts with what is stored (duplicate, stale revision, still in use)',
  413: 'The body is larger than allowed',
  415: 'The body is not JSON',
  422: 'Well-formed but not acceptable; details name each field',
  429: 'Too many requests or login attempts; see Retry-After',
};

/** Response schemas for the error statuses a route can answer with. */
export function errors(...statuses: number[]): Record<number, TSchema> {
  return Object.fromEntries(
    statuses.map((status) => [status, Type.Ref('Error', { description: DESCRIPTIONS[status] ?? 'Error' })]),
  );
}

/** Errors every authenticated route can answer with. */
export const AUTH_ERRORS = [400, 401, 403, 413, 415, 429] as const;

export function body<T extends Record<string, TSchema>>(properties: T, title?: string) {
  return Type.Object(properties, { additionalProperties: false, ...(title ? { title } : {}) });
}

export const IdParams = Type.Object(
  { id: Type.String({ minLength: 1, maxLength: 64 }) },
  { additionalProperties: false },
);

export const Email = Type.String({ format: 'email', maxLength: 254 });
export const Name = Type.String({ minLength: 1, maxLength: 100 });
export const Password = Type.String({ minLength: 1, maxLength: 200 });
export const NoContent = Type.Null({ description: 'No content' });

const User = Type.Object(
  {
    id: Type.String(),
    workspaceId: Type.String(),
    email: Type.String(),
    name: Type.String(),
    isAdmin: Type.Boolean(),
    status: Type.Union([Type.Literal('active'), Type.Literal('disabled')]),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'User', title: 'User' },
);

const departmentFields = {
  id: Type.String(),
  parentId: Type.Union([Type.String(), Type.Null()]),
  name: Type.String(),
  kind: Type.Union([Type.Literal('group'), Type.Literal('store'), Type.Literal('department')]),
  code: Type.Union([Type.String(), Type.Null()]),
  headUserId: Type.Union([Type.String(), Type.Null()]),
  sort: Type.Integer(),
};
const Department = Type.Object(departmentFields, { $id: 'Department', title: 'Department' });
const DepartmentNode = Type.Object(
  { ...departmentFields, children: Type.Array(Type.Ref('DepartmentNode')) },
  { $id: 'DepartmentNode', title: 'DepartmentNode' },
);

const Role = Type.Object(
  { id: Type.String(), code: Type.String(), name: Type.String(), description: Type.String() },
  { $id: 'Role', title: 'Role' },
);

const NullableDate = Type.Union([Type.String({ format: 'date-time' }), Type.Null()]);
const ApiToken = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    prefix: Type.String({ description: 'The first characters of the secret, to tell tokens apart' }),
    createdAt: Type.String({ format: 'date-time' }),
    expiresAt: NullableDate,
    revokedAt: NullableDate,
    lastUsedAt: NullableDate,
  },
  { $id: 'ApiToken', title: 'ApiToken' },
);

const Workspace = Type.Object(
  { id: Type.String(), name: Type.String() },
  { $id: 'Workspace', title: 'Workspace' },
);

const LabelSchema = Type.Object(
  { zh: Type.String({ maxLength: 200 }), en: Type.String({ maxLength: 200 }) },
  { $id: 'Label', title: 'Label', additionalProperties: false },
);

const App = Type.Object(
  {
    id: Type.String(),
    name: Type.Ref('Label'),
    icon: Type.Union([Type.String(), Type.Null()]),
    sort: Type.Integer(),
  },
  { $id: 'App', title: 'App' },
);

const FormDefinition = Type.Object(
  {
    id: Type.String(),
    app: Type.String(),
    title: Type.Ref('Label'),
    fields: Type.Array(
      Type.Object({ id: Type.String(), type: Type.String() }, { additionalProperties: true }),
    ),
  },
  {
    $id: 'FormDefinition',
    title: 'FormDefinition',
    additionalProperties: true,
    description: 'A form as JSON metadata; the full meta-schema is GET /api/meta/form-schema',
  },
);

const Form = Type.Object(
  {
    id: Type.String(),
    appId: Type.String(),
    draft: Type.Ref('FormDefinition'),
    publishedVersion: Type.Union([Type.Integer(), Type.Null()]),
  },
  { $id: 'Form', title: 'Form' },
);

const RecordSchema = Type.Object(
  {
    id: Type.String(),
    formId: Type.String(),
    formVersion: Type.Integer(),
    rev: Type.Integer({ description: 'Send it back with an update; a stale one is a 409' }),
    data: Type.Record(Type.String(), Type.Unknown(), { description: 'Values keyed by field id' }),
    ownerId: Type.Union([Type.String(), Type.Null()]),
    deptId: Type.Union([Type.String(), Type.Null()]),
    flowState: Type.Union([Type.String(), Type.Null()]),
    unconverted: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
    createdAt: Type.String({ format: 'date-time' }),
    createdBy: Type.Union([Type.String(), Type.Null()]),
    updatedAt: Type.String({ format: 'date-time' }),
    updatedBy: Type.Union([Type.String(), Type.Null()]),
  },
  { $id: 'Record', title: 'Record' },
);

/** Named shapes, registered once with app.addSchema and referenced by name (they become OpenAPI components). */
export const SHARED_SCHEMAS = [
  ErrorResponse,
  User,
  Department,
  DepartmentNode,
  Role,
  ApiToken,
  Workspace,
  LabelSchema,
  App,
  FormDefinition,
  Form,
  RecordSchema,
];

export const Ref = {
  User: Type.Ref('User'),
  Department: Type.Ref('Department'),
  DepartmentNode: Type.Ref('DepartmentNode'),
  Role: Type.Ref('Role'),
  ApiToken: Type.Ref('ApiToken'),
  Workspace: Type.Ref('Workspace'),
  Label: Type.Ref('Label'),
  App: Type.Ref('App'),
  FormDefinition: Type.Ref('FormDefinition'),
  Form: Type.Ref('Form'),
  Record: Type.Ref('Record'),
} as const;
