import type {
  FieldDef,
  FormDefinition,
  PackageBody,
  PackageView,
  WorkflowDefinition,
} from '@forecourt/schemas';
import type { Executor, PackageIdMapJson } from '../db/schema';
import { newId } from '../ids';

export type PackageIdMap = PackageIdMapJson;

/**
 * How package ids become workspace ids. `fresh`: every app, form and view gets a new id, so one
 * package installs into any number of workspaces. `package`: a form or view keeps the package's id
 * when no workspace uses it yet, and an app the workspace already has under that id is shared; any
 * clash gets a fresh id. Either way every reference is rewritten through the same map.
 */
export type IdPolicy = 'fresh' | 'package';

export async function planIds(
  db: Executor,
  workspaceId: string,
  body: PackageBody,
  policy: IdPolicy,
): Promise<PackageIdMap> {
  const map: PackageIdMap = { apps: {}, forms: {}, views: {}, workflows: {} };
  const appIds = body.manifest.apps.map((a) => a.id);
  const formIds = body.forms.map((f) => f.id);
  const viewIds = body.views.map((v) => v.id);
  if (policy === 'fresh') {
    for (const id of appIds) map.apps[id] = newId('app');
    for (const id of formIds) map.forms[id] = newId('frm');
    for (const id of viewIds) map.views[id] = newId('viw');
    return map;
  }
  const apps = appIds.length
    ? await db.selectFrom('apps').select(['id', 'workspace_id']).where('id', 'in', appIds).execute()
    : [];
  for (const id of appIds) {
    const taken = apps.find((a) => a.id === id);
    map.apps[id] = !taken || taken.workspace_id === workspaceId ? id : newId('app');
  }
  const takenForms = await taken(db, 'forms', formIds);
  for (const id of formIds) map.forms[id] = takenForms.has(id) ? newId('frm') : id;
  const takenViews = await taken(db, 'views', viewIds);
  for (const id of viewIds) map.views[id] = takenViews.has(id) ? newId('viw') : id;
  return map;
}

async function taken(db: Executor, table: 'forms' | 'views', ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db.selectFrom(table).select('id').where('id', 'in', ids).execute();
  return new Set(rows.map((r) => r.id));
}

function mapped(table: Record<string, string>, id: string): string {
  return table[id] ?? id;
}

/** A form definition with its own id, its app and its relations' targets rewritten. */
export function remapForm(form: FormDefinition, map: PackageIdMap): FormDefinition {
  return {
    ...form,
    id: mapped(map.forms, form.id),
    app: mapped(map.apps, form.app),
    fields: remapFields(form.fields, map),
  };
}

function remapFields(fields: FieldDef[], map: PackageIdMap): FieldDef[] {
  return fields.map((field) => {
    let out = field;
    if (field.type === 'relation' && typeof field.target === 'string')
      out = { ...out, target: mapped(map.forms, field.target) };
    if (Array.isArray(field.fields)) out = { ...out, fields: remapFields(field.fields as FieldDef[], map) };
    return out;
  });
}

/** A flow with its form and the forms its actions create records in rewritten. */
export function remapWorkflow(flow: WorkflowDefinition, map: PackageIdMap): WorkflowDefinition {
  return {
    ...flow,
    formId: mapped(map.forms, flow.formId),
    nodes: flow.nodes.map((node) =>
      node.type === 'action'
        ? {
            ...node,
            actions: node.actions.map((action) =>
              action.kind === 'createRecord'
                ? { ...action, formId: mapped(map.forms, action.formId) }
                : action,
            ),
          }
        : node,
    ),
  };
}

export function remapView(view: PackageView, map: PackageIdMap): PackageView {
  return { ...view, id: mapped(map.views, view.id), formId: mapped(map.forms, view.formId) };
}
