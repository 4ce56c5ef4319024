import { edgeIssue, edgeName, listing, nodeIssue, nodeName } from './issues';
import type { NodeType, WorkflowEdge, WorkflowIssue, WorkflowNode } from './types';

/** A definition's nodes and edges, indexed for the graph rules. Edges to unknown nodes are left out. */
export interface FlowGraph {
  nodes: readonly WorkflowNode[];
  edges: readonly WorkflowEdge[];
  /** Node id → index of the first node with that id. */
  indexOf: ReadonlyMap<string, number>;
  /** Per node index, the indices of the edges leaving and entering it. */
  outgoing: number[][];
  incoming: number[][];
  /** Node indices whose id an earlier node already has: they take part in no other rule. */
  duplicates: ReadonlySet<number>;
  /** The start node's index, when there is exactly one. */
  start: number | undefined;
  ends: number[];
}

export function buildGraph(nodes: readonly WorkflowNode[], edges: readonly WorkflowEdge[]): FlowGraph {
  const indexOf = new Map<string, number>();
  const duplicates = new Set<number>();
  nodes.forEach((node, index) => {
    if (indexOf.has(node.id)) duplicates.add(index);
    else indexOf.set(node.id, index);
  });
  const outgoing: number[][] = nodes.map(() => []);
  const incoming: number[][] = nodes.map(() => []);
  edges.forEach((edge, index) => {
    const from = indexOf.get(edge.from);
    const to = indexOf.get(edge.to);
    if (from === undefined || to === undefined) return;
    outgoing[from]?.push(index);
    incoming[to]?.push(index);
  });
  const kept = (type: NodeType) =>
    nodes.flatMap((node, index) => (node.type === type && !duplicates.has(index) ? [index] : []));
  const starts = kept('start');
  return {
    nodes,
    edges,
    indexOf,
    outgoing,
    incoming,
    duplicates,
    start: starts.length === 1 ? starts[0] : undefined,
    ends: kept('end'),
  };
}

/** The nodes an edge list leads to (or comes from). */
export function targets(graph: FlowGraph, index: number): number[] {
  return (graph.outgoing[index] ?? []).map((edge) => graph.indexOf.get(graph.edges[edge]?.to ?? '') ?? -1);
}

export function sources(graph: FlowGraph, index: number): number[] {
  return (graph.incoming[index] ?? []).map((edge) => graph.indexOf.get(graph.edges[edge]?.from ?? '') ?? -1);
}

/** Every node reachable from `roots` along `next` (the roots included). */
export function reach<T>(roots: readonly T[], next: (node: T) => readonly T[]): Set<T> {
  const seen = new Set<T>(roots);
  const stack = [...roots];
  for (let at = stack.pop(); at !== undefined; at = stack.pop())
    for (const to of next(at))
      if (!seen.has(to)) {
        seen.add(to);
        stack.push(to);
      }
  return seen;
}

function idIssues(graph: FlowGraph): WorkflowIssue[] {
  const issues: WorkflowIssue[] = [];
  for (const index of graph.duplicates) {
    const id = graph.nodes[index]?.id ?? '';
    const first = (graph.indexOf.get(id) ?? 0) + 1;
    issues.push(
      nodeIssue(
        graph.nodes,
        index,
        `Node ${first} already has the id "${id}": give this node another id.`,
        '/id',
      ),
    );
  }
  const seen = new Map<string, number>();
  graph.edges.forEach((edge, index) => {
    const first = seen.get(edge.id);
    if (first === undefined) seen.set(edge.id, index);
    else
      issues.push(
        edgeIssue(
          graph.edges,
          index,
          `Edge ${first + 1} already has the id "${edge.id}": give this edge another id.`,
          '/id',
        ),
      );
    for (const end of ['from', 'to'] as const)
      if (!graph.indexOf.has(edge[end]))
        issues.push(
          edgeIssue(
            graph.edges,
            index,
            `Edge ${edgeName(edge)} ${end === 'from' ? 'starts at' : 'leads to'} "${edge[end]}", which is not a node of this flow: connect it to an existing node or delete it.`,
            `/${end}`,
          ),
        );
  });
  return issues;
}

