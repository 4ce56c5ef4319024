import { type Static, Type } from 'typebox';
import { DateTime, Nullable } from './common';

/** An in-app notification: a new task, a return, a copy, a reminder, an outcome. */
export const Notification = Type.Object(
  {
    id: Type.String(),
    kind: Type.String({ description: 'task.new, task.cc, task.urged, task.reminder, instance.approved, …' }),
    instanceId: Nullable(Type.String()),
    taskId: Nullable(Type.String()),
    details: Type.Record(Type.String(), Type.Unknown()),
    read: Type.Boolean(),
    createdAt: DateTime(),
  },
  { title: 'Notification' },
);
export type Notification = Static<typeof Notification>;
