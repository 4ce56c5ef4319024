import type { EndNode } from '@forecourt/schemas';
import type { NodeKind } from '../kinds';
import { openNodeRun, type Run } from '../run';

/** The flow ends here, approved unless the node says rejected. */
export const endNode: NodeKind<EndNode> = {
  async enter(run: Run, node: EndNode) {
    await openNodeRun(run, node.id, 'done');
    return { next: 'finish', status: node.outcome === 'rejected' ? 'rejected' : 'approved' };
  },
};
