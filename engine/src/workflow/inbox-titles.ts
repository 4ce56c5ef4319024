import { canTitleRecord, type FieldDef, type FormDefinition, type WorkflowNode } from '@forecourt/schemas';
import { type FieldSet, hasField } from '../access/compile';
import { formAccess } from '../access/form-access';
import type { Actor } from '../accounts/actor';
import type { Executor } from '../db/schema';
import { formVersion } from '../forms/forms';
import { fieldPermission } from './edits';

const MAX_TITLE = 80;

/**
 * How the viewer sees an item's record: through their own permission sets (initiated approvals, a
 * record returned to its submitter at the start node), every field (a copy, as the task page shows
 * it), a task's node (its assignee sees what the node shows), or nothing (the node is gone).
 */
export type Sight = 'own' | 'all' | 'nothing' | WorkflowNode;

/** An inbox item whose record wants a title. */
export interface TitleSource {
  formId: string;
  recordId: string;
  sight: Sight;
}

/** What a task's assignee sees, as the task page decides it. */
export function taskSight(node: WorkflowNode | null | undefined, kind: string | null): Sight {
  if (!node) return 'nothing';
  if (kind === 'cc') return 'all';
  return node.type === 'start' ? 'own' : node;
}

/**
 * A title for each item's record (by index): the value of the first text-like field of the form's
 * published definition that the viewer may read there. Forms name no title field, so the first such
 * field stands in; a field the viewer may not read is skipped, never shown. Null when none has a value.
 */
export async function recordTitles(
  db: Executor,
  actor: Actor,
  sources: readonly TitleSource[],
): Promise<(string | null)[]> {
  if (!sources.length) return [];
  const recordIds = [...new Set(sources.map((s) => s.recordId))];
  const rows = await db
    .selectFrom('records')
    .select(['id', 'data'])
    .where('workspace_id', '=', actor.workspaceId)
    .where('id', 'in', recordIds)
    .execute();
  const data = new Map(rows.map((r) => [r.id, r.data as Record<string, unknown>]));
  const definitions = new Map<string, FormDefinition | null>();
  for (const formId of new Set(sources.map((s) => s.formId))) {
    definitions.set(
      formId,
      await formVersion(db, actor.workspaceId, formId).then(
        (v) => v.definition,
        () => null,
      ),
    );
  }
  const own = await ownReadable(
    db,
    actor,
    sources.filter((s) => s.sight === 'own'),
  );
  return sources.map((source) => {
    const definition = definitions.get(source.formId);
    const values = data.get(source.recordId);
    if (!definition || !values) return null;
    const { sight } = source;
    const readable = (field: FieldDef) =>
      sight === 'own'
        ? hasField(own.get(source.recordId) ?? new Set(), field.id)
        : sight === 'all' || (sight !== 'nothing' && fieldPermission(sight, field.id) !== 'hidden');
    const field = definition.fields.find((f) => canTitleRecord(f) && readable(f));
    const value = field ? values[field.id] : undefined;
    if (typeof value !== 'string' || value.trim() === '') return null;
    return value.length > MAX_TITLE ? `${value.slice(0, MAX_TITLE - 1)}…` : value;
  });
}

/** The fields the viewer's permission sets show on each record (one query per form). */
async function ownReadable(
  db: Executor,
  actor: Actor,
  sources: readonly TitleSource[],
): Promise<Map<string, FieldSet>> {
  const out = new Map<string, FieldSet>();
  const byForm = new Map<string, string[]>();
  for (const s of sources) byForm.set(s.formId, [...(byForm.get(s.formId) ?? []), s.recordId]);
  for (const [formId, ids] of byForm) {
    const access = await formAccess(db, actor, formId).catch(() => null);
    if (!access) continue;
    const rows = await db
      .selectFrom('records')
      .select(['id', access.flags().as('_access')])
      .where('workspace_id', '=', actor.workspaceId)
      .where('id', 'in', [...new Set(ids)])
      .execute();
    for (const row of rows) out.set(row.id, access.readable(row._access));
  }
  return out;
}
