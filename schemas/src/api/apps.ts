import { type Static, Type } from 'typebox';
import type { FieldDef } from '../fields/contract';
import { PERMISSION_ACTIONS } from './access-names';
import { closed, DateTime, FormDefinition, Label, Nullable } from './common';

export const App = Type.Object(
  { id: Type.String(), name: Label, icon: Nullable(Type.String()), sort: Type.Integer() },
  { title: 'App' },
);
export type App = Static<typeof App>;

/** A form: its working draft and the version records are written with (null until first published). */
export const Form = Type.Object(
  {
    id: Type.String(),
    appId: Type.String(),
    draft: FormDefinition,
    publishedVersion: Nullable(Type.Integer()),
  },
  { title: 'Form' },
);
export type Form = Static<typeof Form>;

/** `GET /api/apps/:appId`. */
export const VisibleApp = Type.Object({
  app: App,
  forms: Type.Array(Form),
  manages: Type.Boolean({ description: 'May build the app’s forms (then drafts are listed too)' }),
});
export type VisibleApp = Static<typeof VisibleApp>;

/** `GET /api/forms/:formId`: the published definition is what records are written with. */
export const VisibleForm = Type.Object({
  form: Form,
  published: Nullable(FormDefinition, {
    description: "Only the fields the reader's permission sets show or let them fill (admins: all)",
  }),
  actions: Type.Array(Type.Enum(PERMISSION_ACTIONS), {
    description: 'What the reader may do on its records',
  }),
  manages: Type.Boolean({ description: 'May change the form, its permission sets and links' }),
  hasFlow: Type.Boolean({ description: 'Saved records can be submitted to a published approval flow' }),
});
export type VisibleForm = Static<typeof VisibleForm>;

/** `GET /api/forms/:formId/versions`: one published version. */
export const FormVersionSummary = Type.Object({
  version: Type.Integer(),
  publishedAt: DateTime(),
  publishedBy: Nullable(Type.String()),
  records: Type.Integer({ description: 'Live records last written with this version' }),
});
export type FormVersionSummary = Static<typeof FormVersionSummary>;

/** `POST /api/forms/:formId/publish`: what publishing changed, and values that did not convert. */
export const PublishSummary = Type.Object({
  version: Type.Integer(),
  added: Type.Array(Type.String()),
  renamed: Type.Array(Type.Object({ fieldId: Type.String(), from: Type.String(), to: Type.String() })),
  hidden: Type.Array(Type.String()),
  typeChanges: Type.Array(
    Type.Object({
      fieldId: Type.String(),
      from: Type.String(),
      to: Type.String(),
      converted: Type.Integer(),
      failed: Type.Array(
        Type.Object({ recordId: Type.String(), value: Type.Unknown(), message: Type.String() }),
      ),
    }),
  ),
});
export type PublishSummary = Static<typeof PublishSummary>;

const AppId = Type.String({ pattern: '^[a-z]{2,10}_[0-9a-z_]{2,40}$' });
const Icon = Type.String({ maxLength: 40 });
const Sort = Type.Integer({ minimum: 0, maximum: 100_000 });

export const NewApp = closed(
  { id: Type.Optional(AppId), name: Label, icon: Type.Optional(Icon), sort: Type.Optional(Sort) },
  'NewApp',
);
export type NewApp = Static<typeof NewApp>;

export const AppUpdate = closed(
  { name: Type.Optional(Label), icon: Type.Optional(Nullable(Icon)), sort: Type.Optional(Sort) },
  'AppUpdate',
);
export type AppUpdate = Static<typeof AppUpdate>;

export const NewForm = closed(
  {
    id: Type.Optional(AppId),
    title: Label,
    description: Type.Optional(Label),
    fields: Type.Optional(
      // Each field is checked by the engine against the form meta-schema (422 with its path).
      Type.Unsafe<FieldDef[]>(Type.Array(Type.Object({}, { additionalProperties: true }), { maxItems: 500 })),
    ),
  },
  'NewForm',
);
export type NewForm = Static<typeof NewForm>;
