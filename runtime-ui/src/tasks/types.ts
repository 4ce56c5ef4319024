import type { Label, TaskView } from '../api/types';

/** `GET /api/tasks/:taskId` with the node as the task page shows it. */
export interface TaskPageView extends TaskView {
  node: { label: Label | null; requireComment: boolean; requireSignature: boolean };
  /** The passed steps a return may go to, nearest first. */
  returnTargets: { nodeId: string; label: Label | null; type: 'start' | 'approval' | 'fill' }[];
  /** The record's title as the inbox shows it (null when the first readable text field is empty). */
  title: string | null;
  submitter: { id: string; name: string } | null;
  submittedAt: string;
}

/** `GET /api/directory/users` (docs/api.md): whom a people picker offers. */
export interface DirectoryPerson {
  id: string;
  name: string;
  active: boolean;
  departments: { id: string; name: string }[];
}
