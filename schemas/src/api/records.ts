import { type Static, Type } from 'typebox';
import { closed, DateTime, Label, Nullable, Person } from './common';

/** A record as the API shows it. */
export const RecordView = Type.Object(
  {
    id: Type.String(),
    formId: Type.String(),
    formVersion: Type.Integer(),
    rev: Type.Integer({ description: 'Send it back with an update; a stale one is a 409' }),
    data: Type.Record(Type.String(), Type.Unknown(), { description: 'Values keyed by field id' }),
    ownerId: Nullable(Type.String()),
    deptId: Nullable(Type.String()),
    flowState: Nullable(Type.String()),
    unconverted: Nullable(
      Type.Record(Type.String(), Type.Object({ type: Type.String(), value: Type.Unknown() }), {
        description: 'Values a field type change could not convert, kept for people to fix',
      }),
    ),
    createdAt: DateTime(),
    createdBy: Nullable(Type.String()),
    updatedAt: DateTime(),
    updatedBy: Nullable(Type.String()),
  },
  { title: 'Record' },
);
export type RecordView = Static<typeof RecordView>;

/** A keyset page of records: pass `next` as `cursor` for the next one. */
export const RecordPage = Type.Object({
  records: Type.Array(RecordView),
  next: Nullable(Type.String()),
  count: Type.Optional(
    Type.Object(
      { value: Type.Integer(), capped: Type.Boolean() },
      { description: 'When asked for: how many match, counted up to a cap' },
    ),
  ),
});
export type RecordPage = Static<typeof RecordPage>;

const RecordData = Type.Record(Type.String(), Type.Unknown(), {
  description: 'Field values keyed by field id; computed and unknown keys are ignored',
});
export const NewRecord = closed({ data: RecordData }, 'NewRecord');
export type NewRecord = Static<typeof NewRecord>;
export const RecordUpdate = closed({ rev: Type.Integer({ minimum: 1 }), data: RecordData }, 'RecordUpdate');
export type RecordUpdate = Static<typeof RecordUpdate>;

/** One changed field of a history entry, described with the form as it is now. */
export const FieldChange = Type.Object({
  fieldId: Type.String(),
  label: Label,
  type: Nullable(Type.String(), { description: 'The field type now' }),
  hidden: Type.Boolean({ description: 'The field was deleted or hidden from the form' }),
  before: Type.Unknown(),
  after: Type.Unknown(),
  typeChange: Type.Optional(
    Type.Object(
      { from: Type.String(), to: Type.String() },
      { description: "On 'convert' entries: the field type changed when a version was published" },
    ),
  ),
});
export type FieldChange = Static<typeof FieldChange>;

/** `GET …/records/:recordId/history`: one write, with a before/after per changed field. */
export const HistoryEntry = Type.Object({
  id: Type.String(),
  rev: Type.Integer({ description: 'The record revision this write produced' }),
  action: Type.Union([
    Type.Literal('create'),
    Type.Literal('update'),
    Type.Literal('delete'),
    Type.Literal('restore'),
    Type.Literal('convert'),
    Type.Literal('purge'),
  ]),
  at: DateTime(),
  via: Type.String({ description: 'api, import, workflow, automation or system' }),
  actor: Nullable(Person),
  changes: Type.Array(FieldChange),
});
export type HistoryEntry = Static<typeof HistoryEntry>;

/** `GET …/records/:recordId/comments`: one comment. */
export const RecordComment = Type.Object({
  id: Type.String(),
  recordId: Type.String(),
  author: Person,
  body: Type.String(),
  mentions: Type.Array(Person),
  createdAt: DateTime(),
  mine: Type.Boolean({ description: 'Written by the reader, who may delete it' }),
});
export type RecordComment = Static<typeof RecordComment>;

export const NewComment = closed(
  {
    body: Type.String({ minLength: 1, maxLength: 2000 }),
    mentions: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 20 })),
  },
  'NewComment',
);
export type NewComment = Static<typeof NewComment>;

export const RecordAction = Type.Union([
  Type.Literal('edit'),
  Type.Literal('delete'),
  Type.Literal('print'),
  Type.Literal('submit'),
  Type.Literal('withdraw'),
  Type.Literal('urge'),
]);
export type RecordAction = Static<typeof RecordAction>;

/** `GET …/records/:recordId/approvals`: the record's approvals, newest first, and what the reader may do. */
export const RecordApprovals = Type.Object({
  approvals: Type.Array(
    Type.Object({
      id: Type.String(),
      status: Type.String(),
      version: Type.Integer(),
      submitter: Nullable(Person),
      startedAt: DateTime(),
      endedAt: Nullable(DateTime()),
    }),
  ),
  actions: Type.Array(RecordAction),
});
export type RecordApprovals = Static<typeof RecordApprovals>;

/** `GET /api/forms/:formId/recycle-bin`: a deleted record, and who deleted it when. */
export const DeletedRecord = Type.Object({
  record: RecordView,
  deletedAt: DateTime(),
  deletedBy: Nullable(Person, { description: "From the record's 'delete' history row" }),
});
export type DeletedRecord = Static<typeof DeletedRecord>;

export const DeletedRecordPage = Type.Object({
  records: Type.Array(DeletedRecord),
  next: Nullable(Type.String()),
});
export type DeletedRecordPage = Static<typeof DeletedRecordPage>;
