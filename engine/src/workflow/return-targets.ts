import type { WorkflowDefinition } from '@forecourt/schemas';
import { mayReturn } from '@forecourt/schemas';
import type { ReturnTarget } from '@forecourt/schemas/api';
import type { Executor } from '../db/schema';

export type { ReturnTarget };

/**
 * The steps a task may be returned to, nearest first: nodes where people act that the instance
 * passed before the task's own node run, on its path (the same rule the `return` action checks).
 */
export async function returnTargets(
  db: Executor,
  flow: WorkflowDefinition,
  instanceId: string,
  nodeRunId: string,
  nodeId: string,
): Promise<ReturnTarget[]> {
  const current = await db
    .selectFrom('flow_node_runs')
    .select('seq')
    .where('id', '=', nodeRunId)
    .executeTakeFirst();
  if (!current) return [];
  const passed = await db
    .selectFrom('flow_node_runs')
    .select('node_id')
    .where('instance_id', '=', instanceId)
    .where('status', '=', 'done')
    .where('seq', '<', current.seq)
    .orderBy('seq', 'desc')
    .execute();
  const out: ReturnTarget[] = [];
  for (const { node_id } of passed) {
    const node = flow.nodes.find((n) => n.id === node_id);
    if (!node || out.some((t) => t.nodeId === node_id)) continue;
    if (node.type !== 'start' && node.type !== 'approval' && node.type !== 'fill') continue;
    if (!mayReturn(flow, nodeId, node_id)) continue;
    out.push({ nodeId: node_id, label: node.label ?? null, type: node.type });
  }
  return out;
}
