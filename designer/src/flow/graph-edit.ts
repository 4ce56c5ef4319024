import type { Label, WorkflowDefinition, WorkflowEdge, WorkflowNode } from '@forecourt/schemas';
import { newNode, type PaletteType } from './kinds';

/**
 * Edits of a flow as the designer makes them: insert a step on an edge, insert a whole condition or
 * parallel block (split, two branches, join), add or delete a branch, delete a step reconnecting its
 * neighbours. Pure functions over the definition; the canvas lays the result out again.
 */

type Flow = WorkflowDefinition;

/** The first `prefix_N` not used by a node or edge. */
export function freshId(flow: Flow, prefix: string): string {
  const used = new Set([...flow.nodes.map((n) => n.id), ...flow.edges.map((e) => e.id)]);
  for (let n = 1; ; n++) if (!used.has(`${prefix}_${n}`)) return `${prefix}_${n}`;
}

function withEdges(flow: Flow, edges: WorkflowEdge[], nodes = flow.nodes): Flow {
  return { ...flow, nodes, edges };
}

export function isSplit(node: WorkflowNode | undefined): boolean {
  return node?.type === 'condition' || node?.type === 'parallel';
}

export function nodeById(flow: Flow, id: string): WorkflowNode | undefined {
  return flow.nodes.find((n) => n.id === id);
}

const successors = (flow: Flow, id: string) => flow.edges.filter((e) => e.from === id).map((e) => e.to);

/** Every node reachable from `from` (itself included) without passing `stop`. */
function reachable(flow: Flow, from: string, stop?: string): Set<string> {
  const seen = new Set<string>();
  const queue = [from];
  for (let at = queue.shift(); at !== undefined; at = queue.shift()) {
    if (seen.has(at) || at === stop) continue;
    seen.add(at);
    queue.push(...successors(flow, at));
  }
  return seen;
}

/** Distance from the start along the longest path: orders candidates for a merge point. */
function depths(flow: Flow): Map<string, number> {
  const depth = new Map<string, number>();
  const start = flow.nodes.find((n) => n.type === 'start');
  const visit = (id: string, d: number, trail: Set<string>) => {
    if (trail.has(id) || (depth.get(id) ?? -1) >= d) return;
    depth.set(id, d);
    trail.add(id);
    for (const to of successors(flow, id)) visit(to, d + 1, trail);
    trail.delete(id);
  };
  if (start) visit(start.id, 0, new Set());
  return depth;
}

/**
 * Where the branches of a split meet again: the nearest node every branch reaches (for a parallel
 * block, its join). Undefined when the branches never meet (each ends on its own).
 */
export function mergeOf(flow: Flow, splitId: string): string | undefined {
  const branches = flow.edges.filter((e) => e.from === splitId).map((e) => reachable(flow, e.to));
  if (branches.length === 0) return undefined;
  const [first, ...rest] = branches;
  const common = [...(first as Set<string>)].filter((id) => rest.every((set) => set.has(id)));
  const depth = depths(flow);
  return common.sort((a, b) => (depth.get(a) ?? 0) - (depth.get(b) ?? 0))[0];
}

/** Whether an end may go on this edge: only where the rest of the flow stays reachable another way. */
export function canEndOn(flow: Flow, edgeId: string): boolean {
  const edge = flow.edges.find((e) => e.id === edgeId);
  if (!edge) return false;
  return flow.edges.filter((e) => e.to === edge.to).length > 1 || nodeById(flow, edge.to)?.type === 'end';
}

/** Inserts a step (or a whole block) on an edge; returns the new flow and the node to select. */
export function insertOnEdge(
  flow: Flow,
  edgeId: string,
  type: PaletteType,
  label: (type: WorkflowNode['type']) => Label,
): { flow: Flow; selected: string } {
  const edge = flow.edges.find((e) => e.id === edgeId);
  if (!edge) return { flow, selected: '' };
  const node = newNode(type, freshId(flow, type), label(type));
  const next = edge.to;
  const nodes = [...flow.nodes, node];
  const edges = flow.edges.map((e) => (e.id === edgeId ? { ...e, to: node.id } : e));
  const draft = withEdges(flow, edges, nodes);
  const edgeTo = (from: string, to: string, extra: Partial<WorkflowEdge> = {}): WorkflowEdge => {
    const created = { id: freshId(draft, 'e'), from, to, ...extra };
    draft.edges.push(created);
    return created;
  };
  if (type === 'end') return { flow: draft, selected: node.id };
  if (type === 'condition') {
    edgeTo(node.id, next);
    edgeTo(node.id, next, { default: true });
  } else if (type === 'parallel') {
    const join = newNode('join', freshId(draft, 'join'), label('join'));
    draft.nodes.push(join);
    edgeTo(node.id, join.id);
    edgeTo(node.id, join.id);
    edgeTo(join.id, next);
  } else edgeTo(node.id, next);
  return { flow: draft, selected: node.id };
}

/** A new branch of a split, leading to where its branches meet (before the default, which stays last). */
export function addBranch(flow: Flow, splitId: string): Flow {
  const out = flow.edges.filter((e) => e.from === splitId);
  // Branches that never meet (each ends on its own): the new one goes where the default goes.
  const merge = mergeOf(flow, splitId) ?? (out.find((e) => e.default) ?? out[out.length - 1])?.to;
  if (!merge) return flow;
  const edge: WorkflowEdge = { id: freshId(flow, 'e'), from: splitId, to: merge };
  const edges = [...flow.edges];
  const at = edges.findIndex((e) => e.from === splitId && e.default === true);
  edges.splice(at < 0 ? edges.length : at, 0, edge);
  return withEdges(flow, edges);
}

