import type { ColumnType, Generated } from 'kysely';
import type { Json, NullableTimestamp, Timestamp } from './column-types';

/** The workflow's tables (migration 0007): flows, versions, instances, node runs, tasks, events, notifications. */
export interface WorkflowsTable {
  id: string;
  workspace_id: string;
  form_id: string;
  draft: Json<unknown>;
  published_version: number | null;
  enabled: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface WorkflowVersionsTable {
  workspace_id: string;
  workflow_id: string;
  version: number;
  definition: ColumnType<unknown, string, never>;
  published_by: string | null;
  published_at: Timestamp;
}

export type InstanceStatus = 'running' | 'approved' | 'rejected' | 'withdrawn' | 'ended';

export interface FlowInstancesTable {
  id: string;
  workspace_id: string;
  workflow_id: string;
  version: number;
  form_id: string;
  record_id: string;
  status: InstanceStatus;
  submitter_id: string | null;
  dedup_key: string | null;
  rev: Generated<number>;
  /** Set on an instance a sub-flow node started: its end may let the parent go on. */
  parent_instance_id: Generated<string | null>;
  parent_node_run_id: Generated<string | null>;
  started_at: Timestamp;
  ended_at: NullableTimestamp;
}

/** `failed`: an action node whose automatic action failed for good; an admin retries or skips it. */
export type NodeRunStatus = 'active' | 'done' | 'rejected' | 'returned' | 'skipped' | 'cancelled' | 'failed';

export interface FlowNodeRunsTable {
  id: string;
  workspace_id: string;
  instance_id: string;
  node_id: string;
  status: NodeRunStatus;
  seq: number;
  return_to: string | null;
  started_at: Timestamp;
  ended_at: NullableTimestamp;
}

export type TaskStatus =
  | 'waiting'
  | 'pending'
  | 'approved'
  | 'rejected'
  | 'returned'
  | 'transferred'
  | 'skipped'
  | 'cancelled'
  | 'read';

export interface FlowTasksTable {
  id: string;
  workspace_id: string;
  instance_id: string;
  node_run_id: string;
  node_id: string;
  kind: 'approval' | 'fill' | 'cc';
  assignee_id: string;
  status: TaskStatus;
  position: Generated<number>;
  origin: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  due_at: NullableTimestamp;
  comment: string | null;
  signature_file_id: string | null;
  acted_at: NullableTimestamp;
  acted_by: string | null;
  created_at: Timestamp;
}

export interface FlowEventsTable {
  id: Generated<string>;
  workspace_id: string;
  instance_id: string;
  node_id: string | null;
  task_id: string | null;
  actor_id: string | null;
  action: string;
  comment: string | null;
  details: ColumnType<Record<string, unknown>, string | undefined, never>;
  at: Timestamp;
}

export interface NotificationsTable {
  id: Generated<string>;
  workspace_id: string;
  user_id: string;
  kind: string;
  instance_id: string | null;
  task_id: string | null;
  details: ColumnType<Record<string, unknown>, string | undefined, never>;
  read_at: NullableTimestamp;
  created_at: Timestamp;
}
