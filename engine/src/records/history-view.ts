import type { FormDefinition } from '@forecourt/schemas';
import type { FieldChange, HistoryEntry } from '@forecourt/schemas/api';
import { type FieldSet, hasField } from '../access/compile';
import { formAccess } from '../access/form-access';
import type { Actor } from '../accounts/actor';
import type { Executor } from '../db/schema';
import { NotFoundError } from '../errors';
import { formVersion, getForm } from '../forms/forms';

/** One changed field of a history entry, described with the form as it is now. */
export type { FieldChange };

export type HistoryItem = HistoryEntry;

/** The definition people see now: the published one records are written with, else (never published) the draft. */
export async function currentDefinition(
  db: Executor,
  workspaceId: string,
  formId: string,
): Promise<FormDefinition> {
  const form = await getForm(db, workspaceId, formId);
  if (form.publishedVersion == null) return form.draft;
  return (await formVersion(db, workspaceId, formId, form.publishedVersion)).definition;
}

/**
 * A record's history, oldest first: one entry per create, update, delete, restore, type conversion
 * and purge, each field change labelled with the form as it is now. Also for a record in the recycle
 * bin or purged, since its history is kept.
 */
export async function recordHistoryList(
  db: Executor,
  actor: Actor,
  formId: string,
  recordId: string,
): Promise<HistoryItem[]> {
  const { workspaceId } = actor;
  const shown = await historyFields(db, actor, formId, recordId);
  const definition = await currentDefinition(db, workspaceId, formId);
  const rows = await db
    .selectFrom('record_history as h')
    .leftJoin('users as u', 'u.id', 'h.actor_id')
    .select(['h.id', 'h.rev', 'h.action', 'h.at', 'h.via', 'h.actor_id', 'h.changes', 'u.name as actor_name'])
    .where('h.workspace_id', '=', workspaceId)
    .where('h.form_id', '=', formId)
    .where('h.record_id', '=', recordId)
    .orderBy('h.id')
    .execute();
  const record = await db
    .selectFrom('records')
    .select('data')
    .where('workspace_id', '=', workspaceId)
    .where('form_id', '=', formId)
    .where('id', '=', recordId)
    .executeTakeFirst();
  if (!rows.length && !record) throw new NotFoundError('The record');

  const entries = rows.map((row) => ({ row, changes: (row.changes ?? {}) as Record<string, unknown> }));
  const catalog = await fieldCatalog(
    db,
    workspaceId,
    formId,
    definition,
    new Set(entries.flatMap((e) => Object.keys(e.changes))),
  );
  const afterConvert = valuesAfterConversions(entries, record?.data ?? {});
  const known = new Map<string, unknown>();
  return entries.map(({ row, changes }, index) => ({
    id: String(row.id),
    rev: row.rev,
    action: row.action,
    at: row.at.toISOString(),
    via: row.via,
    actor: row.actor_id ? { id: row.actor_id, name: row.actor_name ?? '' } : null,
    changes: Object.entries(changes)
      .filter(([fieldId]) => hasField(shown, fieldId))
      .map(([fieldId, change]): FieldChange => {
        const described = catalog(fieldId);
        if (row.action === 'convert') {
          const [from, to] = ((change as { type?: [string, string] }).type ?? ['', '']) as [string, string];
          const after = afterConvert.get(index)?.get(fieldId) ?? null;
          const before = known.get(fieldId) ?? null;
          known.set(fieldId, after);
          return { fieldId, ...described, before, after, typeChange: { from, to } };
        }
        const [before, after] = change as [unknown, unknown];
        known.set(fieldId, after);
        return { fieldId, ...described, before, after };
      }),
  }));
}

/**
 * Which fields' changes the actor may see: all for those who manage the form (also of records in
 * the recycle bin or purged); for others, only of a live record they can see, the fields their
 * sets show on it. A record they cannot see is "not found".
 */
async function historyFields(
  db: Executor,
  actor: Actor,
  formId: string,
  recordId: string,
): Promise<FieldSet> {
  if (actor.isAdmin && !actor.scopes) return 'all';
  const access = await formAccess(db, actor, formId);
  if (access.manages) return 'all';
  const row = await db
    .selectFrom('records')
    .select(access.flags().as('_access'))
    .where('workspace_id', '=', actor.workspaceId)
    .where('form_id', '=', formId)
    .where('id', '=', recordId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!row || !access.reaches(row._access, 'view')) throw new NotFoundError('The record');
  return access.readable(row._access);
}

type Described = Pick<FieldChange, 'label' | 'type' | 'hidden'>;

/**
 * Label, type and hidden flag of each field id: from the current definition, else from the newest
 * published version that had the field (read only when some field is missing now).
 */
async function fieldCatalog(
  db: Executor,
  workspaceId: string,
  formId: string,
  definition: FormDefinition,
  ids: Set<string>,
): Promise<(fieldId: string) => Described> {
  const catalog = new Map<string, Described>(
    definition.fields.map((f) => [f.id, { label: f.label, type: f.type, hidden: f.hidden === true }]),
  );
  if ([...ids].some((id) => !catalog.has(id))) {
    const versions = await db
      .selectFrom('form_versions')
      .select('definition')
      .where('workspace_id', '=', workspaceId)
      .where('form_id', '=', formId)
      .orderBy('version', 'desc')
      .execute();
    for (const { definition: old } of versions) {
      for (const f of (old as FormDefinition).fields) {
        if (!catalog.has(f.id)) catalog.set(f.id, { label: f.label, type: f.type, hidden: true });
      }
    }
  }
  return (id) => catalog.get(id) ?? { label: { zh: id, en: id }, type: null, hidden: true };
}

/**
 * A conversion's history row names only the types, not the values. The value right after it is the
 * `before` of the next write that changed the field, or the record's current value if none did: so
 * walk the history backwards from the record as it is now. Unknown (e.g. purged record) reads as null.
 */
function valuesAfterConversions(
  entries: { row: { action: string }; changes: Record<string, unknown> }[],
  current: Record<string, unknown>,
): Map<number, Map<string, unknown>> {
  const upcoming = new Map<string, unknown>(Object.entries(current));
  const result = new Map<number, Map<string, unknown>>();
  for (let i = entries.length - 1; i >= 0; i--) {
    const { row, changes } = entries[i]!;
    for (const [fieldId, change] of Object.entries(changes)) {
      if (row.action === 'convert') {
        if (!result.has(i)) result.set(i, new Map());
        result.get(i)!.set(fieldId, upcoming.get(fieldId) ?? null);
        upcoming.delete(fieldId); // what the field held before this conversion is not known from later rows
      } else if (Array.isArray(change)) {
        upcoming.set(fieldId, change[0]);
      }
    }
  }
  return result;
}
