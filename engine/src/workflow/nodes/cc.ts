import type { CcNode } from '@forecourt/schemas';
import { resolveApprovers } from '../approvers';
import { type Arrival, leaveTo, type NodeKind } from '../kinds';
import { event, openNodeRun, type Run } from '../run';
import { createTasks } from '../tasks';

/** Copies people in: they get a read-only task (the CC box); the flow does not wait. */
export const ccNode: NodeKind<CcNode> = {
  async enter(run: Run, node: CcNode, arrival: Arrival) {
    const nodeRunId = await openNodeRun(run, node.id, 'done');
    const { userIds } = await resolveApprovers(
      run.trx,
      {
        workspaceId: run.instance.workspace_id,
        submitterId: run.instance.submitter_id,
        formDefinition: run.form,
        data: run.data,
      },
      node.approvers,
    );
    await createTasks(
      run,
      node,
      nodeRunId,
      userIds.map((assigneeId) => ({ assigneeId, status: 'pending' })),
    );
    await event(run, 'node.cc', { nodeId: node.id, details: { assignees: userIds } });
    return leaveTo(arrival.returnTo);
  },
};
