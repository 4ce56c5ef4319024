import type { NodeType, WorkflowNode } from '@forecourt/schemas';
import { DomainError } from '../errors';
import { humanNode } from './nodes/human';
import {
  actionNode,
  ccNode,
  conditionNode,
  endNode,
  joinNode,
  parallelNode,
  startNode,
} from './nodes/simple';
import { subflowNode } from './nodes/subflow';
import { nodeOf, outgoing, type Run } from './run';

/** How the flow reached a node: from which node, and (after a direct return) where to go back to. */
export interface Arrival {
  from?: string;
  /** Set when a node was returned to "straight back": on completion, go to this node, not along the edges. */
  returnTo?: string | null;
}

/** One kind of node: what happens when the flow arrives at it. Completing it calls `leave`. */
export interface NodeKind<N extends WorkflowNode = WorkflowNode> {
  enter(run: Run, node: N, arrival: Arrival): Promise<void>;
}

/**
 * The node kinds by type. Built on first use: node modules import `enter`/`leave` from here (a
 * sub-flow starts instances that run steps), so at this module's load they may not be ready yet.
 */
let kinds: Record<NodeType, NodeKind<never>> | undefined;
const kindsByType = (): Record<NodeType, NodeKind<never>> =>
  (kinds ??= {
    start: startNode,
    approval: humanNode,
    fill: humanNode,
    cc: ccNode,
    condition: conditionNode,
    parallel: parallelNode,
    join: joinNode,
    action: actionNode,
    subflow: subflowNode,
    end: endNode,
  });

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
  await (kindsByType()[node.type] as NodeKind).enter(run, node, arrival);
}

/** A node is complete: go straight back to the returner when asked, else along its outgoing edge(s). */
export async function leave(run: Run, nodeId: string, returnTo?: string | null): Promise<void> {
  if (returnTo) return enter(run, returnTo, { from: nodeId });
  for (const edge of outgoing(run.flow, nodeId)) await enter(run, edge.to, { from: nodeId });
}
