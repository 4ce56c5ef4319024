import type { HumanNode } from '@forecourt/schemas';
import type { TaskView } from '@forecourt/schemas/api';
import { hasField } from '../access/compile';
import type { Actor } from '../accounts/actor';
import type { Executor } from '../db/schema';
import { NotFoundError } from '../errors';
import { formVersion } from '../forms/forms';
import { flowVersion } from './definitions';
import { fieldPermission, submitterLimits } from './edits';
import { recordTitles, taskSight } from './inbox-titles';
import { assertPersonal } from './load';
import { returnTargets } from './return-targets';

export type { TaskView };

/**
 * A task with its record as the node shows it: the task payload respects the node's field
 * permissions (hidden fields never leave the server). For its assignee, and admins.
 */
export async function taskView(db: Executor, actor: Actor, taskId: string): Promise<TaskView> {
  assertPersonal(actor);
  const row = await db
    .selectFrom('flow_tasks as t')
    .innerJoin('flow_instances as i', 'i.id', 't.instance_id')
    .innerJoin('records as r', 'r.id', 'i.record_id')
    .leftJoin('users as s', 's.id', 'i.submitter_id')
    .select([
      't.node_run_id',
      'i.started_at',
      's.name as submitter_name',
      't.id',
      't.node_id',
      't.kind',
      't.status',
      't.due_at',
      't.created_at',
      't.assignee_id',
      'i.id as instance_id',
      'i.status as instance_status',
      'i.form_id',
      'i.record_id',
      'i.submitter_id',
      'i.workflow_id',
      'i.version',
      'r.rev',
      'r.data',
      'r.form_version',
    ])
    .where('t.workspace_id', '=', actor.workspaceId)
    .where('t.id', '=', taskId)
    .executeTakeFirst();
  if (!row || (row.assignee_id !== actor.userId && !(actor.isAdmin && !actor.scopes)))
    throw new NotFoundError('The task');
  const { definition: flow } = await flowVersion(db, actor.workspaceId, row.workflow_id, row.version);
  const { definition: form } = await formVersion(db, actor.workspaceId, row.form_id, row.form_version);
  const node = flow.nodes.find((n) => n.id === row.node_id)!;
  // What `actOnTask` would take: a pending task, on a running flow unless it is a copy. A handled one
  // (approved, cancelled, waiting for an added signer) offers nothing, rather than buttons that 409.
  const open = row.status === 'pending' && (row.kind === 'cc' || row.instance_status === 'running');
  const fields: TaskView['fields'] = {};
  const data: Record<string, unknown> = {};
  // Back at the start node, the submitter sees and changes what their permission sets allow.
  const own =
    node.type === 'start'
      ? await submitterLimits(
          db,
          { instance: { workspace_id: actor.workspaceId, form_id: row.form_id, record_id: row.record_id } },
          row.assignee_id,
        )
      : null;
  for (const field of form.fields) {
    let permission = row.kind === 'cc' ? 'read' : fieldPermission(node, field.id);
    if (own && !hasField(own.readable, field.id)) permission = 'hidden';
    if (own && permission !== 'hidden' && !hasField(own.editable, field.id)) permission = 'read';
    if (permission === 'hidden') continue;
    if (!open && permission === 'edit') permission = 'read';
    fields[field.id] = permission;
    if (field.id in row.data) data[field.id] = row.data[field.id];
  }
  const offered = (node as HumanNode).actions ?? {};
  const actions = !open
    ? []
    : row.kind === 'cc'
      ? ['read']
      : node.type === 'start'
        ? ['approve', 'saveDraft']
        : (['approve', 'reject', 'return', 'transfer', 'addSigner', 'saveDraft'] as const).filter(
            (a) => offered[a] !== false,
          );
  return {
    task: {
      id: row.id,
      nodeId: row.node_id,
      kind: row.kind,
      status: row.status,
      dueAt: row.due_at?.toISOString() ?? null,
      createdAt: row.created_at.toISOString(),
    },
    node: {
      label: node.label ?? null,
      requireComment: (node as HumanNode).requireComment === true,
      requireSignature: (node as HumanNode).requireSignature === true,
    },
    instance: {
      id: row.instance_id,
      status: row.instance_status,
      formId: row.form_id,
      recordId: row.record_id,
      submitterId: row.submitter_id,
    },
    record: { id: row.record_id, rev: row.rev, data },
    fields,
    actions: [...actions],
    returnTargets: (actions as readonly string[]).includes('return')
      ? await returnTargets(db, flow, row.instance_id, row.node_run_id, row.node_id)
      : [],
    title: (
      await recordTitles(db, actor, [
        { formId: row.form_id, recordId: row.record_id, sight: taskSight(node, row.kind) },
      ])
    )[0]!,
    submitter: row.submitter_id ? { id: row.submitter_id, name: row.submitter_name ?? '' } : null,
    submittedAt: row.started_at.toISOString(),
  };
}
