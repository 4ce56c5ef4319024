import type { StartNode } from '@forecourt/schemas';
import { DomainError } from '../../errors';
import { type Arrival, type NodeKind, WAIT } from '../kinds';
import { event, openNodeRun, type Run } from '../run';
import { createTasks } from '../tasks';

/**
 * The start node is passed on submit (start.ts); the flow comes back to it only when returned to the
 * submitter, who then gets a task to change the record and submit again.
 */
export const startNode: NodeKind<StartNode> = {
  async enter(run: Run, node: StartNode, arrival: Arrival) {
    const nodeRunId = await openNodeRun(run, node.id, 'active', arrival.returnTo ?? null);
    if (!run.instance.submitter_id) {
      throw new DomainError(
        'conflict',
        'A record submitted without a user cannot be returned to its submitter.',
      );
    }
    await createTasks(run, node, nodeRunId, [{ assigneeId: run.instance.submitter_id, status: 'pending' }]);
    await event(run, 'node.entered', {
      nodeId: node.id,
      details: { assignees: [run.instance.submitter_id] },
    });
    return WAIT;
  },
};
