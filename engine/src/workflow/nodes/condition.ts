import { type ConditionNode, outgoing } from '@forecourt/schemas';
import { DomainError } from '../../errors';
import { evaluate } from '../../records/compute';
import { writeContext } from '../../records/context';
import type { NodeKind } from '../kinds';
import { event, openNodeRun, type Run } from '../run';

/** Exclusive branch: the first outgoing edge (in the flow's order) whose condition holds, else the default. */
export const conditionNode: NodeKind<ConditionNode> = {
  async enter(run: Run, node: ConditionNode) {
    await openNodeRun(run, node.id, 'done');
    const edges = outgoing(run.flow, node.id);
    const context = writeContext(
      { workspaceId: run.instance.workspace_id, userId: '', isAdmin: false, via: 'system' },
      'workflow',
      run.now,
    );
    let taken = edges.find((e) => e.default);
    for (const edge of edges) {
      if (edge.default || !edge.condition) continue;
      if ((await evaluate(edge.condition, run.data, context, run.form.fields)) === true) {
        taken = edge;
        break;
      }
    }
    if (!taken) throw new DomainError('conflict', `No branch of ${node.id} applies and it has no default.`);
    await event(run, 'branch.taken', { nodeId: node.id, details: { edge: taken.id, to: taken.to } });
    return { next: 'go', to: [taken.to] };
  },
};
