import type { SubflowNode } from '@forecourt/schemas';
import { relatedIds } from '../../records/compute';
import { currentFlow } from '../definitions';
import { type Arrival, leaveTo, type NodeKind, type OpenNodeRun, WAIT } from '../kinds';
import { closeNodeRun, event, openNodeRun, type Run } from '../run';
import { startInstance } from '../start';

/** Jiandaoyun's bound on the instances one sub-flow node may start. */
const MAX_CHILDREN = 200;

/**
 * Starts the flow of the related form on each record the relation field points at (as the same
 * submitter). With `wait`, the node stays open until every started instance has ended; without,
 * the flow goes on at once. A related record already in a running flow, or whose form has no
 * published flow, is passed over (the timeline says so).
 */
export const subflowNode: NodeKind<SubflowNode> = {
  async enter(run: Run, node: SubflowNode, arrival: Arrival) {
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
    if (node.wait && (await runningChildren(run, nodeRunId)) > 0) return WAIT;
    await closeNodeRun(run, nodeRunId, 'done');
    return leaveTo(arrival.returnTo);
  },

  /**
   * A started instance ended (step.ts's `finishInstance`, under this instance's lock in the same
   * transaction): the node goes on when it was the last one running. While the node is still starting
   * its children (no `subflow.started` yet), `enter` decides that itself.
   */
  async resume(run: Run, node: SubflowNode, nodeRun: OpenNodeRun) {
    const ready = await run.trx
      .selectFrom('flow_events')
      .select('id')
      .where('instance_id', '=', run.instance.id)
      .where('action', '=', 'subflow.started')
      .where('node_id', '=', node.id)
      .orderBy('id', 'desc')
      .executeTakeFirst();
    if (!ready || (await runningChildren(run, nodeRun.id)) > 0) return WAIT;
    await closeNodeRun(run, nodeRun.id, 'done');
    await event(run, 'subflow.done', { nodeId: node.id, details: { nodeRunId: nodeRun.id } });
    return leaveTo(nodeRun.return_to);
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
