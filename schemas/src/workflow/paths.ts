import { reach } from './graph';
import type { WorkflowDefinition } from './types';

/**
 * Paths through a flow by node id, as the engine walks them at run time (returns, joins "any") and the
 * designer shows them. The definition checks in graph.ts work on indexes of a possibly broken graph;
 * these assume a checked one.
 */
type Flow = Pick<WorkflowDefinition, 'nodes' | 'edges'>;

export function outgoing(flow: Flow, nodeId: string) {
  return flow.edges.filter((e) => e.from === nodeId);
}

export function incoming(flow: Flow, nodeId: string) {
  return flow.edges.filter((e) => e.to === nodeId);
}

const after = (flow: Flow, from: string) => reach([from], (id) => outgoing(flow, id).map((e) => e.to));
const before = (flow: Flow, from: string) => reach([from], (id) => incoming(flow, id).map((e) => e.from));

/** Nodes strictly between a parallel split and its join: what a join "any" cancels when it fires. */
export function between(flow: Flow, split: string, join: string): Set<string> {
  const backward = before(flow, join);
  return new Set([...after(flow, split)].filter((id) => backward.has(id) && id !== split && id !== join));
}

/**
 * The joins "all" the flow would come to from `target` along one branch only: the other branches
 * do not run again, so such a join waits for ever unless its active run still holds their arrivals.
 */
export function strandedJoins(flow: Flow, target: string): string[] {
  const again = after(flow, target);
  return flow.nodes
    .filter((n) => n.type === 'join' && n.mode === 'all' && again.has(n.id))
    .filter((n) => incoming(flow, n.id).some((e) => !again.has(e.from)))
    .map((n) => n.id);
}

/**
 * Whether a return from `current` may go to `target`: a node before it on its path, but not into
 * one branch of a parallel section whose join "all" `current` has passed (that join is done).
 */
export function mayReturn(flow: Flow, current: string, target: string): boolean {
  const earlier = before(flow, current);
  if (target === current || !earlier.has(target)) return false;
  return !strandedJoins(flow, target).some((join) => earlier.has(join));
}

/**
 * What a return to `target` takes back: the open work on it and after it, but not a join that also
 * waits for a branch the return does not run again (that branch's work, and its arrival, stand).
 */
export function returnScope(flow: Flow, target: string): Set<string> {
  const again = after(flow, target);
  for (const node of flow.nodes)
    if (node.type === 'join' && incoming(flow, node.id).some((e) => !again.has(e.from)))
      again.delete(node.id);
  return again;
}
