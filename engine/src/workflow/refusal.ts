/** Who may follow an approval (its timeline, its failure), and what a refused action answers. */
import { formAccess } from '../access/form-access';
import type { Actor } from '../accounts/actor';
import type { Executor } from '../db/schema';
import { type DomainError, ForbiddenError, NotFoundError } from '../errors';

/**
 * The answer to someone refused an action on an instance: 403 with the reason to whoever may follow
 * it, "not found" to anyone else, exactly like an id that does not exist (an id reveals nothing).
 */
export async function refusal(
  db: Executor,
  actor: Actor,
  instanceId: string,
  reason: string,
): Promise<DomainError> {
  const instance = await db
    .selectFrom('flow_instances')
    .select(['id', 'submitter_id', 'form_id', 'record_id'])
    .where('workspace_id', '=', actor.workspaceId)
    .where('id', '=', instanceId)
    .executeTakeFirst();
  if (instance && (await mayFollow(db, actor, instance))) return new ForbiddenError(reason);
  return new NotFoundError('The approval');
}

export async function mayFollow(
  db: Executor,
  actor: Actor,
  instance: { id: string; submitter_id: string | null; form_id: string; record_id: string },
): Promise<boolean> {
  if ((actor.isAdmin && !actor.scopes) || instance.submitter_id === actor.userId) return true;
  const task = await db
    .selectFrom('flow_tasks')
    .select('id')
    .where('instance_id', '=', instance.id)
    .where('assignee_id', '=', actor.userId)
    .executeTakeFirst();
  if (task) return true;
  const access = await formAccess(db, actor, instance.form_id).catch(() => null);
  if (!access?.can('view')) return false;
  const row = await db
    .selectFrom('records')
    .select(access.flags().as('_access'))
    .where('id', '=', instance.record_id)
    .executeTakeFirst();
  return !!row && access.reaches(row._access, 'view');
}
