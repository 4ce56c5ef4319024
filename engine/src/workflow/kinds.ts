import type { NodeType, WorkflowNode } from '@forecourt/schemas';
import type { Run } from './run';

/** How the flow reached a node: from which node, and (after a direct return) where to go back to. */
export interface Arrival {
  from?: string;
  /** Set when a node was returned to "straight back": on completion, go to this node, not along the edges. */
  returnTo?: string | null;
}

/**
 * What a node kind tells the step loop to do next; the loop acts on it (step.ts). A kind never moves
 * the flow itself.
 * - `wait`: the node stays open (tasks, a timer, sub-flows) until a person or a `resume` moves it.
 * - `leave`: the node is complete; go on along its outgoing edge(s), or straight back to `returnTo`.
 * - `go`: enter these nodes, in order (a branch taken, every branch of a split).
 * - `finish`: the instance ends so.
 */
export type Outcome =
  | { next: 'wait' }
  | { next: 'leave'; returnTo?: string | null }
  | { next: 'go'; to: string[] }
  | { next: 'finish'; status: 'approved' | 'rejected' };

/** The active node run a `resume` is for, as the step loop found it under the instance lock. */
export interface OpenNodeRun {
  id: string;
  /** Where a direct return asked the node to go back to when it completes. */
  return_to: string | null;
}

/** One kind of node: what happens when the flow arrives at it, and when something it waits for comes back. */
export interface NodeKind<N extends WorkflowNode = WorkflowNode> {
  enter(run: Run, node: N, arrival: Arrival): Promise<Outcome>;
  /**
   * A timer or callback for the node's active run came back (a `workflow.resume` job, a sub-flow
   * ending). Kinds that never wait for one leave it out.
   */
  resume?(run: Run, node: N, nodeRun: OpenNodeRun, payload: unknown): Promise<Outcome>;
}

/** Every node type with the module that runs it: the compiler names a type without one. */
export type NodeKinds = { [T in NodeType]: NodeKind<Extract<WorkflowNode, { type: T }>> };

let registered: NodeKinds | undefined;

/** Called once by `nodes/index.ts`; the step loop looks kinds up here (so it imports no node module). */
export function registerNodeKinds(kinds: NodeKinds): void {
  registered = kinds;
}

export function nodeKind(type: NodeType): NodeKind {
  const kind = registered?.[type] as NodeKind | undefined;
  if (!kind)
    throw new Error(`No module runs workflow nodes of type ${type}: import engine/src/workflow/nodes first.`);
  return kind;
}

export const WAIT: Outcome = { next: 'wait' };
export const leaveTo = (returnTo?: string | null): Outcome => ({ next: 'leave', returnTo: returnTo ?? null });
