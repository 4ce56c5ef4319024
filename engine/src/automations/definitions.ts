import type { AutomationDefinition } from '@forecourt/schemas';
import type { AutomationView } from '@forecourt/schemas/api';
import type { Selectable } from 'kysely';
import { assertManagesForm } from '../access/catalog';
import { type Actor, personOf } from '../accounts/actor';
import type { AutomationsTable, Executor } from '../db/schema';
import { ForbiddenError, NotFoundError } from '../errors';
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
  await assertManagesTargets(db, actor, formId, definition);
  return JSON.stringify(definition);
}

/**
 * Runs write as the system: whoever saves or switches on an automation must manage the app of its
 * form and of every form it creates records in, or an app's admin could write anywhere through one.
 */
async function assertManagesTargets(db: Executor, actor: Actor, formId: string, definition: unknown) {
  const actions = (definition as { actions?: { kind?: unknown; formId?: unknown }[] }).actions ?? [];
  const targets = actions.filter((a) => a?.kind === 'createRecord').map((a) => String(a.formId));
  for (const target of new Set([formId, ...targets])) {
    try {
      await assertManagesForm(db, actor, target);
    } catch (error) {
      if (!(error instanceof ForbiddenError)) throw error;
      throw new ForbiddenError(
        `An automation may write only into forms of apps you manage; you do not manage the app of ${target}.`,
      );
    }
  }
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
  if (enabled) {
    const current = await db
      .selectFrom('automations')
      .select(['form_id', 'definition'])
      .where('workspace_id', '=', actor.workspaceId)
      .where('id', '=', automationId)
      .executeTakeFirst();
    if (!current) throw new NotFoundError('The automation');
    await assertManagesTargets(db, actor, current.form_id, current.definition);
  }
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
