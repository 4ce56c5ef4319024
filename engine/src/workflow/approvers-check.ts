import type { ApproverRule, WorkflowDefinition, WorkflowIssue } from '@forecourt/schemas';
import type { Executor } from '../db/schema';

/** An approver rule of the definition and where it sits. */
interface PlacedRule {
  rule: ApproverRule;
  nodeId: string;
  path: string;
}

interface OrgSnapshot {
  users: Map<string, { name: string; active: boolean }>;
  roles: Map<string, { name: string; members: number; activeMembers: number }>;
  departments: Map<string, { name: string; head: { name: string; active: boolean } | null }>;
}

/**
 * The database half of "approver rules that can resolve", run before a flow is published: named
 * users exist and are active, named roles exist and have active members, named departments exist and
 * have an active head, and an `untilRole` exists. Rules that depend on the record (field, submitter,
 * manager chains) can only fail at run time; the node's `whenNobody` policy covers them.
 */
export async function approverRuleIssues(
  db: Executor,
  workspaceId: string,
  definition: WorkflowDefinition,
): Promise<WorkflowIssue[]> {
  const placed = placedRules(definition);
  const org = await loadSnapshot(db, workspaceId, placed);
  return placed.flatMap(({ rule, nodeId, path }) =>
    ruleProblems(rule, org).map((message) => ({ path, nodeId, message })),
  );
}

/** Approvers of human and CC nodes, and the recipients of notify actions. */
function placedRules(definition: WorkflowDefinition): PlacedRule[] {
  const placed: PlacedRule[] = [];
  definition.nodes.forEach((node, i) => {
    if (node.type === 'approval' || node.type === 'fill' || node.type === 'cc') {
      (node.approvers ?? []).forEach((rule, j) => {
        placed.push({ rule, nodeId: node.id, path: `/nodes/${i}/approvers/${j}` });
      });
    }
    if (node.type === 'action') {
      (node.actions ?? []).forEach((action, k) => {
        if (action.kind !== 'notify') return;
        (action.approvers ?? []).forEach((rule, j) => {
          placed.push({ rule, nodeId: node.id, path: `/nodes/${i}/actions/${k}/approvers/${j}` });
        });
      });
    }
  });
  return placed;
}

function ruleProblems(rule: ApproverRule, org: OrgSnapshot): string[] {
  switch (rule.kind) {
    case 'users':
      return rule.userIds.flatMap((id) => {
        const user = org.users.get(id);
        if (!user) return [`User ${id} does not exist`];
        return user.active ? [] : [`User ${user.name} is disabled`];
      });
    case 'roles':
      return rule.roleIds.flatMap((id) => {
        const role = org.roles.get(id);
        if (!role) return [`Role ${id} does not exist`];
        if (role.members === 0) return [`Role ${role.name} has no members`];
        return role.activeMembers === 0 ? [`Role ${role.name} has no active members`] : [];
      });
    case 'departmentHeads':
      return rule.departmentIds.flatMap((id) => {
        const department = org.departments.get(id);
        if (!department) return [`Department ${id} does not exist`];
        if (!department.head) return [`Department ${department.name} has no head`];
        return department.head.active
          ? []
          : [`The head of department ${department.name}, ${department.head.name}, is disabled`];
      });
    case 'managerChain':
      return rule.untilRole && !org.roles.has(rule.untilRole)
        ? [`Role ${rule.untilRole}, where the chain stops, does not exist`]
        : [];
    default:
      return [];
  }
}

/** One query per kind of thing the rules name, each scoped to the workspace. */
async function loadSnapshot(db: Executor, workspaceId: string, placed: PlacedRule[]): Promise<OrgSnapshot> {
  const userIds = new Set<string>();
  const roleIds = new Set<string>();
  const departmentIds = new Set<string>();
  for (const { rule } of placed) {
    if (rule.kind === 'users') for (const id of rule.userIds) userIds.add(id);
    if (rule.kind === 'roles') for (const id of rule.roleIds) roleIds.add(id);
    if (rule.kind === 'managerChain' && rule.untilRole) roleIds.add(rule.untilRole);
    if (rule.kind === 'departmentHeads') for (const id of rule.departmentIds) departmentIds.add(id);
  }
  return {
    users: await loadUsers(db, workspaceId, [...userIds]),
    roles: await loadRoles(db, workspaceId, [...roleIds]),
    departments: await loadDepartments(db, workspaceId, [...departmentIds]),
  };
}

async function loadUsers(db: Executor, workspaceId: string, ids: string[]): Promise<OrgSnapshot['users']> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('users')
    .select(['id', 'name', 'status'])
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, { name: r.name, active: r.status === 'active' }]));
}

async function loadRoles(db: Executor, workspaceId: string, ids: string[]): Promise<OrgSnapshot['roles']> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('roles')
    .leftJoin('role_members', (join) =>
      join
        .onRef('role_members.role_id', '=', 'roles.id')
        .onRef('role_members.workspace_id', '=', 'roles.workspace_id'),
    )
    .leftJoin('users', (join) =>
      join
        .onRef('users.id', '=', 'role_members.user_id')
        .onRef('users.workspace_id', '=', 'roles.workspace_id'),
    )
    .select(['roles.id', 'roles.name', 'role_members.user_id', 'users.status'])
    .where('roles.workspace_id', '=', workspaceId)
    .where('roles.id', 'in', ids)
    .execute();
  const roles: OrgSnapshot['roles'] = new Map();
  for (const row of rows) {
    const role = roles.get(row.id) ?? { name: row.name, members: 0, activeMembers: 0 };
    if (row.user_id) role.members++;
    if (row.status === 'active') role.activeMembers++;
    roles.set(row.id, role);
  }
  return roles;
}

async function loadDepartments(
  db: Executor,
  workspaceId: string,
  ids: string[],
): Promise<OrgSnapshot['departments']> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('departments')
    .leftJoin('users', (join) =>
      join
        .onRef('users.id', '=', 'departments.head_user_id')
        .onRef('users.workspace_id', '=', 'departments.workspace_id'),
    )
    .select(['departments.id', 'departments.name', 'users.name as head_name', 'users.status as head_status'])
    .where('departments.workspace_id', '=', workspaceId)
    .where('departments.id', 'in', ids)
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      {
        name: r.name,
        head: r.head_name === null ? null : { name: r.head_name, active: r.head_status === 'active' },
      },
    ]),
  );
}
