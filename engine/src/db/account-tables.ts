import type { ColumnType, Generated } from 'kysely';
import type { NullableTimestamp, Timestamp } from './column-types';

/** The accounts' tables: workspaces, users, sign-in (sessions, tokens, throttle), the organisation. */
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
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** Failed logins per e-mail as typed and source address; `source = ''` counts the account as a whole. */
export interface LoginThrottleTable {
  email: string;
  source: string;
  failures: number;
  blocked_until: NullableTimestamp;
  last_failure_at: Generated<Date>;
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
  /** Apps the token may reach and how; null: everything its user may do. */
  scopes: ColumnType<TokenScope[] | null, string | null | undefined, string | null>;
}

export interface TokenScope {
  appId: string;
  access: 'read' | 'write';
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
