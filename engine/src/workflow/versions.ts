import type { WorkflowVersionSummary } from '@forecourt/schemas/api';
import { assertManagesForm } from '../access/catalog';
import type { Actor } from '../accounts/actor';
import type { Executor } from '../db/schema';

/** One published version of a form's flow, with how many instances it started and still runs. */
export type { WorkflowVersionSummary };

/**
 * The version history the designer shows (app admins): newest first. Two grouped reads, whatever the
 * number of instances; a form without a flow has no versions.
 */
export async function workflowVersions(
  db: Executor,
  actor: Actor,
  formId: string,
): Promise<WorkflowVersionSummary[]> {
  await assertManagesForm(db, actor, formId);
  const flow = await db
    .selectFrom('workflows')
    .select('id')
    .where('workspace_id', '=', actor.workspaceId)
    .where('form_id', '=', formId)
    .executeTakeFirst();
  if (!flow) return [];
  const versions = await db
    .selectFrom('workflow_versions as v')
    .leftJoin('users as u', (join) =>
      join.onRef('u.id', '=', 'v.published_by').onRef('u.workspace_id', '=', 'v.workspace_id'),
    )
    .select(['v.version', 'v.published_at', 'v.published_by', 'u.name'])
    .where('v.workspace_id', '=', actor.workspaceId)
    .where('v.workflow_id', '=', flow.id)
    .orderBy('v.version', 'desc')
    .execute();
  const counts = await db
    .selectFrom('flow_instances')
    .select((eb) => [
      'version',
      eb.fn.countAll<string>().as('instances'),
      eb.fn.count<string>(eb.case().when('status', '=', 'running').then(1).end()).as('running'),
    ])
    .where('workspace_id', '=', actor.workspaceId)
    .where('workflow_id', '=', flow.id)
    .groupBy('version')
    .execute();
  const byVersion = new Map(counts.map((c) => [Number(c.version), c]));
  return versions.map((v) => {
    const count = byVersion.get(Number(v.version));
    return {
      version: Number(v.version),
      publishedAt: new Date(v.published_at).toISOString(),
      publishedBy: v.published_by && v.name ? { id: v.published_by, name: v.name } : null,
      running: Number(count?.running ?? 0),
      instances: Number(count?.instances ?? 0),
    };
  });
}
