import type { Label, NodeType, WorkflowNode } from '@forecourt/schemas';

/** What the palette offers to put on an edge (a join comes with its parallel split, a start never). */
export const PALETTE: readonly PaletteType[] = [
  'approval',
  'fill',
  'cc',
  'condition',
  'parallel',
  'action',
  'subflow',
  'end',
];
export type PaletteType = Exclude<NodeType, 'start' | 'join'>;

/** A node of the type as the designer first puts it down: valid in shape, to be completed in the panel. */
export function newNode(type: NodeType, id: string, label: Label): WorkflowNode {
  switch (type) {
    case 'approval':
    case 'fill':
      return { id, type, label, approvers: [], mode: 'any' };
    case 'cc':
      return { id, type, label, approvers: [] };
    case 'join':
      return { id, type, label, mode: 'all' };
    case 'action':
      return { id, type, label, actions: [] };
    case 'subflow':
      return { id, type, label, relationField: 'f_relation', wait: true };
    default:
      return { id, type, label } as WorkflowNode;
  }
}
