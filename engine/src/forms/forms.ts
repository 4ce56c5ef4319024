import type { FormDefinition, Label } from '@forecourt/schemas';
import type { Form, FormVersionSummary } from '@forecourt/schemas/api';
import type { Selectable } from 'kysely';
import type { Actor } from '../accounts/actor';
import type { Executor, FormsTable } from '../db/schema';
import { NotFoundError } from '../errors';
import { newId } from '../ids';
import { getApp } from './apps';
import { assertValidDefinition } from './validate-definition';

export type FormView = Form;

function formView(row: Selectable<FormsTable>): FormView {
  return {
    id: row.id,
    appId: row.app_id,
    draft: row.draft as FormDefinition,
    publishedVersion: row.published_version,
  };
}

export async function listForms(db: Executor, workspaceId: string, appId: string): Promise<FormView[]> {
  await getApp(db, workspaceId, appId);
  const rows = await db
    .selectFrom('forms')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('app_id', '=', appId)
    .where('deleted_at', 'is', null)
    .orderBy('sort')
    .orderBy('created_at')
    .execute();
  return rows.map(formView);
}

export async function getForm(db: Executor, workspaceId: string, formId: string): Promise<FormView> {
  const row = await db
    .selectFrom('forms')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', formId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!row) throw new NotFoundError('The form');
  return formView(row);
}

/** Creates a form in an app with a draft; the draft is checked like any other. */
export async function createForm(
  db: Executor,
  actor: Actor,
  appId: string,
  input: {
    id?: string;
    title: Label;
    description?: Label;
    fields?: FormDefinition['fields'];
    sections?: FormDefinition['sections'];
  },
): Promise<FormView> {
  await getApp(db, actor.workspaceId, appId);
  const id = input.id ?? newId('frm');
  const draft: FormDefinition = {
    id,
    app: appId,
    title: input.title,
    ...(input.description ? { description: input.description } : {}),
    fields: input.fields ?? [],
    ...(input.sections ? { sections: input.sections } : {}),
  };
  await assertValidDefinition(db, actor.workspaceId, draft);
  const row = await db
    .insertInto('forms')
    .values({ id, workspace_id: actor.workspaceId, app_id: appId, draft: JSON.stringify(draft) })
    .returningAll()
    .executeTakeFirstOrThrow();
  return formView(row);
}

/** Replaces the draft. The id and app are the form's own and cannot be changed through it. */
export async function saveDraft(
  db: Executor,
  actor: Actor,
  formId: string,
  definition: FormDefinition,
): Promise<FormView> {
  const form = await getForm(db, actor.workspaceId, formId);
  const draft = { ...definition, id: form.id, app: form.appId };
  await assertValidDefinition(db, actor.workspaceId, draft);
  const row = await db
    .updateTable('forms')
    .set({ draft: JSON.stringify(draft), updated_at: new Date() })
    .where('workspace_id', '=', actor.workspaceId)
    .where('id', '=', formId)
    .returningAll()
    .executeTakeFirstOrThrow();
  return formView(row);
}

/** Published versions never change, so each is read from the database once per process. */
const versions = new Map<string, FormDefinition>();

export async function formVersion(
  db: Executor,
  workspaceId: string,
  formId: string,
  version?: number,
): Promise<{ version: number; definition: FormDefinition }> {
  const wanted = version ?? (await getForm(db, workspaceId, formId)).publishedVersion;
  if (wanted == null) throw new NotFoundError('A published version of this form');
  const key = `${workspaceId}/${formId}/${wanted}`;
  let definition = versions.get(key);
  if (!definition) {
    const row = await db
      .selectFrom('form_versions')
      .select('definition')
      .where('workspace_id', '=', workspaceId)
      .where('form_id', '=', formId)
      .where('version', '=', wanted)
      .executeTakeFirst();
    if (!row) throw new NotFoundError(`Version ${wanted} of this form`);
    definition = row.definition as FormDefinition;
    // Inside a transaction the version may still roll back and its number be reused: do not cache.
    if (!db.isTransaction) {
      if (versions.size > 5000) versions.clear();
      versions.set(key, definition);
    }
  }
  return { version: wanted, definition };
}

export type VersionSummary = FormVersionSummary;

/** The published versions of a form, newest first, with how many records each wrote. */
export async function listVersions(
  db: Executor,
  workspaceId: string,
  formId: string,
): Promise<VersionSummary[]> {
  await getForm(db, workspaceId, formId);
  const rows = await db
    .selectFrom('form_versions as v')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('records')
          .select(['form_version', (e) => e.fn.countAll<string>().as('n')])
          .where('form_id', '=', formId)
          .where('deleted_at', 'is', null)
          .groupBy('form_version')
          .as('r'),
      (join) => join.onRef('r.form_version', '=', 'v.version'),
    )
    .select(['v.version', 'v.published_at', 'v.published_by', 'r.n'])
    .where('v.workspace_id', '=', workspaceId)
    .where('v.form_id', '=', formId)
    .orderBy('v.version', 'desc')
    .execute();
  return rows.map((r) => ({
    version: r.version,
    publishedAt: r.published_at.toISOString(),
    publishedBy: r.published_by,
    records: Number(r.n ?? 0),
  }));
}
