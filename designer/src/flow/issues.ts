import {
  checkWorkflowDefinition,
  type FormDefinition,
  type WorkflowDefinition,
  type WorkflowIssue,
} from '@forecourt/schemas';
import type { ProblemDetail } from './services';

/**
 * The problems shown in the designer: those `checkWorkflowDefinition` finds in the browser (the same
 * code the server runs before publishing), and those only the server knows (an approver role with no
 * members, say), placed on their node or edge from the detail's JSON pointer.
 */
export interface DesignerIssue {
  message: string;
  path: string;
  nodeId?: string;
  edgeId?: string;
  fromServer: boolean;
}

export function localIssues(flow: WorkflowDefinition, form: FormDefinition | undefined): DesignerIssue[] {
  return checkWorkflowDefinition(flow, form).map((issue: WorkflowIssue) => ({
    message: issue.message,
    path: issue.path,
    ...(issue.nodeId ? { nodeId: issue.nodeId } : {}),
    ...(issue.edgeId ? { edgeId: issue.edgeId } : {}),
    fromServer: false,
  }));
}

/** Server details (`/nodes/3/approvers/0: …`) on the flow they were given for. */
export function serverIssues(flow: WorkflowDefinition, details: ProblemDetail[]): DesignerIssue[] {
  return details.map((detail) => {
    const node = /^\/nodes\/(\d+)/.exec(detail.path);
    const edge = /^\/edges\/(\d+)/.exec(detail.path);
    const nodeId = node ? flow.nodes[Number(node[1])]?.id : undefined;
    const edgeId = edge ? flow.edges[Number(edge[1])]?.id : undefined;
    return {
      message: detail.message,
      path: detail.path,
      ...(nodeId ? { nodeId } : {}),
      ...(edgeId ? { edgeId } : {}),
      fromServer: true,
    };
  });
}

export function invalidSets(issues: DesignerIssue[]): { nodes: Set<string>; edges: Set<string> } {
  return {
    nodes: new Set(issues.flatMap((i) => (i.nodeId ? [i.nodeId] : []))),
    edges: new Set(issues.flatMap((i) => (i.edgeId ? [i.edgeId] : []))),
  };
}

function bothLanguages(text: { zh: string; en: string }): { zh: string; en: string } {
  const zh = text.zh.trim();
  const en = text.en.trim();
  return { zh: zh || en, en: en || zh };
}

/**
 * The draft as saved: a label needs both languages, so one typed in only one is copied to the other,
 * and an empty one is dropped; an empty condition is no condition.
 */
export function forSaving(flow: WorkflowDefinition): WorkflowDefinition {
  const label = <T extends { label?: { zh: string; en: string } }>(item: T): T => {
    if (!item.label) return item;
    const zh = item.label.zh.trim();
    const en = item.label.en.trim();
    const { label: _dropped, ...rest } = item;
    return zh || en ? { ...item, label: { zh: zh || en, en: en || zh } } : (rest as T);
  };
  return {
    ...flow,
    nodes: flow.nodes.map(label).map((node) =>
      node.type === 'action'
        ? {
            ...node,
            actions: node.actions.map((action) =>
              action.kind === 'notify' ? { ...action, message: bothLanguages(action.message) } : action,
            ),
          }
        : node,
    ),
    edges: flow.edges.map((edge) => {
      const labelled = label(edge);
      if (labelled.condition === undefined || labelled.condition.trim()) return labelled;
      const { condition: _empty, ...rest } = labelled;
      return rest;
    }),
  };
}
