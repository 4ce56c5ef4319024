import { type ApproverRule, type FieldDef, type FormDefinition, peopleIn } from '@forecourt/schemas';
import type { Executor } from '../db/schema';
import { NotFoundError } from '../errors';
import { type ManagerLevel, managerChain } from '../org/membership';

/** What approver rules are resolved against: the record, its submitter and the previous step. */
export interface ApproverContext {
  workspaceId: string;
  /** Null for a record submitted without a user (a public link). */
  submitterId: string | null;
  formDefinition: FormDefinition;
  /** The record's data, keyed by field id. */
  data: Record<string, unknown>;
  /** Users the previous actor picked for a `chosenByPrevious` rule. */
  chosen?: string[];
  /** Who acted on earlier nodes: carried for the executor's auto-skip; no rule reads it. */
  previousActors?: string[];
}

export interface UnresolvedRule {
  ruleIndex: number;
  /** Why the rule found nobody, for the people who fix the org or the flow. */
  reason: string;
}

export interface ResolvedApprovers {
  /** Active users of the workspace, each once, in rule order (a manager chain in chain order). */
  userIds: string[];
  unresolved: UnresolvedRule[];
}

/** One rule's candidates before the active-user filter, and what went wrong on the way. */
interface Candidates {
  ids: string[];
  problems: string[];
}

/** Everything the rules need from the database, loaded once per resolution. */
interface OrgFacts {
  departments: Map<string, { name: string; headUserId: string | null }>;
  roles: Map<string, { name: string; members: string[] }>;
  /** The submitter's supervisors, nearest first; null without a submitter. */
  chain: ManagerLevel[] | null;
}

/**
 * Resolves a node's approver rules to users, when the node is reached. Users who are disabled or not
 * of this workspace are dropped; a rule left with nobody is reported in `unresolved` with a reason,
 * and the node's `whenNobody` policy decides what follows. A `managerChain` whose `untilRole` nobody
 * in the chain holds runs to the top of the chain without being reported: the chain it gives is a
 * sensible answer, and the publish check has already said whether the role exists.
 */
export async function resolveApprovers(
  db: Executor,
  context: ApproverContext,
  rules: ApproverRule[],
): Promise<ResolvedApprovers> {
  const facts = await loadOrgFacts(db, context, rules);
  const perRule = rules.map((rule) => candidatesOf(rule, context, facts));
  const users = await loadUsers(
    db,
    context.workspaceId,
    perRule.flatMap((c) => c.ids),
  );
  const userIds: string[] = [];
  const seen = new Set<string>();
  const unresolved: UnresolvedRule[] = [];
  perRule.forEach((candidates, ruleIndex) => {
    const problems = [...candidates.problems];
    let found = 0;
    for (const id of new Set(candidates.ids)) {
      const user = users.get(id);
      if (!user) problems.push(`${id} is not a user of this workspace`);
      else if (user.status !== 'active') problems.push(`${user.name} is disabled`);
      else {
        found++;
        if (!seen.has(id)) {
          seen.add(id);
          userIds.push(id);
        }
      }
    }
    if (found === 0) unresolved.push({ ruleIndex, reason: problems.join('; ') || 'Nobody matches' });
  });
  return { userIds, unresolved };
}

function candidatesOf(rule: ApproverRule, context: ApproverContext, facts: OrgFacts): Candidates {
  switch (rule.kind) {
    case 'users':
      return rule.userIds.length > 0
        ? { ids: rule.userIds, problems: [] }
        : { ids: [], problems: ['No users are named'] };
    case 'roles':
      return roleMembers(rule.roleIds, facts);
    case 'departmentHeads':
      return departmentHeads(rule.departmentIds, facts);
    case 'submitterManager':
      return submitterManager(rule.levels, facts);
    case 'managerChain':
      return managersUpTo(rule.levels, rule.untilRole, facts);
    case 'field':
      return fieldApprovers(rule.fieldId, context, facts);
    case 'submitter':
      return context.submitterId
        ? { ids: [context.submitterId], problems: [] }
        : { ids: [], problems: ['The record has no submitter'] };
    case 'chosenByPrevious':
      return context.chosen && context.chosen.length > 0
        ? { ids: context.chosen, problems: [] }
        : { ids: [], problems: ['The previous approver chose nobody'] };
  }
}

function roleMembers(roleIds: string[], facts: OrgFacts): Candidates {
  const result: Candidates = { ids: [], problems: [] };
  if (roleIds.length === 0) result.problems.push('No roles are named');
  for (const id of roleIds) {
    const role = facts.roles.get(id);
    if (!role) result.problems.push(`Role ${id} does not exist`);
    else if (role.members.length === 0) result.problems.push(`Role ${role.name} has no members`);
    else result.ids.push(...role.members);
  }
  return result;
}

function departmentHeads(departmentIds: string[], facts: OrgFacts): Candidates {
  const result: Candidates = { ids: [], problems: [] };
  if (departmentIds.length === 0) result.problems.push('No departments are named');
  for (const id of departmentIds) {
    const department = facts.departments.get(id);
    if (!department) result.problems.push(`Department ${id} does not exist`);
    else if (!department.headUserId) result.problems.push(`Department ${department.name} has no head`);
    else result.ids.push(department.headUserId);
  }
  return result;
}

