import { type Static, Type } from 'typebox';
import { closed, Data, DateTime, Label, Nullable, Person } from './common';

export const InboxBox = Type.Union([
  Type.Literal('todo'),
  Type.Literal('done'),
  Type.Literal('initiated'),
  Type.Literal('cc'),
]);
export type InboxBox = Static<typeof InboxBox>;

export const TaskKind = Type.Union([Type.Literal('approval'), Type.Literal('fill'), Type.Literal('cc')]);
export type TaskKind = Static<typeof TaskKind>;

/** One line of the inbox: a task of mine, or (initiated box) an approval I submitted. */
export const InboxItem = Type.Object(
  {
    taskId: Nullable(Type.String()),
    instanceId: Type.String(),
    formId: Type.String(),
    recordId: Type.String(),
    nodeId: Nullable(Type.String()),
    nodeLabel: Nullable(Label),
    kind: Nullable(TaskKind),
    taskStatus: Nullable(Type.String()),
    instanceStatus: Type.String(),
    submitter: Nullable(Person),
    title: Nullable(Type.String(), {
      description: "The record's first text-like field the viewer may read there; null when none",
    }),
    submittedAt: DateTime('When the approval was submitted (the instance started)'),
    createdAt: DateTime(),
    actedAt: Nullable(DateTime()),
    dueAt: Nullable(DateTime()),
  },
  { title: 'InboxItem' },
);
export type InboxItem = Static<typeof InboxItem>;

/** `GET /api/tasks`: a keyset page of one box, newest first. */
export const InboxPage = Type.Object({
  items: Type.Array(InboxItem),
  next: Nullable(Type.String(), { description: 'Pass as cursor for the next page; null on the last' }),
});
export type InboxPage = Static<typeof InboxPage>;

/** `GET /api/tasks/counts`: how many items wait, for the badges. */
export const InboxCounts = Type.Object({
  todo: Type.Integer(),
  cc: Type.Integer(),
  initiated: Type.Integer(),
});
export type InboxCounts = Static<typeof InboxCounts>;

export const FieldPermission = Type.Union([
  Type.Literal('read'),
  Type.Literal('edit'),
  Type.Literal('required'),
]);
export type FieldPermission = Static<typeof FieldPermission>;

/** A passed step a task may be returned to. */
export const ReturnTarget = Type.Object({
  nodeId: Type.String(),
  label: Nullable(Label),
  type: Type.Union([Type.Literal('start'), Type.Literal('approval'), Type.Literal('fill')]),
});
export type ReturnTarget = Static<typeof ReturnTarget>;

/** `GET /api/tasks/:taskId`: a task with its record as the task's node shows it (hidden fields left out). */
export const TaskView = Type.Object(
  {
    task: Type.Object({
      id: Type.String(),
      nodeId: Type.String(),
      kind: TaskKind,
      status: Type.String(),
      dueAt: Nullable(DateTime()),
      createdAt: DateTime(),
    }),
    node: Type.Object(
      { label: Nullable(Label), requireComment: Type.Boolean(), requireSignature: Type.Boolean() },
      { description: 'The node as the task page shows it: whether acting needs a comment or a signature' },
    ),
    instance: Type.Object({
      id: Type.String(),
      status: Type.String(),
      formId: Type.String(),
      recordId: Type.String(),
      submitterId: Nullable(Type.String()),
    }),
    record: Type.Object(
      { id: Type.String(), rev: Type.Integer(), data: Data },
      { description: 'The record as the node shows it: hidden fields left out' },
    ),
    fields: Type.Record(Type.String(), FieldPermission, { description: "Each shown field's permission" }),
    actions: Type.Array(Type.String(), { description: 'What the node offers now; empty once handled' }),
    returnTargets: Type.Array(ReturnTarget, {
      description: 'Where `return` may send the record, nearest first (empty unless return is offered)',
    }),
    title: Nullable(Type.String(), { description: "The record's title as the inbox shows it" }),
    submitter: Nullable(Person),
    submittedAt: DateTime(),
  },
  { title: 'TaskView' },
);
export type TaskView = Static<typeof TaskView>;

const Comment = Type.Optional(Type.String({ maxLength: 2000 }));
const UserId = Type.String({ minLength: 1, maxLength: 64 });
const SignatureFileId = Type.Optional(Type.String({ maxLength: 64 }));

/** `POST /api/tasks/:taskId/actions`: one shape per action, so a wrong field is a 400 with its path. */
export const TaskAction = Type.Union(
  [
    closed({
      action: Type.Literal('approve'),
      comment: Comment,
      signatureFileId: SignatureFileId,
      data: Type.Optional(Data),
      chosen: Type.Optional(Type.Array(UserId, { maxItems: 20 })),
    }),
    closed({ action: Type.Literal('reject'), comment: Comment, signatureFileId: SignatureFileId }),
    closed({
      action: Type.Literal('return'),
      to: Type.Optional(
        Type.String({ maxLength: 64, description: 'A passed node; default the previous one' }),
      ),
      resume: Type.Optional(Type.Union([Type.Literal('normal'), Type.Literal('direct')])),
      comment: Comment,
    }),
    closed({ action: Type.Literal('transfer'), to: UserId, comment: Comment }),
    closed({
      action: Type.Literal('addSigner'),
      to: UserId,
      where: Type.Union([Type.Literal('before'), Type.Literal('after'), Type.Literal('parallel')]),
      comment: Comment,
    }),
    closed({ action: Type.Literal('saveDraft'), data: Data }),
    closed({ action: Type.Literal('read') }),
  ],
  { title: 'TaskAction' },
);
export type TaskAction = Static<typeof TaskAction>;

export const TaskActionResult = Type.Object({
  taskId: Type.String(),
  instanceId: Type.String(),
  instanceStatus: Type.String(),
});
export type TaskActionResult = Static<typeof TaskActionResult>;

export const BatchApprove = closed(
  {
    taskIds: Type.Array(Type.String({ maxLength: 64 }), { minItems: 1, maxItems: 100, uniqueItems: true }),
    comment: Comment,
  },
  'BatchApprove',
);
export type BatchApprove = Static<typeof BatchApprove>;

/** Which tasks went through, and why others did not. */
export const BatchApproveResult = Type.Object({
  results: Type.Array(
    Type.Object({
      taskId: Type.String(),
      ok: Type.Boolean(),
      error: Type.Optional(Type.Object({ code: Type.String(), message: Type.String() })),
    }),
  ),
});
export type BatchApproveResult = Static<typeof BatchApproveResult>;
