import { outgoing } from '@forecourt/schemas';
import type { InstanceStatus } from '../db/schema';
import { DomainError } from '../errors';
import { endInstance } from './finish';
import { type Arrival, nodeKind, type Outcome } from './kinds';
import { lockRun } from './load';
import { nodeOf, type Run } from './run';

/**
 * The step loop: it enters nodes, asks their kind what comes next (an `Outcome`) and acts on it. Kinds
 * are looked up in the registry (kinds.ts), so no node module is imported here.
 */

/** Bound on the nodes one step may pass through: the graph is acyclic, so this only stops a bug. */
const MAX_NODES_PER_STEP = 500;
const steps = new WeakMap<Run, number>();

export async function enter(run: Run, nodeId: string, arrival: Arrival = {}): Promise<void> {
  // Nothing more happens in an ended flow, nor on the branches a join "any" closed earlier in the
  // step (a split enters its branches one after another: the first may reach the join at once).
  if (run.instance.status !== 'running' || run.closed?.has(nodeId)) return;
  const count = (steps.get(run) ?? 0) + 1;
  steps.set(run, count);
  if (count > MAX_NODES_PER_STEP)
    throw new DomainError('conflict', 'The flow did not come to rest; it was stopped.');
  const node = nodeOf(run, nodeId);
  await act(run, nodeId, await nodeKind(node.type).enter(run, node, arrival));
}

/** A node is complete: go straight back to the returner when asked, else along its outgoing edge(s). */
export async function leave(run: Run, nodeId: string, returnTo?: string | null): Promise<void> {
  if (returnTo) return enter(run, returnTo, { from: nodeId });
  for (const edge of outgoing(run.flow, nodeId)) await enter(run, edge.to, { from: nodeId });
}

async function act(run: Run, nodeId: string, outcome: Outcome): Promise<void> {
  switch (outcome.next) {
    case 'wait':
      return;
    case 'leave':
      return leave(run, nodeId, outcome.returnTo);
    case 'go':
      for (const to of outcome.to) await enter(run, to, { from: nodeId });
      return;
    case 'finish':
      return finishInstance(run, outcome.status);
  }
}

/**
 * Something an active node run waits for came back (a timer, a webhook's delivery, a sub-flow's end):
 * under the instance lock the caller holds, its kind's `resume` decides what follows. Nothing happens
 * if the flow has moved on meanwhile (ended, returned, another branch won a join "any").
 */
export async function resumeNode(run: Run, nodeRunId: string, payload: unknown): Promise<void> {
  const current = await run.trx
    .selectFrom('flow_node_runs')
    .select(['id', 'node_id', 'status', 'return_to'])
    .where('id', '=', nodeRunId)
    .where('instance_id', '=', run.instance.id)
    .executeTakeFirst();
  if (current?.status !== 'active' || run.instance.status !== 'running') return;
  const node = nodeOf(run, current.node_id);
  const kind = nodeKind(node.type);
  if (!kind.resume) throw new Error(`Nodes of type ${node.type} are never resumed (${node.id}).`);
  await act(run, node.id, await kind.resume(run, node, current, payload));
}

/**
 * Ends the instance (finish.ts) and, if a waiting sub-flow node of a parent instance started it, lets
 * that node decide, under the parent's own lock in the same transaction, whether the parent goes on.
 */
export async function finishInstance(run: Run, status: Exclude<InstanceStatus, 'running'>): Promise<void> {
  await endInstance(run, status);
  const { parent_instance_id: parentId, parent_node_run_id: nodeRunId } = run.instance;
  if (!parentId || !nodeRunId) return;
  const parent = await lockRun(run.trx, run.instance.workspace_id, parentId, null, run.now);
  await resumeNode(parent, nodeRunId, { childInstanceId: run.instance.id });
}