function submitterManager(levels: number, facts: OrgFacts): Candidates {
  if (!facts.chain) return { ids: [], problems: ['The record has no submitter'] };
  const manager = facts.chain[levels - 1];
  if (manager) return { ids: [manager.userId], problems: [] };
  const where = levels === 1 ? '' : ` ${levels} levels up`;
  return { ids: [], problems: [`The submitter has no manager${where}`] };
}

/** Level 1 upwards, stopping after `levels` levels or at the first holder of `untilRole`, whichever comes first. */
function managersUpTo(
  levels: number | undefined,
  untilRole: string | undefined,
  facts: OrgFacts,
): Candidates {
  if (!facts.chain) return { ids: [], problems: ['The record has no submitter'] };
  if (facts.chain.length === 0) return { ids: [], problems: ['The submitter has no manager'] };
  const holders = new Set(untilRole ? (facts.roles.get(untilRole)?.members ?? []) : []);
  const ids: string[] = [];
  for (const manager of facts.chain) {
    if (levels !== undefined && ids.length >= levels) break;
    ids.push(manager.userId);
    if (holders.has(manager.userId)) break;
  }
  return { ids, problems: [] };
}

function fieldApprovers(fieldId: string, context: ApproverContext, facts: OrgFacts): Candidates {
  const field = context.formDefinition.fields.find((f) => f.id === fieldId);
  if (!field) return { ids: [], problems: [`Field ${fieldId} is not on the form`] };
  const people = peopleIn(field);
  if (!people) {
    return { ids: [], problems: [`Field ${fieldName(field)} is neither a member nor a department field`] };
  }
  const values = referenceIds(context.data[fieldId]);
  if (values.length === 0) return { ids: [], problems: [`Field ${fieldName(field)} is empty`] };
  return people === 'member' ? { ids: values, problems: [] } : departmentHeads(values, facts);
}

function fieldName(field: FieldDef): string {
  return field.label?.en ? `${field.id} (${field.label.en})` : field.id;
}

/** A member or department value: one id or a list of ids. */
function referenceIds(value: unknown): string[] {
  const items = Array.isArray(value) ? value : [value];
  return items.filter((item): item is string => typeof item === 'string' && item !== '');
}

/** The departments, roles and manager chain the rules mention: one query per kind, none if unused. */
async function loadOrgFacts(
  db: Executor,
  context: ApproverContext,
  rules: ApproverRule[],
): Promise<OrgFacts> {
  const departmentIds = new Set<string>();
  const roleIds = new Set<string>();
  let needsChain = false;
  for (const rule of rules) {
    if (rule.kind === 'departmentHeads') for (const id of rule.departmentIds) departmentIds.add(id);
    if (rule.kind === 'roles') for (const id of rule.roleIds) roleIds.add(id);
    if (rule.kind === 'managerChain' && rule.untilRole) roleIds.add(rule.untilRole);
    if (rule.kind === 'submitterManager' || rule.kind === 'managerChain') needsChain = true;
    if (rule.kind === 'field') {
      const field = context.formDefinition.fields.find((f) => f.id === rule.fieldId);
      if (field && peopleIn(field) === 'department') {
        for (const id of referenceIds(context.data[rule.fieldId])) departmentIds.add(id);
      }
    }
  }
  return {
    departments: await loadDepartments(db, context.workspaceId, [...departmentIds]),
    roles: await loadRoles(db, context.workspaceId, [...roleIds]),
    chain:
      needsChain && context.submitterId
        ? await submitterChain(db, context.workspaceId, context.submitterId)
        : null,
  };
}

async function loadDepartments(
  db: Executor,
  workspaceId: string,
  ids: string[],
): Promise<OrgFacts['departments']> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('departments')
    .select(['id', 'name', 'head_user_id'])
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, { name: r.name, headUserId: r.head_user_id }]));
}

/** Roles with their members, members in a stable order (by user id) so that resolution is repeatable. */
async function loadRoles(db: Executor, workspaceId: string, ids: string[]): Promise<OrgFacts['roles']> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('roles')
    .leftJoin('role_members', (join) =>
      join
        .onRef('role_members.role_id', '=', 'roles.id')
        .onRef('role_members.workspace_id', '=', 'roles.workspace_id'),
    )
    .select(['roles.id', 'roles.name', 'role_members.user_id'])
    .where('roles.workspace_id', '=', workspaceId)
    .where('roles.id', 'in', ids)
    .orderBy('roles.id')
    .orderBy('role_members.user_id')
    .execute();
  const roles: OrgFacts['roles'] = new Map();
  for (const row of rows) {
    const role = roles.get(row.id) ?? { name: row.name, members: [] };
    if (row.user_id) role.members.push(row.user_id);
    roles.set(row.id, role);
  }
  return roles;
}

/** The submitter's chain; a submitter no longer in the workspace has none. */
async function submitterChain(
  db: Executor,
  workspaceId: string,
  submitterId: string,
): Promise<ManagerLevel[]> {
  try {
    return await managerChain(db, workspaceId, submitterId);
  } catch (error) {
    if (error instanceof NotFoundError) return [];
    throw error;
  }
}

async function loadUsers(
  db: Executor,
  workspaceId: string,
  ids: string[],
): Promise<Map<string, { name: string; status: 'active' | 'disabled' }>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .selectFrom('users')
    .select(['id', 'name', 'status'])
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', unique)
    .execute();
  return new Map(rows.map((r) => [r.id, { name: r.name, status: r.status }]));
}
