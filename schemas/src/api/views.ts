import { type Static, Type } from 'typebox';
import { closed, DateTime, Label, Nullable } from './common';

// The query's inner shape (conditions nest) is checked by the engine, which names each bad part (422).
const ViewQuery = Type.Record(Type.String(), Type.Unknown(), {
  description:
    'A record query: { filter, sort, search } as for POST /api/forms/{formId}/records/query (no cursor)',
});

export const ViewColumn = Type.Object(
  {
    field: Type.String({
      minLength: 1,
      maxLength: 64,
      description: 'A field id or a record column (_created_at…)',
    }),
    width: Type.Optional(Type.Integer({ minimum: 20, maximum: 2000, description: 'Pixels' })),
  },
  { additionalProperties: false },
);
export type ViewColumn = Static<typeof ViewColumn>;
const Columns = Type.Array(ViewColumn, { maxItems: 200 });
const Sort = Type.Integer({ minimum: -1_000_000, maximum: 1_000_000, description: 'Position in the list' });

/** A saved view: a record query (filter, sort, search) and the columns to show. */
export const SavedView = Type.Object(
  {
    id: Type.String(),
    formId: Type.String(),
    name: Label,
    shared: Type.Boolean({ description: 'Seen by everyone, managed by admins; else only its owner sees it' }),
    ownerId: Nullable(Type.String()),
    query: ViewQuery,
    columns: Type.Array(ViewColumn),
    sort: Type.Integer(),
    createdAt: DateTime(),
    updatedAt: DateTime(),
  },
  { title: 'View' },
);
export type SavedView = Static<typeof SavedView>;

export const NewView = closed(
  {
    name: Label,
    shared: Type.Optional(Type.Boolean()),
    query: Type.Optional(ViewQuery),
    columns: Type.Optional(Columns),
    sort: Type.Optional(Sort),
  },
  'NewView',
);
export type NewView = Static<typeof NewView>;

/** Whether a view is shared or personal is fixed when it is made. */
export const ViewUpdate = closed(
  {
    name: Type.Optional(Label),
    query: Type.Optional(ViewQuery),
    columns: Type.Optional(Columns),
    sort: Type.Optional(Sort),
  },
  'ViewUpdate',
);
export type ViewUpdate = Static<typeof ViewUpdate>;
