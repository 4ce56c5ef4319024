import dagre from '@dagrejs/dagre';
import type { WorkflowDefinition, WorkflowEdge, WorkflowNode } from '@forecourt/schemas';
import type { Edge, Node } from '@xyflow/react';
import { canEndOn, isSplit, nodeById } from './graph-edit';

/**
 * The flow as the canvas draws it, laid out top to bottom by dagre: a card per node, and a small
 * branch card per edge leaving a condition or parallel split (where the branch's condition is read and
 * edited), so two branches to the same place never draw on top of each other. Positions are computed
 * afresh on every change: nobody places nodes by hand.
 */

export const NODE_SIZE = { width: 220, height: 68 };
export const BRANCH_SIZE = { width: 200, height: 44 };

export interface FlowNodeData extends Record<string, unknown> {
  node: WorkflowNode;
  invalid: boolean;
  selected: boolean;
}
export interface BranchData extends Record<string, unknown> {
  edge: WorkflowEdge;
  split: WorkflowNode;
  /** 1-based position among the split's branches (its priority for a condition). */
  index: number;
  invalid: boolean;
  selected: boolean;
}
export interface InsertEdgeData extends Record<string, unknown> {
  /** The definition's edge a "+" here inserts on; none on the short link from a split to its branch card. */
  flowEdgeId?: string;
  canEnd: boolean;
  /** Bend next to the target (edges gathering into a merge point) rather than the source. */
  bendNearTarget: boolean;
  invalid: boolean;
}

export type FlowCanvasNode = Node<FlowNodeData, 'flowNode'> | Node<BranchData, 'branch'>;
export type FlowCanvasEdge = Edge<InsertEdgeData, 'insert'>;

export const branchNodeId = (edgeId: string) => `branch:${edgeId}`;

export function layoutFlow(
  flow: WorkflowDefinition,
  invalid: { nodes: Set<string>; edges: Set<string> },
  selected: string | undefined,
): { nodes: FlowCanvasNode[]; edges: FlowCanvasEdge[] } {
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({ rankdir: 'TB', nodesep: 36, ranksep: 56, marginx: 24, marginy: 24 });
  graph.setDefaultEdgeLabel(() => ({}));
  const nodes: FlowCanvasNode[] = [];
  const edges: FlowCanvasEdge[] = [];
  const known = new Set(flow.nodes.map((n) => n.id));
  const incoming = new Map<string, number>();
  for (const e of flow.edges) incoming.set(e.to, (incoming.get(e.to) ?? 0) + 1);

  for (const node of flow.nodes) {
    graph.setNode(node.id, { ...NODE_SIZE });
    nodes.push({
      id: node.id,
      type: 'flowNode',
      position: { x: 0, y: 0 },
      data: { node, invalid: invalid.nodes.has(node.id), selected: selected === node.id },
      ...NODE_SIZE,
    });
  }
  const constraints: { left: string; right: string }[] = [];
  const branchCount = new Map<string, number>();
  const link = (source: string, target: string, data: InsertEdgeData, id: string, weight = 1) => {
    graph.setEdge(source, target, { weight, minlen: 1 });
    edges.push({ id, source, target, type: 'insert', data });
  };
  for (const edge of flow.edges) {
    if (!known.has(edge.from) || !known.has(edge.to)) continue;
    const split = nodeById(flow, edge.from) as WorkflowNode;
    const bad = invalid.edges.has(edge.id);
    const onward: InsertEdgeData = {
      flowEdgeId: edge.id,
      canEnd: canEndOn(flow, edge.id),
      bendNearTarget: (incoming.get(edge.to) ?? 0) > 1,
      invalid: bad,
    };
    if (!isSplit(split)) {
      link(edge.from, edge.to, onward, `edge:${edge.id}`);
      continue;
    }
    const card = branchNodeId(edge.id);
    const index = (branchCount.get(split.id) ?? 0) + 1;
    branchCount.set(split.id, index);
    graph.setNode(card, { ...BRANCH_SIZE });
    nodes.push({
      id: card,
      type: 'branch',
      position: { x: 0, y: 0 },
      data: { edge, split, index, invalid: bad, selected: selected === card },
      ...BRANCH_SIZE,
    });
    const previous = flow.edges.filter((e) => e.from === split.id).indexOf(edge) - 1;
    const before = flow.edges.filter((e) => e.from === split.id)[previous];
    if (before) constraints.push({ left: branchNodeId(before.id), right: card });
    // Heavy, so every branch card sits on the rank right under its split.
    link(split.id, card, { canEnd: false, bendNearTarget: false, invalid: bad }, `split:${edge.id}`, 20);
    link(card, edge.to, onward, `edge:${edge.id}`);
  }

  dagre.layout(graph, { constraints });
  for (const node of nodes) {
    const placed = graph.node(node.id);
    const size = node.type === 'branch' ? BRANCH_SIZE : NODE_SIZE;
    if (placed) node.position = { x: placed.x - size.width / 2, y: placed.y - size.height / 2 };
  }
  return { nodes, edges };
}
