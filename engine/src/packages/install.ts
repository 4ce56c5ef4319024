import type { FormDefinition, PackageBody, RecordQuery } from '@forecourt/schemas';
import type { Kysely } from 'kysely';
import type { Actor } from '../accounts/actor';
import type { Database, Executor } from '../db/schema';
import { inTransaction } from '../db/transaction';
import { ConflictError, DomainError, ForbiddenError } from '../errors';
import { createApp } from '../forms/apps';
import { createForm, formVersion } from '../forms/forms';
import { publishForm } from '../forms/publish';
import { assertValidDefinition } from '../forms/validate-definition';
import { ensureIndexes, ensureQueryIndexes } from '../query/indexes';
import { createView } from '../views/views';
import { publishWorkflow, saveWorkflowDraft } from '../workflow/definitions';
import { assertValidPackage, relationTargets } from './check';
import { type IdPolicy, type PackageIdMap, planIds, remapForm, remapView, remapWorkflow } from './ids';
import { insertSamples, type SampleRequest } from './samples';

export interface InstallOptions {
  /** How package ids become workspace ids (see `IdPolicy`); `fresh` unless said. */
  ids?: IdPolicy;
  /** Sample records to store with a first install (a shipped package's generator). */
  samples?: SampleRequest;
}

export interface InstallResult {
  packageId: string;
  version: string;
  /** False when this version was already installed: then nothing was changed. */
  installed: boolean;
  idMap: PackageIdMap;
  /** Sample records stored (0 unless asked for, and always 0 when nothing was installed). */
  samples: number;
}

/**
 * Installs a package into the actor's workspace: its apps, then its forms (each checked and published,
 * relation targets first), their flows (published) and shared views, all through the same services an
 * admin's requests go through, in one transaction: the whole package or nothing. Installing the version
 * already installed changes nothing and answers the recorded id map; another version is a conflict
 * (upgrades are not built yet). Problems carry paths into the package body (`/forms/1/fields/2/target`).
 */
export async function installPackage(
  db: Executor,
  actor: Actor,
  body: unknown,
  options: InstallOptions = {},
): Promise<InstallResult> {
  if (!actor.isAdmin || actor.scopes) throw new ForbiddenError('Only administrators can install packages.');
  assertValidPackage(body);
  const { id: packageId, version } = body.manifest;
  return inTransaction(db, async (trx) => {
    // The row first: a second install of the same package waits here until the first commits.
    const claimed = await trx
      .insertInto('installed_packages')
      .values({
        workspace_id: actor.workspaceId,
        package_id: packageId,
        version,
        id_map: JSON.stringify({}),
        installed_by: actor.userId,
      })
      .onConflict((oc) => oc.columns(['workspace_id', 'package_id']).doNothing())
      .returning('package_id')
      .executeTakeFirst();
    if (!claimed) {
      const row = await trx
        .selectFrom('installed_packages')
        .select(['version', 'id_map'])
        .where('workspace_id', '=', actor.workspaceId)
        .where('package_id', '=', packageId)
        .executeTakeFirstOrThrow();
      if (row.version !== version)
        throw new ConflictError(
          `Version ${row.version} of this package is installed; upgrades are not supported yet.`,
          [
            {
              path: '/manifest/version',
              message: `installed: ${row.version}`,
              code: 'package.other_version',
              params: { installed: row.version },
            },
          ],
        );
      return { packageId, version, installed: false, idMap: row.id_map, samples: 0 };
    }
    const idMap = await planIds(trx, actor.workspaceId, body, options.ids ?? 'fresh');
    await installApps(trx, actor, body, idMap);
    for (const index of formOrder(body.forms)) {
      const form = remapForm(body.forms[index] as FormDefinition, idMap);
      await at(`/forms/${index}`, async () => {
        await assertValidDefinition(trx, actor.workspaceId, form);
        await createForm(trx, actor, form.app, form);
        await publishForm(trx, actor, form.id);
      });
    }
    for (const [index, flow] of body.workflows.entries()) {
      const remapped = remapWorkflow(flow, idMap);
      const saved = await at(`/workflows/${index}`, async () => {
        await saveWorkflowDraft(trx, actor, remapped.formId, remapped);
        return publishWorkflow(trx, actor, remapped.formId);
      });
      idMap.workflows[flow.formId] = saved.id;
    }
    for (const [index, view] of body.views.entries()) {
      const { id, formId, name, query, columns, sort } = remapView(view, idMap);
      await at(`/views/${index}`, () =>
        createView(trx, actor, formId, { name, shared: true, query, columns, sort }, id),
      );
    }
    const samples = options.samples ? await insertSamples(trx, actor, options.samples, idMap) : 0;
    await trx
      .updateTable('installed_packages')
      .set({ id_map: JSON.stringify(idMap) })
      .where('workspace_id', '=', actor.workspaceId)
      .where('package_id', '=', packageId)
      .execute();
    return { packageId, version, installed: true, idMap, samples };
  });
}

/**
 * The indexes of what was installed: after the commit, since PostgreSQL builds them CONCURRENTLY,
 * which cannot run in a transaction (as after publishing a form or saving a view).
 */
export async function indexInstalledPackage(
  db: Kysely<Database>,
  mode: 'postgres' | 'pglite',
  workspaceId: string,
  body: PackageBody,
  result: InstallResult,
): Promise<void> {
  if (!result.installed) return;
  for (const form of body.forms) {
    const formId = result.idMap.forms[form.id] ?? form.id;
    const { definition } = await formVersion(db, workspaceId, formId);
    await ensureIndexes(db, mode, formId, definition);
    for (const view of body.views.filter((v) => v.formId === form.id))
      if (view.query) await ensureQueryIndexes(db, mode, formId, definition, view.query as RecordQuery);
  }
}

async function installApps(
  db: Executor,
  actor: Actor,
  body: PackageBody,
  idMap: PackageIdMap,
): Promise<void> {
  const ids = Object.values(idMap.apps);
  const existing = new Set(
    (
      await db
        .selectFrom('apps')
        .select('id')
        .where('workspace_id', '=', actor.workspaceId)
        .where('id', 'in', ids)
        .execute()
    ).map((a) => a.id),
  );
  for (const [index, app] of body.manifest.apps.entries()) {
    const id = idMap.apps[app.id] as string;
    if (existing.has(id)) continue; // `package` ids: the workspace's app of that id is shared
    await at(`/manifest/apps/${index}`, () => createApp(db, actor, { id, name: app.name, icon: app.icon }));
  }
}

/** Forms in an order where each relation's target comes first; a circle keeps the manifest's order. */
function formOrder(forms: FormDefinition[]): number[] {
  const index = new Map(forms.map((f, i) => [f.id, i]));
  const done = new Set<number>();
  const visiting = new Set<number>();
  const order: number[] = [];
  const visit = (i: number) => {
    if (done.has(i) || visiting.has(i)) return;
    visiting.add(i);
    for (const [, target] of relationTargets(forms[i]?.fields, '')) {
      const t = index.get(target);
      if (t !== undefined && t !== i) visit(t);
    }
    visiting.delete(i);
    done.add(i);
    order.push(i);
  };
  for (const i of forms.keys()) visit(i);
  return order;
}

/** Runs one step of the install, answering its problems with paths into the package body. */
async function at<T>(path: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof DomainError) || error.code === 'forbidden') throw error;
    const details = error.details.length
      ? error.details.map((d) => ({ ...d, path: d.path === '/' ? path : `${path}${d.path}` }))
      : [{ path, message: error.message }];
    throw new DomainError(error.code, error.message, details);
  }
}
