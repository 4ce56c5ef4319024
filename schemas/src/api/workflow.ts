import { type Static, Type } from 'typebox';
import { closed, DateTime, Label, Nullable, Person, WorkflowDefinition } from './common';

/** A form's flow as admins edit it: the draft, and which version new submissions run. */
export const WorkflowView = Type.Object({
  id: Type.String(),
  formId: Type.String(),
  draft: WorkflowDefinition,
  publishedVersion: Nullable(Type.Integer()),
  enabled: Type.Boolean(),
});
export type WorkflowView = Static<typeof WorkflowView>;

/** One published version of a flow, with the instances it started and still runs. */
export const WorkflowVersionSummary = Type.Object({
  version: Type.Integer(),
  publishedAt: DateTime(),
  publishedBy: Nullable(Person),
  running: Type.Integer({ description: 'Instances still running on this version' }),
  instances: Type.Integer({ description: 'Instances ever started on this version' }),
});
export type WorkflowVersionSummary = Static<typeof WorkflowVersionSummary>;

export const Submitted = Type.Object({ instanceId: Type.String() });
export type Submitted = Static<typeof Submitted>;

/** An automatic action that failed for good and waits for an admin to retry or skip it. */
export const TimelineFailure = Type.Object(
  {
    nodeId: Type.String(),
    nodeLabel: Nullable(Label),
    index: Type.Integer({ description: "The action's place in the node" }),
    action: Nullable(Type.String()),
    attempts: Type.Integer(),
    error: Type.Object({
      code: Type.String({ description: 'Stable code, e.g. outbound.network, outbound.status' }),
      params: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()])),
      message: Type.String(),
    }),
    at: DateTime(),
    canResolve: Type.Boolean({ description: 'Whether the reader may retry or skip it' }),
  },
  { description: 'An automatic action that failed for good and waits for an admin' },
);
export type TimelineFailure = Static<typeof TimelineFailure>;

export const TimelineEntry = Type.Object({
  at: DateTime(),
  action: Type.String(),
  nodeId: Nullable(Type.String()),
  nodeLabel: Nullable(Label),
  taskId: Nullable(Type.String()),
  actor: Nullable(Person),
  comment: Nullable(Type.String()),
  details: Type.Record(Type.String(), Type.Unknown()),
});
export type TimelineEntry = Static<typeof TimelineEntry>;

/** `GET /api/instances/:instanceId`: an approval's timeline. */
export const Timeline = Type.Object({
  instance: Type.Object({
    id: Type.String(),
    status: Type.String(),
    formId: Type.String(),
    recordId: Type.String(),
    version: Type.Integer(),
    failure: Nullable(TimelineFailure),
  }),
  entries: Type.Array(TimelineEntry),
});
export type Timeline = Static<typeof Timeline>;

const Comment = Type.Optional(Type.String({ maxLength: 2000 }));
export const InstanceEnd = closed({ comment: Comment }, 'InstanceEnd');
export type InstanceEnd = Static<typeof InstanceEnd>;
export const InstanceReactivate = closed(
  { nodeId: Type.String({ minLength: 1, maxLength: 64 }) },
  'InstanceReactivate',
);
export type InstanceReactivate = Static<typeof InstanceReactivate>;
