import type { SubflowNode } from '@forecourt/schemas';
import { relatedIds } from '../../records/compute';
import { currentFlow } from '../definitions';
import { lockRun } from '../load';
import { closeNodeRun, event, openNodeRun, type Run } from '../run';
import { startInstance } from '../start';
import { type Arrival, leave } from '../step';

/** Jiandaoyun's bound on the instances one sub-flow node may start. */
const MAX_CHILDREN = 200;

/**
 * Starts the flow of the related form on each record the relation field points at (as the same
 * submitter). With `wait`, the node stays open until every started instance has ended; without,
 * the flow goes on at once. A related record already in a running flow, or whose form has no
 * published flow, is passed over (the timeline says so).
 */
export const subflowNode = {
  async enter(run: Run, node: SubflowNode, arrival: Arrival): Promise<void> {
    const nodeRunId = await openNodeRun(run, node.id, 'active', arrival.returnTo ?? null);
    const relation = run.form.fields.find((f) => f.id === node.relationField);
    const ids = relatedIds(run.data[node.relationField]).slice(0, MAX_CHILDREN);
    const targetForm = String(relation?.target ?? '');
    const flow = relation ? await currentFlow(run.trx, run.instance.workspace_id, targetForm) : null;
    const started: string[] = [];
    const passed: { recordId: string; reason: string }[] = [];
    for (const recordId of ids) {
      const record = await run.trx
        .selectFrom('records')
        .select(['flow_state'])
        .where('workspace_id', '=', run.instance.workspace_id)
        .where('form_id', '=', targetForm)
        .where('id', '=', recordId)
        .where('deleted_at', 'is', null)
        .forUpdate()
        .executeTakeFirst();
      const reason = !flow
        ? 'the related form has no published flow'
        : !record
          ? 'the related record no longer exists'
          : record.flow_state === 'running'
            ? 'the related record is already in an approval'
            : null;
      if (reason || !flow) {
        passed.push({ recordId, reason: reason ?? '' });
        continue;
      }
      started.push(
        await startInstance(run.trx, {
          workspaceId: run.instance.workspace_id,
          formId: targetForm,
          recordId,
          submitterId: run.instance.submitter_id,
          flow,
          parent: { instanceId: run.instance.id, ...(node.wait ? { nodeRunId } : {}) },
        }),
      );
    }
    await event(run, 'subflow.started', {
      nodeId: node.id,
      details: { nodeRunId, started, passed, wait: node.wait },
    });
    if (node.wait && (await runningChildren(run, nodeRunId)) > 0) return;
    await closeNodeRun(run, nodeRunId, 'done');
    await leave(run, node.id, arrival.returnTo);
  },
};

async function runningChildren(run: Run, nodeRunId: string): Promise<number> {
  const row = await run.trx
    .selectFrom('flow_instances')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('parent_node_run_id', '=', nodeRunId)
    .where('status', '=', 'running')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * A sub-flow's instance ended: if its parent node waits for it and it was the last one running,
 * the parent goes on (under the parent's own lock, in the same transaction). While the parent node
 * is still starting its children (no `subflow.started` yet), the node decides that itself.
 */
export async function wakeParent(child: Run): Promise<void> {
  const { parent_instance_id: parentId, parent_node_run_id: nodeRunId } = child.instance;
  if (!parentId || !nodeRunId) return;
  const parent = await lockRun(child.trx, child.instance.workspace_id, parentId, null, child.now);
  const current = await parent.trx
    .selectFrom('flow_node_runs')
    .selectAll()
    .where('id', '=', nodeRunId)
    .executeTakeFirst();
  if (current?.status !== 'active' || parent.instance.status !== 'running') return;
  const ready = await parent.trx
    .selectFrom('flow_events')
    .select('id')
    .where('instance_id', '=', parentId)
    .where('action', '=', 'subflow.started')
    .where('node_id', '=', current.node_id)
    .orderBy('id', 'desc')
    .executeTakeFirst();
  if (!ready || (await runningChildren(parent, nodeRunId)) > 0) return;
  await closeNodeRun(parent, nodeRunId, 'done');
  await event(parent, 'subflow.done', { nodeId: current.node_id, details: { nodeRunId } });
  await leave(parent, current.node_id, current.return_to);
}
