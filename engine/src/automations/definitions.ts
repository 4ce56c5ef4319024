import type { AutomationDefinition } from '@forecourt/schemas';
import type { AutomationView } from '@forecourt/schemas/api';
import type { Selectable } from 'kysely';
import { type Actor, personOf } from '../accounts/actor';
import type { AutomationsTable, Executor } from '../db/schema';
import { NotFoundError } from '../errors';
import { newId } from '../ids';
import { automationIssues, invalidAutomation } from './check';

function view(row: Selectable<AutomationsTable>): AutomationView {
  return {
    id: row.id,
    formId: row.form_id,
    definition: row.definition as AutomationDefinition,
    enabled: row.enabled,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

async function checked(db: Executor, actor: Actor, formId: string, definition: unknown) {
  const issues = await automationIssues(db, actor.workspaceId, formId, definition);
  if (issues.length) throw invalidAutomation(issues);
  return JSON.stringify(definition);
}

/** The automation's form, for the caller's permission check; not found outside the workspace. */
export async function automationFormId(db: Executor, actor: Actor, automationId: string): Promise<string> {
  const row = await db
    .selectFrom('automations')
    .select('form_id')
    .where('workspace_id', '=', actor.workspaceId)
    .where('id', '=', automationId)
    .executeTakeFirst();
  if (!row) throw new NotFoundError('The automation');
  return row.form_id;
}

export async function listAutomations(db: Executor, actor: Actor, formId: string): Promise<AutomationView[]> {
  const rows = await db
    .selectFrom('automations')
    .selectAll()
    .where('workspace_id', '=', actor.workspaceId)
    .where('form_id', '=', formId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(view);
}

export async function getAutomation(
  db: Executor,
  actor: Actor,
  automationId: string,
): Promise<AutomationView> {
  const row = await db
    .selectFrom('automations')
    .selectAll()
    .where('workspace_id', '=', actor.workspaceId)
    .where('id', '=', automationId)
    .executeTakeFirst();
  if (!row) throw new NotFoundError('The automation');
  return view(row);
}

/** Saves a new automation on the form (checked; 422 names every problem by its path). */
export async function createAutomation(
  db: Executor,
  actor: Actor,
  formId: string,
  definition: unknown,
  enabled = false,
): Promise<AutomationView> {
  const stored = await checked(db, actor, formId, definition);
  const now = new Date();
  const row = await db
    .insertInto('automations')
    .values({
      id: newId('aut'),
      workspace_id: actor.workspaceId,
      form_id: formId,
      definition: stored,
      enabled,
      created_by: personOf(actor),
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return view(row);
}

/** Replaces the definition (a new version); the form stays the automation's. */
export async function updateAutomation(
  db: Executor,
  actor: Actor,
  automationId: string,
  definition: unknown,
): Promise<AutomationView> {
  const formId = await automationFormId(db, actor, automationId);
  const stored = await checked(db, actor, formId, definition);
  const row = await db
    .updateTable('automations')
    .set((eb) => ({ definition: stored, version: eb('version', '+', 1), updated_at: new Date() }))
    .where('workspace_id', '=', actor.workspaceId)
    .where('id', '=', automationId)
    .returningAll()
    .executeTakeFirstOrThrow();
  return view(row);
}

/** Switches an automation on or off: writes from now on are heard (or not); queued runs read it again. */
export async function setAutomationEnabled(
  db: Executor,
  actor: Actor,
  automationId: string,
  enabled: boolean,
): Promise<AutomationView> {
  const row = await db
    .updateTable('automations')
    .set({ enabled, updated_at: new Date() })
    .where('workspace_id', '=', actor.workspaceId)
    .where('id', '=', automationId)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw new NotFoundError('The automation');
  return view(row);
}

/** Deletes the automation and its run log. */
export async function deleteAutomation(db: Executor, actor: Actor, automationId: string): Promise<void> {
  const result = await db
    .deleteFrom('automations')
    .where('workspace_id', '=', actor.workspaceId)
    .where('id', '=', automationId)
    .executeTakeFirst();
  if (!Number(result.numDeletedRows)) throw new NotFoundError('The automation');
}
