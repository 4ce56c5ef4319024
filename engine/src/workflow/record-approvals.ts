import type { RecordAction, RecordApprovals } from '@forecourt/schemas/api';
import { formAccess } from '../access/form-access';
import type { Actor } from '../accounts/actor';
import type { Executor } from '../db/schema';
import { NotFoundError } from '../errors';
import { currentFlow } from './definitions';
import { assertPersonal } from './load';

export type RecordApproval = RecordApprovals['approvals'][number];

/** What the record page may offer the reader on this record now. */
export type RecordPageAction = RecordAction;

/**
 * A record's approvals, newest first, and the actions the reader may take on it now, for the record
 * page: it links to each approval's timeline (`GET /api/instances/:id`) and shows only the buttons
 * that can work. The routes behind the buttons still decide (withdraw, for one, also needs nobody
 * to have acted yet); this only spares people buttons that are sure to fail. A record the reader
 * may not see is "not found", as on the records API. Approvals are people's work: an app-scoped API
 * token gets 403, as on the inbox and instances.
 */
export async function recordApprovals(
  db: Executor,
  actor: Actor,
  formId: string,
  recordId: string,
): Promise<RecordApprovals> {
  assertPersonal(actor);
  const access = await formAccess(db, actor, formId);
  const row = await db
    .selectFrom('records')
    .select(['owner_id', 'flow_state'])
    .select(access.flags().as('_access'))
    .where('workspace_id', '=', actor.workspaceId)
    .where('form_id', '=', formId)
    .where('id', '=', recordId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!row || !access.reaches(row._access, 'view')) throw new NotFoundError('The record');
  const instances = await db
    .selectFrom('flow_instances as i')
    .leftJoin('users as u', 'u.id', 'i.submitter_id')
    .select(['i.id', 'i.status', 'i.version', 'i.submitter_id', 'u.name', 'i.started_at', 'i.ended_at'])
    .where('i.workspace_id', '=', actor.workspaceId)
    .where('i.record_id', '=', recordId)
    .orderBy('i.started_at', 'desc')
    .orderBy('i.id', 'desc')
    .execute();
  const approvals = instances.map((i) => ({
    id: i.id,
    status: i.status,
    version: i.version,
    submitter: i.submitter_id ? { id: i.submitter_id, name: i.name ?? '' } : null,
    startedAt: i.started_at.toISOString(),
    endedAt: i.ended_at?.toISOString() ?? null,
  }));
  const running = row.flow_state === 'running';
  const latest = approvals[0];
  const actions: RecordPageAction[] = [];
  if (!running && access.reaches(row._access, 'edit')) actions.push('edit');
  if (!running && access.reaches(row._access, 'delete')) actions.push('delete');
  if (access.reaches(row._access, 'print')) actions.push('print');
  if (
    !running &&
    // An approved record is settled; rejected and withdrawn ones may go round again.
    row.flow_state !== 'approved' &&
    access.can('create') &&
    (access.manages || row.owner_id === actor.userId) &&
    (await currentFlow(db, actor.workspaceId, formId))
  )
    actions.push('submit');
  if (running && latest?.status === 'running') {
    if (latest.submitter?.id === actor.userId) actions.push('withdraw');
    if (latest.submitter?.id === actor.userId || actor.isAdmin) actions.push('urge');
  }
  return { approvals, actions };
}
