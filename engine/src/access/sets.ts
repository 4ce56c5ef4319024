import { type Condition, type FormDefinition, queryIssues } from '@forecourt/schemas';
import type { Actor } from '../accounts/actor';
import { audit } from '../audit/audit';
import type { Executor } from '../db/schema';
import { inTransaction } from '../db/transaction';
import { ConflictError, type ErrorDetail, NotFoundError, ValidationError } from '../errors';
import { formVersion } from '../forms/forms';
import { newId } from '../ids';
import { existingSubjects } from './app-roles';
import { compileScope } from './compile';
import { managedForm } from './form-access';
import { buildPrincipal, permissionSet } from './principal';
import {
  ACTIONS,
  type Action,
  type Assignees,
  type PermissionSet,
  PRESETS,
  type PresetKey,
  type RowScope,
} from './types';

/** Enough for every role of a large dealer group; past it a form's sets are no longer reviewable. */
export const MAX_SETS_PER_FORM = 50;

export interface PermissionSetInput {
  name: string;
  /** A ready-made set to start from: its actions and scope apply unless given here. */
  preset?: PresetKey | null;
  actions?: Action[];
  readFields?: string[] | null;
  writeFields?: string[] | null;
  scope?: RowScope;
  assignees: Partial<Assignees>;
}

/** What an update may change. Given assignees replace the old ones whole (a missing list is empty). */
export type PermissionSetChange = Partial<PermissionSetInput>;

/** A set before it is stored: every part resolved from the input, the preset and what was there. */
interface Draft {
  name: string;
  preset: PresetKey | null;
  actions: Action[] | undefined;
  readFields: string[] | null;
  writeFields: string[] | null;
  scope: RowScope | undefined;
  assignees: Assignees;
}

const SCOPE_KINDS = ['own', 'department', 'subtree', 'all', 'filter'] as const;

