import type { Executor } from '../db/schema';

/**
 * The form's workflow when it has a published version new submissions run (enabled), else null: the one
 * condition the form answer's `hasFlow` and the submit path both rest on.
 */
export async function publishedWorkflow(
  db: Executor,
  workspaceId: string,
  formId: string,
): Promise<{ id: string; version: number } | null> {
  const row = await db
    .selectFrom('workflows')
    .select(['id', 'published_version'])
    .where('workspace_id', '=', workspaceId)
    .where('form_id', '=', formId)
    .where('enabled', '=', true)
    .where('published_version', 'is not', null)
    .executeTakeFirst();
  return row?.published_version ? { id: row.id, version: row.published_version } : null;
}