function startEndIssues(graph: FlowGraph): WorkflowIssue[] {
  const starts = graph.nodes.flatMap((node, i) =>
    node.type === 'start' && !graph.duplicates.has(i) ? [i] : [],
  );
  const issues: WorkflowIssue[] = [];
  if (starts.length === 0)
    issues.push({
      path: '/nodes',
      message: 'The flow has no start node: add one, where the submitter begins.',
    });
  for (const index of starts.slice(1))
    issues.push(
      nodeIssue(
        graph.nodes,
        index,
        `A flow has exactly one start node, and ${nodeName(graph.nodes[starts[0] as number])} is already the start: delete ${nodeName(graph.nodes[index])} or change its type.`,
      ),
    );
  if (graph.ends.length === 0)
    issues.push({
      path: '/nodes',
      message: 'The flow has no end node: add one and lead the last steps into it.',
    });
  return issues;
}

const STRAIGHT: Partial<Record<NodeType, string>> = {
  start: 'the start',
  approval: 'an approval',
  fill: 'a fill',
  cc: 'a CC',
  action: 'an action',
  subflow: 'a sub-flow',
  delay: 'a delay',
  join: 'a join',
};

/** How many edges may leave and enter each kind of node. */
function degreeIssues(graph: FlowGraph): WorkflowIssue[] {
  const issues: WorkflowIssue[] = [];
  const edgeNames = (list: number[]) => listing(list.map((e) => edgeName(graph.edges[e] as WorkflowEdge)));
  graph.nodes.forEach((node, index) => {
    if (graph.duplicates.has(index)) return;
    const out = graph.outgoing[index] ?? [];
    const into = graph.incoming[index] ?? [];
    const name = nodeName(node);
    const say = (message: string) => issues.push(nodeIssue(graph.nodes, index, message));
    const straight = STRAIGHT[node.type];
    if (straight && out.length === 0)
      say(`${name} has no outgoing edge: connect it to the next step of the flow, or to an end.`);
    if (straight && out.length > 1)
      say(
        `${name} has ${out.length} outgoing edges (${edgeNames(out)}), but ${straight} node goes on along exactly one: keep one, and to branch put a condition or parallel node after it.`,
      );
    if (node.type === 'condition') {
      if (out.length < 2)
        say(
          `${name} is a condition with ${out.length} outgoing edge(s); it needs at least two: one per branch, plus the default.`,
        );
      const defaults = out.filter((e) => graph.edges[e]?.default === true);
      if (out.length > 0 && defaults.length === 0)
        say(
          `${name} has no default edge: mark one outgoing edge as the default, taken when no condition holds.`,
        );
      if (defaults.length > 1)
        say(
          `${name} has ${defaults.length} default edges (${edgeNames(defaults)}): keep exactly one default.`,
        );
    }
    if (node.type === 'parallel' && out.length < 2)
      say(
        `${name} is a parallel split with ${out.length} outgoing edge(s); it needs at least two branches (for a single path, use an ordinary edge).`,
      );
    if (node.type === 'join' && into.length < 2)
      say(
        `${name} is a join with ${into.length} incoming edge(s); it needs at least two branches to join: lead the branches of a parallel split into it, or delete it.`,
      );
    if (node.type === 'end' && out.length > 0)
      say(
        `${name} is an end but has outgoing edges (${edgeNames(out)}): delete them, the flow stops at an end.`,
      );
    if (node.type === 'start' && into.length > 0)
      say(
        `${name} is the start but edges lead into it (${edgeNames(into)}): delete them. A flow never goes back to the start; approvers return a record with the return action.`,
      );
  });
  return issues;
}

