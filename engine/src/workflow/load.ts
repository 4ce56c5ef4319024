import { sql } from 'kysely';
import { type Actor, SYSTEM_USER_ID } from '../accounts/actor';
import type { Executor } from '../db/schema';
import { ForbiddenError, NotFoundError } from '../errors';
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
  // One round trip: the instance (locked), its record's data and where the node runs' seq stands.
  const row = await trx
    .selectFrom('flow_instances as i')
    .innerJoin('records as r', 'r.id', 'i.record_id')
    .selectAll('i')
    .select(['r.data as record_data', 'r.form_version as record_form_version'])
    .select((eb) =>
      eb
        .selectFrom('flow_node_runs as n')
        .select((e) => e.fn.coalesce(e.fn.max('n.seq'), e.lit(0)).as('seq'))
        .whereRef('n.instance_id', '=', 'i.id')
        .as('last_seq'),
    )
    .where('i.workspace_id', '=', workspaceId)
    .where('i.id', '=', instanceId)
    .modifyEnd(sql`for update of i`)
    .executeTakeFirst();
  if (!row) throw new NotFoundError('The approval');
  const { record_data: data, record_form_version: formVersionOf, last_seq: lastSeq, ...instance } = row;
  const { definition: flow } = await flowVersion(trx, workspaceId, instance.workflow_id, instance.version);
  const { definition: form } = await formVersion(trx, workspaceId, instance.form_id, formVersionOf);
  return { trx, instance, flow, form, data, actorId, now, seq: Number(lastSeq ?? 0) + 1 };
}

/** The system as an actor (timers, automatic actions): it acts for the workspace, not for a person. */
export function systemActor(workspaceId: string): Actor {
  return { workspaceId, userId: SYSTEM_USER_ID, isAdmin: true, via: 'system' };
}

/**
 * Approvals are people's work: an API token limited to some apps does not reach the inbox, tasks,
 * instances or notifications (an unscoped token acts as its user).
 */
export function assertPersonal(actor: Actor): void {
  if (actor.scopes) {
    throw new ForbiddenError(
      'This API token is limited to app data; approvals need a session or an unscoped token.',
    );
  }
}
