import type { Generated } from 'kysely';
import type { Json, Timestamp } from './column-types';

/** The automations' tables (migration 0015). */
export interface AutomationsTable {
  id: string;
  workspace_id: string;
  form_id: string;
  definition: Json<unknown>;
  enabled: Generated<boolean>;
  version: Generated<number>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AutomationRunsTable {
  id: Generated<string>;
  workspace_id: string;
  automation_id: string;
  automation_version: number;
  form_id: string;
  record_id: string;
  trigger: string;
  event_key: string;
  status: 'done' | 'failed' | 'stopped';
  depth: number;
  chain: Json<unknown>;
  inputs: Json<unknown>;
  results: Json<unknown>;
  error: Json<unknown> | null;
  started_at: Timestamp;
  ended_at: Timestamp;
}
