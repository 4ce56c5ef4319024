import { type Actor, SYSTEM_USER_ID } from '../accounts/actor';
import type { Executor } from '../db/schema';
import { NotFoundError } from '../errors';
import { formVersion } from '../forms/forms';
import { flowVersion } from './definitions';
import type { Run } from './run';

/**
 * Locks the instance row (every step of one instance runs one at a time) and loads what a step
 * needs: the flow version it started on, the record's form and data, and where the seq stands.
 */
export async function lockRun(
  trx: Executor,
  workspaceId: string,
  instanceId: string,
  actorId: string | null,
  now = new Date(),
): Promise<Run> {
  const instance = await trx
    .selectFrom('flow_instances')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', instanceId)
    .forUpdate()
    .executeTakeFirst();
  if (!instance) throw new NotFoundError('The approval');
  const { definition: flow } = await flowVersion(trx, workspaceId, instance.workflow_id, instance.version);
  const record = await trx
    .selectFrom('records')
    .select(['data', 'form_version'])
    .where('id', '=', instance.record_id)
    .executeTakeFirstOrThrow();
  const { definition: form } = await formVersion(trx, workspaceId, instance.form_id, record.form_version);
  const last = await trx
    .selectFrom('flow_node_runs')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('instance_id', '=', instanceId)
    .executeTakeFirst();
  return { trx, instance, flow, form, data: record.data, actorId, now, seq: Number(last?.seq ?? 0) + 1 };
}

/** The system as an actor (timers, automatic actions): it acts for the workspace, not for a person. */
export function systemActor(workspaceId: string): Actor {
  return { workspaceId, userId: SYSTEM_USER_ID, isAdmin: true, via: 'system' };
}
