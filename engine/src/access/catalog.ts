import type { VisibleApp, VisibleForm } from '@forecourt/schemas/api';
import type { Actor } from '../accounts/actor';
import type { Executor } from '../db/schema';
import { ForbiddenError, NotFoundError } from '../errors';
import { type AppView, getApp, listApps } from '../forms/apps';
import { type FormView, formVersion, getForm, listForms } from '../forms/forms';
import { publishedWorkflow } from '../workflow/published';
import { appRoleOf, appsVisibleTo } from './app-roles';
import { formAccess } from './form-access';
import { ACTIONS } from './types';

/** A form as one user may see it, with what they may do on it. */
export type { VisibleForm };

/** Whether the actor sees everything in the workspace without asking the sets. */
function seesAll(actor: Actor): boolean {
  return (actor.isAdmin || actor.via === 'system') && !actor.scopes;
}

/** The apps of the app list: for others than admins, those they hold a role in or a set of. */
export async function visibleApps(db: Executor, actor: Actor): Promise<AppView[]> {
  const apps = await listApps(db, actor.workspaceId);
  if (seesAll(actor)) return apps;
  const ids = new Set(await appsVisibleTo(db, actor));
  return apps.filter((a) => ids.has(a.id));
}

/** Whether the actor builds this app's forms: a workspace admin or an app admin, never through a scoped token. */
async function managesApp(db: Executor, actor: Actor, appId: string): Promise<boolean> {
  if (actor.scopes) return false;
  return actor.isAdmin || (await appRoleOf(db, actor, appId)) === 'admin';
}

/**
 * One app and the forms in it the actor may use, and whether they build its forms (`manages`: then every
 * form, drafts included); an app they may not see is "not found".
 */
export async function visibleApp(db: Executor, actor: Actor, appId: string): Promise<VisibleApp> {
  const app = await getApp(db, actor.workspaceId, appId);
  const forms = await listForms(db, actor.workspaceId, appId);
  if (seesAll(actor)) return { app, forms, manages: !actor.scopes };
  if (await managesApp(db, actor, appId)) return { app, forms, manages: true };
  if (!(await appsVisibleTo(db, actor)).includes(appId)) throw new NotFoundError('The app');
  const shown: FormView[] = [];
  for (const form of forms) {
    if (form.publishedVersion == null) continue;
    const visible = await seenForm(db, actor, form.id).catch((error) => {
      if (error instanceof NotFoundError) return null;
      throw error;
    });
    if (visible) shown.push(visible.form);
  }
  return { app, forms: shown, manages: false };
}

/**
 * A form for the actor: admins (of the workspace or the app) get the draft and the whole published
 * definition; others only a published form some set gives them something on, with the draft
 * replaced by what they may see of the published one. Otherwise "not found".
 */
export async function visibleForm(db: Executor, actor: Actor, formId: string): Promise<VisibleForm> {
  const seen = await seenForm(db, actor, formId);
  return { ...seen, hasFlow: (await publishedWorkflow(db, actor.workspaceId, formId)) !== null };
}

async function seenForm(db: Executor, actor: Actor, formId: string): Promise<Omit<VisibleForm, 'hasFlow'>> {
  const form = await getForm(db, actor.workspaceId, formId);
  if (seesAll(actor)) {
    const published = form.publishedVersion
      ? (await formVersion(db, actor.workspaceId, formId)).definition
      : null;
    return { form, published, actions: [...ACTIONS], manages: true };
  }
  if (form.publishedVersion == null) {
    // A draft is its builders' business: the app's admins see it whole, everyone else not at all.
    if (await managesApp(db, actor, form.appId))
      return { form, published: null, actions: [...ACTIONS], manages: true };
    throw new NotFoundError('The form');
  }
  const access = await formAccess(db, actor, formId);
  const actions = ACTIONS.filter((a) => access.can(a));
  if (!actions.length) throw new NotFoundError('The form');
  if (access.manages) return { form, published: access.definition, actions, manages: true };
  const published = access.visibleDefinition();
  return { form: { ...form, draft: published }, published, actions, manages: false };
}

/**
 * Throws 403 unless the actor may build the app's forms: a workspace admin or an admin of the
 * app. Never a token limited to apps: integrations read and write data, they do not design forms.
 */
export async function assertManagesApp(db: Executor, actor: Actor, appId: string): Promise<void> {
  await getApp(db, actor.workspaceId, appId); // another workspace's app is a 404
  if (actor.scopes) throw new ForbiddenError('This API token is limited to app data.');
  if (await managesApp(db, actor, appId)) return;
  throw new ForbiddenError('Only administrators of this app can change its forms.');
}

export async function assertManagesForm(db: Executor, actor: Actor, formId: string): Promise<void> {
  const form = await getForm(db, actor.workspaceId, formId);
  await assertManagesApp(db, actor, form.appId);
}
