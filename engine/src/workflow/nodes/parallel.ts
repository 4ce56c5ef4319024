import { outgoing, type ParallelNode } from '@forecourt/schemas';
import type { NodeKind } from '../kinds';
import { openNodeRun, type Run } from '../run';

/** Parallel split: every branch starts, one after another in the flow's order. */
export const parallelNode: NodeKind<ParallelNode> = {
  async enter(run: Run, node: ParallelNode) {
    await openNodeRun(run, node.id, 'done');
    return { next: 'go', to: outgoing(run.flow, node.id).map((edge) => edge.to) };
  },
};
