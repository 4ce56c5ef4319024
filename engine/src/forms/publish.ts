import { defaultFieldContext, type FieldDef, type FormDefinition, fieldType } from '@forecourt/schemas';
import type { PublishSummary } from '@forecourt/schemas/api';
import { sql } from 'kysely';
import type { Actor } from '../accounts/actor';
import type { Executor } from '../db/schema';
import { NotFoundError } from '../errors';
import { assertValidDefinition } from './validate-definition';

export interface TypeChange {
  fieldId: string;
  from: string;
  to: string;
  /** Records whose value converted. */
  converted: number;
  /** Values that did not convert: kept in the record's `unconverted` column, the field emptied. */
  failed: { recordId: string; value: unknown; message: string }[];
}

export type { PublishSummary };

const BATCH = 1000;

/**
 * Publishes the draft as a new immutable version. Fields missing from the draft stay, hidden, so
 * their data is kept; a changed type converts stored values through the field types' text form,
 * in batches, and reports what did not convert. One transaction: all of it or nothing.
 */
export async function publishForm(
  db: Executor,
  actor: Actor,
  formId: string,
  dryRun = false,
): Promise<PublishSummary> {
  const form = await db
    .selectFrom('forms')
    .select(['draft', 'published_version'])
    .where('workspace_id', '=', actor.workspaceId)
    .where('id', '=', formId)
    .where('deleted_at', 'is', null)
    .forUpdate()
    .executeTakeFirst();
  if (!form) throw new NotFoundError('The form');
  const draft = form.draft as FormDefinition;
  await assertValidDefinition(db, actor.workspaceId, draft);
  const previous = form.published_version
    ? ((
        await db
          .selectFrom('form_versions')
          .select('definition')
          .where('form_id', '=', formId)
          .where('version', '=', form.published_version)
          .executeTakeFirstOrThrow()
      ).definition as FormDefinition)
    : undefined;
  const { definition, summary } = compare(draft, previous);
  const version = (form.published_version ?? 0) + 1;
  for (const change of summary.typeChanges) {
    await convertField(db, actor, formId, definition, change, dryRun);
  }
  if (dryRun) return { version, ...summary };
  await db
    .insertInto('form_versions')
    .values({
      workspace_id: actor.workspaceId,
      form_id: formId,
      version,
      definition: JSON.stringify(definition),
      published_by: actor.userId,
    })
    .execute();
  await db
    .updateTable('forms')
    .set({ published_version: version, draft: JSON.stringify(definition), updated_at: new Date() })
    .where('id', '=', formId)
    .execute();
  return { version, ...summary };
}

function compare(draft: FormDefinition, previous: FormDefinition | undefined) {
  const before = new Map((previous?.fields ?? []).map((f) => [f.id, f]));
  const now = new Set(draft.fields.map((f) => f.id));
  const kept = (previous?.fields ?? []).filter((f) => !now.has(f.id) && fieldType(f.type).storesValue);
  const definition: FormDefinition = {
    ...draft,
    fields: [...draft.fields, ...kept.map((f) => ({ ...f, hidden: true }))],
  };
  const summary: Omit<PublishSummary, 'version'> = { added: [], renamed: [], hidden: [], typeChanges: [] };
  for (const field of definition.fields) {
    const old = before.get(field.id);
    if (!old) {
      summary.added.push(field.id);
      continue;
    }
    if (field.hidden && !old.hidden) summary.hidden.push(field.id);
    if (old.label.zh !== field.label.zh || old.label.en !== field.label.en) {
      summary.renamed.push({
        fieldId: field.id,
        from: old.label.zh || old.label.en,
        to: field.label.zh || field.label.en,
      });
    }
    if (old.type !== field.type && fieldType(old.type).storesValue && fieldType(field.type).storesValue) {
      summary.typeChanges.push({
        fieldId: field.id,
        from: old.type,
        to: field.type,
        converted: 0,
        failed: [],
      });
    }
  }
  return { definition, summary };
}

async function convertField(
  db: Executor,
  actor: Actor,
  formId: string,
  definition: FormDefinition,
  change: TypeChange,
  dryRun: boolean,
): Promise<void> {
  const to = definition.fields.find((f) => f.id === change.fieldId) as FieldDef;
  const fromType = fieldType(change.from);
  const toType = fieldType(change.to);
  const fromField = { ...to, type: change.from } as FieldDef;
  const context = defaultFieldContext();
  let after = '';
  for (;;) {
    const rows = await db
      .selectFrom('records')
      .select(['id', sql<unknown>`data -> ${change.fieldId}`.as('value'), 'unconverted'])
      .where('form_id', '=', formId)
      .where('id', '>', after)
      .where(sql<boolean>`data ? ${change.fieldId}`)
      .orderBy('id')
      .limit(BATCH)
      .execute();
    if (!rows.length) return;
    after = rows.at(-1)!.id;
    const ids: string[] = [];
    const values: string[] = [];
    const unconverted: (string | null)[] = [];
    for (const row of rows) {
      if (row.value === null || row.value === undefined) continue;
      const text = fromType.toText(fromField, row.value as never);
      const result = toType.fromText(to, text, context);
      ids.push(row.id);
      if (result.ok) {
        change.converted++;
        values.push(JSON.stringify(result.value));
        unconverted.push(row.unconverted ? JSON.stringify(row.unconverted) : null);
      } else {
        change.failed.push({ recordId: row.id, value: row.value, message: result.message });
        values.push('null');
        unconverted.push(
          JSON.stringify({ ...row.unconverted, [change.fieldId]: { type: change.from, value: row.value } }),
        );
      }
    }
    if (dryRun || !ids.length) continue;
    await sql`
      update records as r
      set data = jsonb_set(r.data, ${sql.val([change.fieldId])}::text[], v.value::jsonb),
          unconverted = v.unconverted::jsonb, rev = r.rev + 1, updated_at = now(), updated_by = ${actor.userId}
      from (select unnest(${ids}::text[]) as id, unnest(${values}::text[]) as value,
                   unnest(${unconverted}::text[]) as unconverted) as v
      where r.id = v.id`.execute(db);
    await sql`
      insert into record_history (workspace_id, record_id, form_id, rev, action, actor_id, via, changes)
      select ${actor.workspaceId}, r.id, r.form_id, r.rev, 'convert', ${actor.userId}, 'system',
             jsonb_build_object(${change.fieldId}::text, jsonb_build_object('type', jsonb_build_array(${change.from}::text, ${change.to}::text)))
      from records r where r.id = any(${ids}::text[])`.execute(db);
  }
}