export async function listPermissionSets(
  db: Executor,
  actor: Actor,
  formId: string,
): Promise<PermissionSet[]> {
  await managedForm(db, actor, formId, 'its permission sets');
  const rows = await db
    .selectFrom('permission_sets')
    .selectAll()
    .where('workspace_id', '=', actor.workspaceId)
    .where('form_id', '=', formId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(permissionSet);
}

export async function createPermissionSet(
  db: Executor,
  actor: Actor,
  formId: string,
  input: PermissionSetInput,
): Promise<PermissionSet> {
  return inTransaction(db, async (trx) => {
    const access = await managedForm(trx, actor, formId, 'its permission sets');
    const preset = input.preset ?? null;
    const draft: Draft = {
      name: input.name,
      preset,
      actions: input.actions ?? (isPreset(preset) ? [...PRESETS[preset].actions] : undefined),
      readFields: input.readFields ?? null,
      writeFields: input.writeFields ?? null,
      scope: input.scope ?? (isPreset(preset) ? PRESETS[preset].scope : undefined),
      assignees: assignees(input.assignees),
    };
    await assertValid(trx, actor, access.definition, draft, {
      ...input,
      actions: draft.actions,
      scope: draft.scope,
    });
    // Serialises creates on one form, so that two at once cannot pass the limit together.
    await trx.selectFrom('forms').select('id').where('id', '=', formId).forUpdate().execute();
    const { count } = await trx
      .selectFrom('permission_sets')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('workspace_id', '=', actor.workspaceId)
      .where('form_id', '=', formId)
      .executeTakeFirstOrThrow();
    if (Number(count) >= MAX_SETS_PER_FORM)
      throw new ConflictError(`A form has at most ${MAX_SETS_PER_FORM} permission sets.`);
    const now = new Date();
    const row = await trx
      .insertInto('permission_sets')
      .values({
        id: newId('pms'),
        workspace_id: actor.workspaceId,
        form_id: formId,
        ...columns(draft),
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const set = permissionSet(row);
    await audit(trx, actor, {
      action: 'permission_set.create',
      targetType: 'permission_set',
      targetId: set.id,
      details: { formId, name: set.name, set: rules(set) },
    });
    return set;
  });
}

/** Changes the given parts; only those are checked, except that writable fields stay within readable ones. */
export async function updatePermissionSet(
  db: Executor,
  actor: Actor,
  setId: string,
  patch: PermissionSetChange,
): Promise<PermissionSet> {
  return inTransaction(db, async (trx) => {
    const before = await storedSet(trx, actor, setId);
    const access = await managedForm(trx, actor, before.formId, 'its permission sets');
    const preset = patch.preset === undefined ? before.preset : patch.preset;
    // Choosing a preset again starts from its actions and scope, unless the patch gives its own.
    const fromPreset = patch.preset != null && isPreset(patch.preset) ? PRESETS[patch.preset] : undefined;
    const given: PermissionSetChange = {
      ...patch,
      actions: patch.actions ?? (fromPreset ? [...fromPreset.actions] : undefined),
      scope: patch.scope ?? fromPreset?.scope,
    };
    const draft: Draft = {
      name: patch.name ?? before.name,
      preset,
      actions: given.actions ?? before.actions,
      readFields: patch.readFields === undefined ? before.readFields : patch.readFields,
      writeFields: patch.writeFields === undefined ? before.writeFields : patch.writeFields,
      scope: given.scope ?? before.scope,
      assignees: patch.assignees ? assignees(patch.assignees) : before.assignees,
    };
    await assertValid(trx, actor, access.definition, draft, given);
    const row = await trx
      .updateTable('permission_sets')
      .set({ ...columns(draft), updated_at: new Date() })
      .where('workspace_id', '=', actor.workspaceId)
      .where('id', '=', setId)
      .returningAll()
      .executeTakeFirstOrThrow();
    const after = permissionSet(row);
    await audit(trx, actor, {
      action: 'permission_set.update',
      targetType: 'permission_set',
      targetId: setId,
      details: { formId: after.formId, name: after.name, changes: changes(before, after) },
    });
    return after;
  });
}

export async function deletePermissionSet(db: Executor, actor: Actor, setId: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    const set = await storedSet(trx, actor, setId);
    await managedForm(trx, actor, set.formId, 'its permission sets');
    await trx
      .deleteFrom('permission_sets')
      .where('workspace_id', '=', actor.workspaceId)
      .where('id', '=', setId)
      .execute();
    await audit(trx, actor, {
      action: 'permission_set.delete',
      targetType: 'permission_set',
      targetId: setId,
      details: { formId: set.formId, name: set.name, set: rules(set) },
    });
  });
}

/** The set, locked for the rest of the transaction; another workspace's set is a 404. */
async function storedSet(db: Executor, actor: Actor, setId: string): Promise<PermissionSet> {
  const row = await db
    .selectFrom('permission_sets')
    .selectAll()
    .where('workspace_id', '=', actor.workspaceId)
    .where('id', '=', setId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw new NotFoundError('The permission set');
  return permissionSet(row);
}

/**
 * Every problem with the set, each with its path in the request. `given` says which parts the
 * request set (directly or through a preset): only those are checked, so renaming a set never
 * fails on a field removed from the form since.
 */
async function assertValid(
  db: Executor,
  actor: Actor,
  definition: FormDefinition,
  draft: Draft,
  given: PermissionSetChange,
): Promise<void> {
  const issues: ErrorDetail[] = [];
  if (given.name !== undefined && (!draft.name.trim() || draft.name.length > 100))
    issues.push({ path: '/name', message: 'Give the set a name of 1 to 100 characters.' });
  // An unknown preset is the one problem to name: the actions and scope it would have given follow from it.
  const badPreset = given.preset != null && !isPreset(given.preset);
  if (badPreset)
    issues.push({ path: '/preset', message: `must be one of ${Object.keys(PRESETS).join(', ')}` });
  if (draft.actions === undefined && !badPreset)
    issues.push({ path: '/actions', message: 'Give the actions, or start from a preset.' });
  else if (draft.actions !== undefined && given.actions !== undefined)
    issues.push(...actionIssues(draft.actions));
  const fieldIds = new Set(definition.fields.map((f) => f.id));
  const unknown = new Set<string>();
  for (const key of ['readFields', 'writeFields'] as const) {
    const list = draft[key];
    if (given[key] === undefined || list === null) continue;
    list.forEach((id, i) => {
      if (!fieldIds.has(id)) {
        unknown.add(id);
        issues.push({ path: `/${key}/${i}`, message: `There is no field ${id} in this form.` });
      } else if (list.indexOf(id) !== i)
        issues.push({ path: `/${key}/${i}`, message: `${id} is already in the list.` });
    });
  }
  const { readFields: read, writeFields: write } = draft;
  if (read && write) {
    write.forEach((id, i) => {
      if (!unknown.has(id) && !read.includes(id))
        issues.push({
          path: `/writeFields/${i}`,
          message: `${id} is not among the fields this set shows: a field one may change must be one they can see.`,
        });
    });
  }
  if (draft.scope === undefined && !badPreset)
    issues.push({ path: '/scope', message: 'Give the rows the set reaches, or start from a preset.' });
  else if (draft.scope !== undefined && given.scope !== undefined)
    issues.push(...(await scopeIssues(db, actor, definition, draft.scope)));
  if (given.assignees !== undefined) issues.push(...(await assigneeIssues(db, actor, draft.assignees)));
  if (issues.length) throw new ValidationError('The permission set is not valid.', issues);
}

function actionIssues(actions: readonly string[]): ErrorDetail[] {
  if (!actions.length) return [{ path: '/actions', message: 'Allow at least one action.' }];
  return actions.flatMap((action, i): ErrorDetail[] => {
    const path = `/actions/${i}`;
    if (!(ACTIONS as readonly string[]).includes(action))
      return [{ path, message: `is not an action (${ACTIONS.join(', ')})` }];
    return actions.indexOf(action) === i ? [] : [{ path, message: `${action} is already in the list.` }];
  });
}

/** The scope's shape; a filter must also compile for this form, as it will for every user it reaches. */
async function scopeIssues(
  db: Executor,
  actor: Actor,
  definition: FormDefinition,
  scope: RowScope,
): Promise<ErrorDetail[]> {
  const { kind } = scope as { kind: unknown };
  if (!(SCOPE_KINDS as readonly unknown[]).includes(kind))
    return [{ path: '/scope/kind', message: `must be one of ${SCOPE_KINDS.join(', ')}` }];
  const filter = (scope as { filter?: unknown }).filter;
  if (kind !== 'filter')
    return filter === undefined
      ? []
      : [{ path: '/scope/filter', message: 'Only a filter scope takes a filter.' }];
  if (filter === undefined)
    return [{ path: '/scope/filter', message: 'Give the condition the rows must meet.' }];
  // The compiler expects a well-formed tree: its shape is checked first, by the query rules.
  const shape = queryIssues(definition, { filter });
  if (shape.length) return shape.map((issue) => ({ path: `/scope${issue.path}`, message: issue.message }));
  try {
    await compileScope(
      {
        actor,
        principal: buildPrincipal(actor.userId, [], [], []),
        fields: definition.fields,
        definitionOf: async (id) => (await formVersion(db, actor.workspaceId, id)).definition,
        now: new Date(),
      },
      { kind: 'filter', filter: filter as Condition },
    );
  } catch (error) {
    if (error instanceof ValidationError) return error.details.map(underFilter);
    if (error instanceof NotFoundError)
      return [{ path: '/scope/filter', message: 'The condition looks into a form that is not published.' }];
    throw error;
  }
  return [];
}

function underFilter(detail: ErrorDetail): ErrorDetail {
  const { path } = detail;
  if (path.startsWith('/scope/filter')) return detail;
  return { ...detail, path: path.startsWith('/filter') ? `/scope${path}` : `/scope/filter${path}` };
}

async function assigneeIssues(db: Executor, actor: Actor, people: Assignees): Promise<ErrorDetail[]> {
  const existing = await existingSubjects(db, actor.workspaceId, people);
  const words = { users: 'user', departments: 'department', roles: 'role' } as const;
  return (['users', 'departments', 'roles'] as const).flatMap((key) =>
    people[key].flatMap((id, i): ErrorDetail[] =>
      existing[key].has(id)
        ? []
        : [{ path: `/assignees/${key}/${i}`, message: `There is no ${words[key]} ${id} here.` }],
    ),
  );
}

function isPreset(value: unknown): value is PresetKey {
  return typeof value === 'string' && Object.hasOwn(PRESETS, value);
}

/** Missing lists are empty; a name given twice counts once. */
function assignees(input: Partial<Assignees>): Assignees {
  const unique = (ids: readonly string[] | undefined) => [...new Set(ids ?? [])];
  return { users: unique(input.users), departments: unique(input.departments), roles: unique(input.roles) };
}

function columns(draft: Draft) {
  const scope = draft.scope!;
  return {
    name: draft.name.trim(),
    preset: draft.preset,
    actions: JSON.stringify(draft.actions),
    read_fields: draft.readFields === null ? null : JSON.stringify(draft.readFields),
    write_fields: draft.writeFields === null ? null : JSON.stringify(draft.writeFields),
    scope: JSON.stringify(
      scope.kind === 'filter' ? { kind: 'filter', filter: scope.filter } : { kind: scope.kind },
    ),
    assignees: JSON.stringify(draft.assignees),
  };
}

/** What a set allows and to whom: the part of it the audit log keeps. */
function rules(set: PermissionSet) {
  const { preset, actions, readFields, writeFields, scope, assignees } = set;
  return { preset, actions, readFields, writeFields, scope, assignees };
}

/** Each part that changed, with its old and new value. */
function changes(
  before: PermissionSet,
  after: PermissionSet,
): Record<string, { from: unknown; to: unknown }> {
  const old: Record<string, unknown> = { name: before.name, ...rules(before) };
  const now: Record<string, unknown> = { name: after.name, ...rules(after) };
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of Object.keys(now)) {
    if (JSON.stringify(old[key]) !== JSON.stringify(now[key])) out[key] = { from: old[key], to: now[key] };
  }
  return out;
}
