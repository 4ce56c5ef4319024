import type { FieldPermission, WorkflowNode } from '@forecourt/schemas';
import { type FieldSet, hasField } from '../access/compile';
import { forbiddenFields, formAccess } from '../access/form-access';
import { assertLinksVisible } from '../access/write-guard';
import type { Actor } from '../accounts/actor';
import type { Executor } from '../db/schema';
import { ValidationError } from '../errors';
import { writeContext } from '../records/context';
import { updateRecord } from '../records/service';
import { systemActor } from './load';
import type { Run } from './run';

/**
 * What a node lets its assignee do with each field. Fields not listed are read-only on approval
 * and fill nodes; the submitter, given the record back at the start node, may change every field.
 */
export function fieldPermission(node: WorkflowNode, fieldId: string): FieldPermission {
  const listed = 'fieldPermissions' in node ? node.fieldPermissions?.[fieldId] : undefined;
  return listed ?? (node.type === 'start' ? 'edit' : 'read');
}

/**
 * Applies a task's edits through the one record pipeline (validation, formulas, history `via:
 * workflow`), refusing fields the node does not make editable (403 naming them); on approval, the
 * node's required fields must then hold a value (422 naming them).
 */
export async function applyNodeEdits(
  run: Run,
  node: WorkflowNode,
  data: Record<string, unknown>,
  checkRequired: boolean,
): Promise<void> {
  // Back at the start node, the submitter edits as the form's permission sets let them, no more.
  const own = node.type === 'start' && run.actorId ? await submitterLimits(run.trx, run, run.actorId) : null;
  const refused = Object.keys(data).filter(
    (id) => !['edit', 'required'].includes(fieldPermission(node, id)) || (own && !hasField(own.editable, id)),
  );
  if (refused.length) throw forbiddenFields(refused.map((id) => `/data/${id}`));
  if (Object.keys(data).length) {
    const before = run.data;
    const record = await run.trx
      .selectFrom('records')
      .select('rev')
      .where('id', '=', run.instance.record_id)
      .executeTakeFirstOrThrow();
    // The node's field permissions (checked above) decide, not the form's permission sets, hence a
    // system actor; but the person acting is the author (records.updated_by must name a user).
    const writer = {
      ...systemActor(run.instance.workspace_id),
      ...(run.actorId ? { userId: run.actorId } : {}),
    };
    const updated = await updateRecord(
      run.trx,
      writeContext(writer, 'workflow', run.now),
      run.instance.form_id,
      run.instance.record_id,
      { rev: record.rev, data },
    );
    run.data = updated.data;
    // A link the edit adds must point at a record the person may see, as on any write.
    if (run.actorId) {
      await assertLinksVisible(
        run.trx,
        await person(run.trx, run, run.actorId),
        run.form.fields,
        [{ data: updated.data, existing: before }],
        () => '/data',
      );
    }
  }
  if (!checkRequired) return;
  const missing = run.form.fields
    .filter((f) => fieldPermission(node, f.id) === 'required')
    .filter((f) => {
      const value = run.data[f.id];
      return value == null || value === '' || (Array.isArray(value) && value.length === 0);
    });
  if (missing.length) {
    throw new ValidationError(
      'Fill in the required fields first.',
      missing.map((f) => ({ path: `/data/${f.id}`, message: 'Required at this step.' })),
    );
  }
}

async function person(
  trx: Executor,
  run: { instance: Pick<Run['instance'], 'workspace_id'> },
  userId: string,
): Promise<Actor> {
  const user = await trx.selectFrom('users').select('is_admin').where('id', '=', userId).executeTakeFirst();
  return { workspaceId: run.instance.workspace_id, userId, isAdmin: user?.is_admin ?? false, via: 'session' };
}

/** What the submitter's permission sets let them read and change on the record (the start node's limits). */
export async function submitterLimits(
  trx: Executor,
  run: { instance: Pick<Run['instance'], 'workspace_id' | 'form_id' | 'record_id'> },
  userId: string,
): Promise<{ readable: FieldSet; editable: FieldSet }> {
  const user = await trx.selectFrom('users').select('is_admin').where('id', '=', userId).executeTakeFirst();
  const actor: Actor = {
    workspaceId: run.instance.workspace_id,
    userId,
    isAdmin: user?.is_admin ?? false,
    via: 'session',
  };
  const access = await formAccess(trx, actor, run.instance.form_id);
  const row = await trx
    .selectFrom('records')
    .select(access.flags().as('_access'))
    .where('id', '=', run.instance.record_id)
    .executeTakeFirst();
  if (!row) return { readable: new Set(), editable: new Set() };
  return { readable: access.readable(row._access), editable: access.editable(row._access) };
}
