import type { ColumnType, Generated, Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type {
  ApiTokensTable,
  DepartmentMembersTable,
  DepartmentsTable,
  InstanceSecretsTable,
  LoginThrottleTable,
  RoleMembersTable,
  RolesTable,
  SessionsTable,
  UsersTable,
  WorkspacesTable,
} from './account-tables';
import type { AutomationRunsTable, AutomationsTable } from './automation-tables';
import type { NullableTimestamp, Timestamp } from './column-types';
import type {
  FlowEventsTable,
  FlowInstancesTable,
  FlowNodeRunsTable,
  FlowTasksTable,
  NotificationsTable,
  WorkflowsTable,
  WorkflowVersionsTable,
} from './workflow-tables';

/** Timestamps come back as Date and may be written as Date or ISO text. */
/** A bilingual label as stored: `{ zh, en }`. */
export interface LabelJson {
  zh: string;
  en: string;
}

export interface AppsTable {
  id: string;
  workspace_id: string;
  name: ColumnType<LabelJson, string, string>;
  icon: string | null;
  sort: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface FormsTable {
  id: string;
  workspace_id: string;
  app_id: string;
  /** The working definition an admin edits; published versions are immutable copies. */
  draft: ColumnType<unknown, string, string>;
  published_version: number | null;
  sort: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
  deleted_at: NullableTimestamp;
}

export interface FormVersionsTable {
  workspace_id: string;
  form_id: string;
  version: number;
  definition: ColumnType<unknown, string, never>;
  published_by: string | null;
  published_at: Timestamp;
}

export interface RecordsTable {
  id: string;
  workspace_id: string;
  form_id: string;
  form_version: number;
  data: ColumnType<Record<string, unknown>, string, string>;
  owner_id: string | null;
  dept_id: string | null;
  flow_state: string | null;
  unconverted: ColumnType<
    Record<string, { type: string; value: unknown }> | null,
    string | null,
    string | null
  >;
  rev: Generated<number>;
  created_by: string | null;
  updated_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  deleted_at: NullableTimestamp;
  /** The public link's channel tag, for records that came in through one. */
  channel: Generated<string | null>;
}

export interface RecordLinksTable {
  workspace_id: string;
  from_record: string;
  field_id: string;
  row_id: Generated<string>;
  to_record: string;
}

export interface RecordHistoryTable {
  id: Generated<string>;
  workspace_id: string;
  record_id: string;
  form_id: string;
  rev: number;
  action: 'create' | 'update' | 'delete' | 'restore' | 'convert' | 'purge';
  actor_id: string | null;
  via: string;
  changes: ColumnType<unknown, string, never>;
  at: Timestamp;
}

/** Comments beside a record (migration 0009). */
export interface RecordCommentsTable {
  id: string;
  workspace_id: string;
  form_id: string;
  record_id: string;
  author_id: string;
  body: string;
  mentions: ColumnType<string[], string | undefined, never>;
  created_at: Timestamp;
}

export interface SerialCountersTable {
  workspace_id: string;
  form_id: string;
  field_id: string;
  period: string;
  value: ColumnType<string, number | string, number | string>;
}

export interface FilesTable {
  id: string;
  workspace_id: string;
  name: string;
  mime: string;
  size: ColumnType<string, number, never>;
  sha256: string;
  created_by: string | null;
  created_at: Timestamp;
}

/** Which record field references which file: the index read access to a file is decided by. */
export interface RecordFilesTable {
  workspace_id: string;
  record_id: string;
  field_id: string;
  file_id: string;
}

export interface JobsTable {
  id: Generated<string>;
  workspace_id: string;
  kind: string;
  payload: ColumnType<unknown, string, string>;
  run_at: Timestamp;
  status: Generated<'pending' | 'running' | 'done' | 'failed'>;
  attempts: Generated<number>;
  locked_until: NullableTimestamp;
  dedup_key: string | null;
  last_error: string | null;
  created_at: Timestamp;
}

/** A saved view of a form: a record query and the columns to show; `owner_id` null means shared. */
export interface ViewsTable {
  id: string;
  workspace_id: string;
  form_id: string;
  name: ColumnType<LabelJson, string, string>;
  owner_id: string | null;
  query: ColumnType<Record<string, unknown>, string, string>;
  columns: ColumnType<{ field: string; width?: number }[], string, string>;
  sort: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type ImportStatus = 'pending' | 'dry_run_done' | 'running' | 'done' | 'failed';

/** A record import: the uploaded file, how far processing got, and its report. */
export interface ImportsTable {
  id: string;
  workspace_id: string;
  form_id: string;
  created_by: string | null;
  status: Generated<ImportStatus>;
  mode: 'dryRun' | 'commit';
  file_name: string;
  format: 'xlsx' | 'csv';
  /** `{ "<column index>": fieldId }` */
  mapping: ColumnType<Record<string, string>, string, string>;
  upsert_by: string | null;
  total_rows: Generated<number>;
  processed_rows: Generated<number>;
  error_count: Generated<number>;
  report: ColumnType<unknown, string | null | undefined, string | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AppRolesTable {
  workspace_id: string;
  app_id: string;
  subject_type: SubjectType;
  subject_id: string;
  role: 'admin' | 'member';
}

export type SubjectType = 'user' | 'department' | 'role';

type Json<T> = ColumnType<T, string, string>;

export interface PermissionSetsTable {
  id: string;
  workspace_id: string;
  form_id: string;
  name: string;
  preset: string | null;
  actions: Json<string[]>;
  read_fields: ColumnType<string[] | null, string | null, string | null>;
  write_fields: ColumnType<string[] | null, string | null, string | null>;
  scope: Json<Record<string, unknown>>;
  assignees: Json<{ users: string[]; departments: string[]; roles: string[] }>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PublicLinksTable {
  id: string;
  workspace_id: string;
  form_id: string;
  kind: 'fill' | 'query';
  token: string;
  name: string;
  password_hash: string | null;
  expires_at: NullableTimestamp;
  disabled_at: NullableTimestamp;
  channel: string | null;
  rate_limit: Generated<number>;
  query_fields: ColumnType<string[], string | undefined, string>;
  result_fields: ColumnType<string[], string | undefined, string>;
  /** Fill links: the top-level fields the link shows and accepts. */
  fill_fields: ColumnType<string[], string | undefined, string>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AuditLogTable {
  id: Generated<string>;
  workspace_id: string;
  at: Timestamp;
  actor_id: string | null;
  via: string;
  token_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  details: ColumnType<Record<string, unknown>, string | undefined, never>;
  ip: string | null;
}

/** A package installed into a workspace: its version and the map from its ids to the workspace's. */
export interface InstalledPackagesTable {
  workspace_id: string;
  package_id: string;
  version: string;
  id_map: ColumnType<PackageIdMapJson, string, string>;
  installed_by: string | null;
  installed_at: Timestamp;
}

/** Package id → workspace id, per kind of thing. */
export interface PackageIdMapJson {
  apps: Record<string, string>;
  forms: Record<string, string>;
  views: Record<string, string>;
  workflows: Record<string, string>;
}

export interface Database {
  automations: AutomationsTable;
  automation_runs: AutomationRunsTable;
  installed_packages: InstalledPackagesTable;
  login_throttle: LoginThrottleTable;
  workflows: WorkflowsTable;
  workflow_versions: WorkflowVersionsTable;
  flow_instances: FlowInstancesTable;
  flow_node_runs: FlowNodeRunsTable;
  flow_tasks: FlowTasksTable;
  flow_events: FlowEventsTable;
  notifications: NotificationsTable;
  app_roles: AppRolesTable;
  permission_sets: PermissionSetsTable;
  public_links: PublicLinksTable;
  audit_log: AuditLogTable;
  apps: AppsTable;
  forms: FormsTable;
  form_versions: FormVersionsTable;
  records: RecordsTable;
  record_links: RecordLinksTable;
  record_history: RecordHistoryTable;
  record_comments: RecordCommentsTable;
  serial_counters: SerialCountersTable;
  files: FilesTable;
  record_files: RecordFilesTable;
  jobs: JobsTable;
  views: ViewsTable;
  instance_secrets: InstanceSecretsTable;
  workspaces: WorkspacesTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  departments: DepartmentsTable;
  roles: RolesTable;
  department_members: DepartmentMembersTable;
  role_members: RoleMembersTable;
  imports: ImportsTable;
}

/** What every engine service takes: the database or an open transaction, never a hidden global. */
export type Executor = Kysely<Database> | Transaction<Database>;

export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type Department = Selectable<DepartmentsTable>;
export type Role = Selectable<RolesTable>;

export type * from './account-tables';
export type * from './automation-tables';
export type * from './workflow-tables';
