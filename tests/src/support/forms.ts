import { type Actor, createApp, createForm, ensureWorkspace, publishForm } from '@forecourt/engine';
import type { FormDefinition } from '@forecourt/schemas';
import type { TestDatabase } from './db';

/** Creates the apps and forms directly through the engine and publishes them (for engine-level tests). */
export async function installForEngine(
  database: TestDatabase,
  actor: Actor,
  forms: FormDefinition[],
): Promise<void> {
  const apps = new Set<string>();
  for (const form of forms) {
    await database.db.transaction().execute(async (trx) => {
      if (!apps.has(form.app)) {
        const exists = await trx
          .selectFrom('apps')
          .select('id')
          .where('id', '=', form.app)
          .executeTakeFirst();
        if (!exists) await createApp(trx, actor, { id: form.app, name: { zh: form.app, en: form.app } });
        apps.add(form.app);
      }
      await createForm(trx, actor, form.app, { id: form.id, title: form.title, fields: form.fields });
      await publishForm(trx, actor, form.id);
    });
  }
}

/** The first workspace of a test database, and its admin as the acting user of engine-level tests. */
export async function workspaceAdmin(database: TestDatabase): Promise<Actor> {
  const boot = await database.db
    .transaction()
    .execute((trx) => ensureWorkspace(trx, { adminPassword: 'admin-password-1' }));
  const admin = await database.db
    .selectFrom('users')
    .select('id')
    .where('workspace_id', '=', boot.workspaceId)
    .executeTakeFirstOrThrow();
  return { workspaceId: boot.workspaceId, userId: admin.id, isAdmin: true, via: 'system' };
}
