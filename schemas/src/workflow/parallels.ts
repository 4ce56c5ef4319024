import { buildGraph, type FlowGraph, reach, sources, targets } from './graph';
import { edgeIssue, edgeName, nodeIssue, nodeName } from './issues';
import type { WorkflowDefinition, WorkflowEdge, WorkflowIssue } from './types';

/**
 * Parallel blocks must nest like brackets: the branches of a split meet again at one join before any end,
 * and a join gathers the branches of one split only. On a DAG this is a question of dominators: the
 * nearest node every path from the split must pass (its immediate post-dominator) is its join, and every
 * edge into that join comes from a node only reachable through the split (dominated by it).
 */

/** Nodes reachable from `root` in reverse postorder: a topological order when the graph is acyclic. */
function topologicalOrder(root: number, next: (index: number) => number[]): number[] {
  const seen = new Set<number>();
  const post: number[] = [];
  const visit = (index: number) => {
    seen.add(index);
    for (const to of next(index)) if (!seen.has(to)) visit(to);
    post.push(index);
  };
  visit(root);
  return post.reverse();
}

/**
 * Immediate dominators on a DAG (Cooper, Harvey and Kennedy's intersection, one pass in topological order).
 * The root maps to itself; nodes not in `order` have none.
 */
function immediateDominators(order: number[], previous: (index: number) => number[]): Map<number, number> {
  const rank = new Map(order.map((index, position) => [index, position]));
  const root = order[0] as number;
  const idom = new Map<number, number>([[root, root]]);
  const intersect = (a: number, b: number) => {
    while (a !== b) {
      while ((rank.get(a) as number) > (rank.get(b) as number)) a = idom.get(a) as number;
      while ((rank.get(b) as number) > (rank.get(a) as number)) b = idom.get(b) as number;
    }
    return a;
  };
  for (const index of order.slice(1)) {
    let dominator: number | undefined;
    for (const before of previous(index))
      if (idom.has(before)) dominator = dominator === undefined ? before : intersect(dominator, before);
    if (dominator !== undefined) idom.set(index, dominator);
  }
  return idom;
}

function dominates(idom: Map<number, number>, a: number, b: number): boolean {
  for (let at: number | undefined = b; at !== undefined; ) {
    if (at === a) return true;
    const up = idom.get(at);
    at = up === at ? undefined : up;
  }
  return false;
}

export interface ParallelPairing {
  /** Join index → the index of the parallel split it closes. */
  joins: Map<number, number>;
  issues: WorkflowIssue[];
}

/**
 * Pairs each parallel split with its join. Call it on a graph with one start, at least one end and no
 * loops (the structural rules report the others); nodes that reach no end are left to those rules too.
 */
export function pairParallels(graph: FlowGraph): ParallelPairing {
  const joins = new Map<number, number>();
  const issues: WorkflowIssue[] = [];
  if (graph.start === undefined || graph.ends.length === 0) return { joins, issues };
  const forward = (index: number) => targets(graph, index);
  const backward = (index: number) => sources(graph, index);
  const idom = immediateDominators(topologicalOrder(graph.start, forward), backward);

  // Post-dominators: dominators of the reversed graph, from a virtual exit that every end leads to.
  const exit = graph.nodes.length;
  const toExit = reach(graph.ends, backward);
  const reversed = (index: number) => (index === exit ? graph.ends : backward(index));
  const onward = (index: number) =>
    graph.nodes[index]?.type === 'end' ? [exit] : forward(index).filter((to) => toExit.has(to));
  const ipdom = immediateDominators(topologicalOrder(exit, reversed), onward);

  const closes = new Map<number, number[]>();
  graph.nodes.forEach((node, index) => {
    // A split with fewer than two branches is reported by the degree rules.
    if (node.type !== 'parallel' || (graph.outgoing[index]?.length ?? 0) < 2) return;
    if (!idom.has(index) || !ipdom.has(index)) return;
    const meet = ipdom.get(index) as number;
    const name = nodeName(node);
    if (meet === exit)
      issues.push(
        nodeIssue(
          graph.nodes,
          index,
          `The branches of the parallel split ${name} do not all meet at a join before the flow ends: add a join where they come together and lead every branch into it.`,
        ),
      );
    else if (graph.nodes[meet]?.type !== 'join')
      issues.push(
        nodeIssue(
          graph.nodes,
          index,
          `The branches of the parallel split ${name} meet again at ${nodeName(graph.nodes[meet])}, which is not a join: put a join just before it and lead every branch into the join.`,
        ),
      );
    else closes.set(meet, [...(closes.get(meet) ?? []), index]);
  });

  graph.nodes.forEach((node, index) => {
    if (node.type !== 'join' || (graph.incoming[index]?.length ?? 0) < 2) return;
    if (!idom.has(index) || !ipdom.has(index)) return;
    const splits = closes.get(index) ?? [];
    const name = nodeName(node);
    if (splits.length === 0)
      issues.push(
        nodeIssue(
          graph.nodes,
          index,
          `${name} does not close a parallel split: a join is where all branches of one parallel node meet again. Lead a parallel node's branches into it, or replace it with an ordinary step.`,
        ),
      );
    else if (splits.length > 1)
      issues.push(
        nodeIssue(
          graph.nodes,
          index,
          `${name} closes several parallel splits (${splits.map((i) => nodeName(graph.nodes[i])).join(', ')}): give each parallel node its own join.`,
        ),
      );
    else {
      const split = splits[0] as number;
      joins.set(index, split);
      for (const edge of graph.incoming[index] ?? []) {
        const from = graph.indexOf.get(graph.edges[edge]?.from ?? '') as number;
        if (idom.has(from) && !dominates(idom, split, from))
          issues.push(
            edgeIssue(
              graph.edges,
              edge,
              `Edge ${edgeName(graph.edges[edge] as WorkflowEdge)} leads into the join ${name} from a path that does not pass the parallel split ${nodeName(graph.nodes[split])}, so the join could wait for a branch that never started: lead this path past the parallel block instead.`,
            ),
          );
      }
    }
  });
  return { joins, issues };
}

/** For the executor: join id → the id of the parallel split it closes, in a definition that passed the checks. */
export function joinSplits(definition: WorkflowDefinition): Map<string, string> {
  const graph = buildGraph(definition.nodes, definition.edges);
  const out = new Map<string, string>();
  for (const [join, split] of pairParallels(graph).joins)
    out.set(graph.nodes[join]?.id as string, graph.nodes[split]?.id as string);
  return out;
}
