import type { WorkflowEdge, WorkflowIssue, WorkflowNode } from './types';

/**
 * Issues name the node or edge they belong to, so the designer can highlight it, and say it in words
 * an admin recognises: the node's English label when it has one, else its id.
 */

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function nodeName(node: WorkflowNode | undefined): string {
  if (!node) return 'this node';
  const label = isObject(node.label) && typeof node.label.en === 'string' ? node.label.en : undefined;
  return label ? `"${label}"` : `"${String(node.id)}"`;
}

export function edgeName(edge: WorkflowEdge): string {
  return `"${String(edge.id)}"`;
}

export function nodeIssue(
  nodes: readonly WorkflowNode[],
  index: number,
  message: string,
  sub = '',
): WorkflowIssue {
  const id = nodes[index]?.id;
  const issue: WorkflowIssue = { path: `/nodes/${index}${sub}`, message };
  if (typeof id === 'string') issue.nodeId = id;
  return issue;
}

export function edgeIssue(
  edges: readonly WorkflowEdge[],
  index: number,
  message: string,
  sub = '',
): WorkflowIssue {
  const id = edges[index]?.id;
  const issue: WorkflowIssue = { path: `/edges/${index}${sub}`, message };
  if (typeof id === 'string') issue.edgeId = id;
  return issue;
}

/** "e1", "e1 and e2", "e1, e2 and e3". */
export function listing(names: string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