/** Removes nodes and every edge touching them. */
function without(flow: Flow, ids: Set<string>): Flow {
  return withEdges(
    flow,
    flow.edges.filter((e) => !ids.has(e.from) && !ids.has(e.to)),
    flow.nodes.filter((n) => !ids.has(n.id)),
  );
}

/** Leads the edges into `id` to `to` instead (keeping their conditions), then drops `id`. */
function bypass(flow: Flow, id: string, to: string): Flow {
  const edges = flow.edges.map((e) => (e.to === id ? { ...e, to } : e));
  return without(withEdges(flow, edges), new Set([id]));
}

/** A split with one branch left is no split: its edges lead straight into that branch. */
function collapseSplit(flow: Flow, splitId: string): Flow {
  const out = flow.edges.filter((e) => e.from === splitId);
  if (out.length !== 1) return flow;
  const split = nodeById(flow, splitId);
  const target = (out[0] as WorkflowEdge).to;
  let result = bypass(flow, splitId, target);
  if (split?.type === 'parallel') {
    // Its join now gathers one branch: take it out too.
    const join = [...reachable(result, target)].find((id) => nodeById(result, id)?.type === 'join');
    const after = join ? successors(result, join)[0] : undefined;
    if (join && after && result.edges.filter((e) => e.to === join).length < 2)
      result = bypass(result, join, after);
  }
  return result;
}

/** Deletes a branch of a split with the steps only it holds; a split left with one branch goes too. */
export function deleteBranch(flow: Flow, edgeId: string): Flow {
  const edge = flow.edges.find((e) => e.id === edgeId);
  if (!edge) return flow;
  const merge = mergeOf(flow, edge.from);
  const others = flow.edges.filter((e) => e.from === edge.from && e.id !== edgeId);
  const elsewhere = new Set(others.flatMap((e) => [...reachable(flow, e.to, merge)]));
  const own = new Set([...reachable(flow, edge.to, merge)].filter((id) => !elsewhere.has(id)));
  let result = without(
    withEdges(
      flow,
      flow.edges.filter((e) => e.id !== edgeId),
    ),
    own,
  );
  const left = result.edges.filter((e) => e.from === edge.from);
  if (edge.default && left.length > 1) {
    // The default went with the branch: the last branch left becomes the default.
    const last = left[left.length - 1] as WorkflowEdge;
    result = withEdges(
      result,
      result.edges.map((e) => (e.id === last.id ? { id: e.id, from: e.from, to: e.to, default: true } : e)),
    );
  }
  return collapseSplit(result, edge.from);
}

/** The parallel split a join closes. */
function splitOfJoin(flow: Flow, joinId: string): string | undefined {
  return flow.nodes.find((n) => n.type === 'parallel' && mergeOf(flow, n.id) === joinId)?.id;
}

/** Whether the designer offers to delete this node (the start and the last end stay). */
export function canDelete(flow: Flow, id: string): boolean {
  const node = nodeById(flow, id);
  if (!node || node.type === 'start') return false;
  if (node.type === 'end') return flow.nodes.filter((n) => n.type === 'end').length > 1;
  return true;
}

/**
 * Deletes a node, reconnecting its neighbours: a step's incoming edges lead on to its successor; a
 * split (or a join) goes with its whole block, the edges into it leading to where the branches meet.
 */
export function deleteNode(flow: Flow, id: string): Flow {
  const node = nodeById(flow, id);
  if (!node || !canDelete(flow, id)) return flow;
  if (node.type === 'join') {
    const split = splitOfJoin(flow, id);
    return split ? deleteNode(flow, split) : flow;
  }
  if (node.type === 'end') return without(flow, new Set([id]));
  if (isSplit(node)) {
    const merge = mergeOf(flow, id);
    const block = reachable(flow, id, merge);
    let after = merge;
    if (node.type === 'parallel' && merge && nodeById(flow, merge)?.type === 'join') {
      block.add(merge);
      after = successors(flow, merge)[0];
    }
    if (!after) {
      // The branches never meet: keep one of their ends for the flow to finish at.
      after = [...block].find((b) => nodeById(flow, b)?.type === 'end');
      if (after) block.delete(after);
    }
    if (!after) return flow;
    const target = after;
    const edges = flow.edges.map((e) => (e.to === id ? { ...e, to: target } : e));
    return without(withEdges(flow, edges), block);
  }
  const next = successors(flow, id)[0];
  return next ? bypass(flow, id, next) : without(flow, new Set([id]));
}

/** Replaces one node (same id) with an edited copy. */
export function updateNode(flow: Flow, node: WorkflowNode): Flow {
  return { ...flow, nodes: flow.nodes.map((n) => (n.id === node.id ? node : n)) };
}

export function updateEdge(flow: Flow, edge: WorkflowEdge): Flow {
  return withEdges(
    flow,
    flow.edges.map((e) => (e.id === edge.id ? edge : e)),
  );
}

/** A new flow: start → approval → end. */
export function starterFlow(formId: string, label: (type: WorkflowNode['type']) => Label): Flow {
  return {
    formId,
    nodes: [
      newNode('start', 'start', label('start')),
      newNode('approval', 'approval_1', label('approval')),
      newNode('end', 'end', label('end')),
    ],
    edges: [
      { id: 'e_1', from: 'start', to: 'approval_1' },
      { id: 'e_2', from: 'approval_1', to: 'end' },
    ],
  };
}