/** Conditions and the default mark belong to the edges leaving a condition node, and only there. */
function edgeKindIssues(graph: FlowGraph): WorkflowIssue[] {
  const issues: WorkflowIssue[] = [];
  graph.edges.forEach((edge, index) => {
    const fromIndex = graph.indexOf.get(edge.from);
    if (fromIndex === undefined) return;
    const from = graph.nodes[fromIndex] as WorkflowNode;
    const name = edgeName(edge);
    const hasCondition = typeof edge.condition === 'string';
    if (from.type !== 'condition') {
      if (hasCondition)
        issues.push(
          edgeIssue(
            graph.edges,
            index,
            `Edge ${name} has a condition but leaves ${nodeName(from)}, which is not a condition node: remove the condition, or put a condition node before the branches.`,
            '/condition',
          ),
        );
      if (edge.default === true)
        issues.push(
          edgeIssue(
            graph.edges,
            index,
            `Edge ${name} is marked as a default but leaves ${nodeName(from)}, which is not a condition node: remove the mark.`,
            '/default',
          ),
        );
    } else if (edge.default === true && hasCondition)
      issues.push(
        edgeIssue(
          graph.edges,
          index,
          `Edge ${name} is the default and also has a condition: remove the condition, the default is taken when no other condition holds.`,
          '/condition',
        ),
      );
    else if (edge.default !== true && !hasCondition)
      issues.push(
        edgeIssue(
          graph.edges,
          index,
          `Edge ${name} leaves the condition ${nodeName(from)} without a condition: write one, or mark the edge as the default.`,
        ),
      );
  });
  return issues;
}

/** Edges that close a loop, found by depth-first search: a flow is a DAG (returns are actions, not edges). */
function cycleIssues(graph: FlowGraph): WorkflowIssue[] {
  const issues: WorkflowIssue[] = [];
  const state = new Map<number, 'open' | 'done'>();
  const trail: number[] = [];
  const visit = (index: number) => {
    state.set(index, 'open');
    trail.push(index);
    for (const edge of graph.outgoing[index] ?? []) {
      const to = graph.indexOf.get(graph.edges[edge]?.to ?? '') as number;
      if (state.get(to) === 'open') {
        const loop = [...trail.slice(trail.indexOf(to)), to].map((i) => nodeName(graph.nodes[i]));
        issues.push(
          edgeIssue(
            graph.edges,
            edge,
            `Edge ${edgeName(graph.edges[edge] as WorkflowEdge)} closes a loop (${loop.join(' → ')}): delete it. A flow only goes forward; to send a record back, approvers use the return action.`,
          ),
        );
      } else if (!state.has(to)) visit(to);
    }
    trail.pop();
    state.set(index, 'done');
  };
  graph.nodes.forEach((_, index) => {
    if (!state.has(index) && !graph.duplicates.has(index)) visit(index);
  });
  return issues;
}

/** Every node is reached from the start, and from every node some end is reached. */
function reachIssues(graph: FlowGraph): WorkflowIssue[] {
  const issues: WorkflowIssue[] = [];
  const fromStart =
    graph.start === undefined ? undefined : reach([graph.start], (index) => targets(graph, index));
  const toEnd = graph.ends.length ? reach(graph.ends, (index) => sources(graph, index)) : undefined;
  graph.nodes.forEach((node, index) => {
    if (graph.duplicates.has(index)) return;
    const name = nodeName(node);
    if (fromStart && !fromStart.has(index))
      issues.push(
        nodeIssue(
          graph.nodes,
          index,
          `${name} cannot be reached from the start: connect an edge into it from an earlier step, or delete it.`,
        ),
      );
    // A node with no outgoing edge at all is reported by the degree rules.
    if (toEnd && !toEnd.has(index) && node.type !== 'end' && (graph.outgoing[index]?.length ?? 0) > 0)
      issues.push(
        nodeIssue(
          graph.nodes,
          index,
          `No path from ${name} leads to an end: every path of a flow must finish at an end node. Lead its branches on to an end.`,
        ),
      );
  });
  return issues;
}

/** The structure of the graph: ids, edge ends, start and ends, degrees, edge kinds, loops, reachability. */
export function graphIssues(graph: FlowGraph): WorkflowIssue[] {
  return [
    ...idIssues(graph),
    ...startEndIssues(graph),
    ...degreeIssues(graph),
    ...edgeKindIssues(graph),
    ...cycleIssues(graph),
    ...reachIssues(graph),
  ];
}

export function isAcyclic(graph: FlowGraph): boolean {
  return cycleIssues(graph).length === 0;
}
