import {
  type FieldDef,
  type FormDefinition,
  fieldType,
  type Label,
  queryIssues,
  SYSTEM_COLUMNS,
} from '@forecourt/schemas';
import type { SavedView, ViewColumn } from '@forecourt/schemas/api';
import { type Selectable, sql } from 'kysely';
import { formAccess } from '../access/form-access';
import type { Actor } from '../accounts/actor';
import type { Executor, ViewsTable } from '../db/schema';
import { type ErrorDetail, ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { newId } from '../ids';
import { currentDefinition } from '../records/history-view';

/** A saved view, as the API shows it (schemas/src/api/views.ts). */
export type { SavedView, ViewColumn };

export interface ViewInput {
  name: Label;
  shared?: boolean;
  query?: unknown;
  columns?: unknown;
  sort?: number;
}

/** What an update may change; whether a view is shared or personal is fixed when it is created. */
export type ViewChange = Partial<Omit<ViewInput, 'shared'>>;

function savedView(row: Selectable<ViewsTable>): SavedView {
  return {
    id: row.id,
    formId: row.form_id,
    name: row.name,
    shared: row.owner_id === null,
    ownerId: row.owner_id,
    query: row.query,
    columns: row.columns,
    sort: row.sort,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** The views of a form this user sees: the shared ones first, then their own. */
export async function listViews(db: Executor, actor: Actor, formId: string): Promise<SavedView[]> {
  // An unknown form is a 404, not an empty list; a form the user may not view has no views for them.
  (await formAccess(db, actor, formId)).require('view');
  const rows = await visible(db, actor)
    .where('form_id', '=', formId)
    .orderBy(sql`owner_id is not null`)
    .orderBy('sort')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(savedView);
}

export async function getView(db: Executor, actor: Actor, viewId: string): Promise<SavedView> {
  return savedView(await visibleView(db, actor, viewId));
}

export async function createView(
  db: Executor,
  actor: Actor,
  formId: string,
  input: ViewInput,
  /** Only for the package installer, which maps package view ids; everyone else gets a fresh one. */
  id: string = newId('viw'),
): Promise<SavedView> {
  if (input.shared && (!actor.isAdmin || actor.scopes))
    throw new ForbiddenError('Only administrators can create shared views.');
  (await formAccess(db, actor, formId)).require('view');
  const definition = await currentDefinition(db, actor.workspaceId, formId);
  const query = input.query ?? {};
  const columns = input.columns ?? [];
  await assertValidView(db, actor.workspaceId, definition, { name: input.name, query, columns });
  const now = new Date();
  const row = await db
    .insertInto('views')
    .values({
      id,
      workspace_id: actor.workspaceId,
      form_id: formId,
      name: JSON.stringify(input.name),
      owner_id: input.shared ? null : actor.userId,
      query: JSON.stringify(query),
      columns: JSON.stringify(columns),
      sort: input.sort ?? 0,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return savedView(row);
}

/** Changes the given parts; only those are checked, so a rename never fails on an older query. */
export async function updateView(
  db: Executor,
  actor: Actor,
  viewId: string,
  change: ViewChange,
): Promise<SavedView> {
  const current = await editableView(db, actor, viewId);
  const definition = await currentDefinition(db, actor.workspaceId, current.form_id);
  await assertValidView(db, actor.workspaceId, definition, change);
  const row = await db
    .updateTable('views')
    .set({
      ...(change.name ? { name: JSON.stringify(change.name) } : {}),
      ...(change.query !== undefined ? { query: JSON.stringify(change.query) } : {}),
      ...(change.columns !== undefined ? { columns: JSON.stringify(change.columns) } : {}),
      ...(change.sort !== undefined ? { sort: change.sort } : {}),
      updated_at: new Date(),
    })
    .where('id', '=', viewId)
    .returningAll()
    .executeTakeFirstOrThrow();
  return savedView(row);
}

export async function deleteView(db: Executor, actor: Actor, viewId: string): Promise<void> {
  await editableView(db, actor, viewId);
  await db.deleteFrom('views').where('id', '=', viewId).execute();
}

/** Shared views and the user's own: someone else's personal view does not exist for them (404). */
function visible(db: Executor, actor: Actor) {
  return db
    .selectFrom('views')
    .selectAll()
    .where('workspace_id', '=', actor.workspaceId)
    .where((eb) => eb.or([eb('owner_id', 'is', null), eb('owner_id', '=', actor.userId)]));
}

async function visibleView(db: Executor, actor: Actor, viewId: string) {
  const row = await visible(db, actor).where('id', '=', viewId).executeTakeFirst();
  if (!row) throw new NotFoundError('The view');
  return row;
}

async function editableView(db: Executor, actor: Actor, viewId: string) {
  const row = await visibleView(db, actor, viewId);
  if (row.owner_id === null && (!actor.isAdmin || actor.scopes))
    throw new ForbiddenError('Only administrators can change shared views.');
  return row;
}

async function assertValidView(
  db: Executor,
  workspaceId: string,
  definition: FormDefinition,
  view: { name?: Label; query?: unknown; columns?: unknown },
): Promise<void> {
  const issues: ErrorDetail[] = [];
  if (view.name && !view.name.zh.trim() && !view.name.en.trim())
    issues.push({ path: '/name', message: 'Give the view a name in Chinese or English.' });
  if (view.columns !== undefined) issues.push(...columnIssues(definition, view.columns));
  if (view.query !== undefined) {
    const related = await relatedDefinitions(db, workspaceId, definition, view.query);
    for (const issue of queryIssues(definition, view.query, (id) => related.get(id))) {
      issues.push({ path: `/query${issue.path === '/' ? '' : issue.path}`, message: issue.message });
    }
    if (typeof view.query === 'object' && view.query !== null && 'cursor' in view.query)
      issues.push({ path: '/query/cursor', message: 'A saved view does not keep a page position.' });
  }
  if (issues.length) throw new ValidationError('The view is not valid.', issues);
}

function columnIssues(definition: FormDefinition, columns: unknown): ErrorDetail[] {
  if (!Array.isArray(columns)) return [{ path: '/columns', message: 'must be a list of { field, width }' }];
  const fields = new Map(definition.fields.map((f) => [f.id, f]));
  const seen = new Set<string>();
  return columns.flatMap((column, i): ErrorDetail[] => {
    const { field, width } = (column ?? {}) as Partial<ViewColumn>;
    const path = `/columns/${i}/field`;
    if (typeof field !== 'string') return [{ path, message: 'must be a field id' }];
    if (width !== undefined && !(Number.isInteger(width) && width >= 20 && width <= 2000))
      return [{ path: `/columns/${i}/width`, message: 'must be a whole number of pixels from 20 to 2000' }];
    if (seen.has(field)) return [{ path, message: `${field} is already a column` }];
    seen.add(field);
    const def = fields.get(field);
    if ((SYSTEM_COLUMNS as readonly string[]).includes(field) || (def && fieldType(def.type).storesValue))
      return [];
    return [{ path, message: `${field} is not a field of this form holding a value` }];
  });
}

/**
 * The forms a query's `related` conditions look into, so their field ids can be checked too. Read
 * only when the query has such a condition; a target that no longer exists is checked by shape.
 */
async function relatedDefinitions(
  db: Executor,
  workspaceId: string,
  definition: FormDefinition,
  query: unknown,
): Promise<Map<string, FormDefinition>> {
  const found = new Map<string, FormDefinition>();
  if (!JSON.stringify(query ?? null).includes('"related"')) return found;
  const relations = definition.fields.flatMap((f) => [f, ...((f.fields ?? []) as FieldDef[])]);
  for (const target of new Set(relations.filter((f) => f.type === 'relation').map((f) => String(f.target)))) {
    try {
      found.set(target, await currentDefinition(db, workspaceId, target));
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
    }
  }
  return found;
}
