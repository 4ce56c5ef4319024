import type { ColumnType, Generated, Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';

/** Timestamps come back as Date and may be written as Date or ISO text. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface WorkspacesTable {
  id: string;
  workspace_id: string;
  name: string;
  created_at: Timestamp;
}

export interface UsersTable {
  id: string;
  workspace_id: string;
  email: string;
  name: string;
  password_hash: string;
  is_admin: Generated<boolean>;
  status: Generated<'active' | 'disabled'>;
  failed_logins: Generated<number>;
  locked_until: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SessionsTable {
  /** sha256 of the cookie value: a database leak yields no usable session. */
  id: string;
  workspace_id: string;
  user_id: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: NullableTimestamp;
}

export interface ApiTokensTable {
  id: string;
  workspace_id: string;
  user_id: string;
  name: string;
  /** sha256 of the secret; the secret itself is shown once and never stored. */
  token_hash: string;
  /** First characters of the secret, so people can tell their tokens apart. */
  prefix: string;
  created_at: Timestamp;
  expires_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
  last_used_at: NullableTimestamp;
}

export type DepartmentKind = 'group' | 'store' | 'department';

export interface DepartmentsTable {
  id: string;
  workspace_id: string;
  parent_id: string | null;
  name: string;
  kind: DepartmentKind;
  code: string | null;
  head_user_id: string | null;
  sort: Generated<number>;
  created_at: Timestamp;
}

export interface RolesTable {
  id: string;
  workspace_id: string;
  code: string;
  name: string;
  description: Generated<string>;
  created_at: Timestamp;
}

export interface DepartmentMembersTable {
  workspace_id: string;
  department_id: string;
  user_id: string;
  is_primary: Generated<boolean>;
}

export interface RoleMembersTable {
  workspace_id: string;
  role_id: string;
  user_id: string;
}

export interface InstanceSecretsTable {
  workspace_id: Generated<string>;
  name: string;
  value: string;
}

export interface Database {
  instance_secrets: InstanceSecretsTable;
  workspaces: WorkspacesTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  departments: DepartmentsTable;
  roles: RolesTable;
  department_members: DepartmentMembersTable;
  role_members: RoleMembersTable;
}

/** What every engine service takes: the database or an open transaction, never a hidden global. */
export type Executor = Kysely<Database> | Transaction<Database>;

export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type Department = Selectable<DepartmentsTable>;
export type Role = Selectable<RolesTable>;
