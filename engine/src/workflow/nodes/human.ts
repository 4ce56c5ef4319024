import type { HumanNode } from '@forecourt/schemas';
import { DomainError } from '../../errors';
import { flowAdmins } from '../admins';
import { resolveApprovers } from '../approvers';
import { type Arrival, leaveTo, type NodeKind, WAIT } from '../kinds';
import { closeNodeRun, event, openNodeRun, type Run } from '../run';
import { createTasks, type NewTask } from '../tasks';

/**
 * Approval and fill nodes: resolve the approvers against the record and the org, apply the
 * auto-skip rules, hand out tasks (all at once, or one after another in a sequence), and move on at
 * once when nobody is left to act.
 */
export const humanNode: NodeKind<HumanNode> = {
  async enter(run: Run, node: HumanNode, arrival: Arrival) {
    const nodeRunId = await openNodeRun(run, node.id, 'active', arrival.returnTo ?? null);
    let users = await approversOf(run, node);
    if (!users.length) {
      if ((node.whenNobody ?? 'block') === 'skip') {
        await closeNodeRun(run, nodeRunId, 'skipped');
        await event(run, 'node.skipped', { nodeId: node.id, details: { reason: 'nobody' } });
        return leaveTo(arrival.returnTo);
      }
      users = await flowAdmins(run);
    }
    const skipped = await autoSkipped(run, node, users);
    const acting = users.filter((u) => !skipped.has(u));
    const tasks: NewTask[] = [
      ...[...skipped].map((assigneeId) => ({ assigneeId, status: 'skipped' as const })),
      ...acting.map((assigneeId, position) => ({
        assigneeId,
        position,
        status: node.mode === 'sequence' && position > 0 ? ('waiting' as const) : ('pending' as const),
      })),
    ];
    await createTasks(run, node, nodeRunId, tasks);
    await event(run, 'node.entered', {
      nodeId: node.id,
      details: { assignees: acting, skipped: [...skipped] },
    });
    // Nobody left to act (all auto-skipped), or in "any" mode someone already counts as approving.
    if (!acting.length || (node.mode === 'any' && skipped.size > 0)) {
      await closeNodeRun(run, nodeRunId, 'done');
      await run.trx
        .updateTable('flow_tasks')
        .set({ status: 'cancelled' })
        .where('node_run_id', '=', nodeRunId)
        .where('status', 'in', ['waiting', 'pending'])
        .execute();
      return leaveTo(arrival.returnTo);
    }
    return WAIT;
  },
};

async function approversOf(run: Run, node: HumanNode): Promise<string[]> {
  const { userIds, unresolved } = await resolveApprovers(
    run.trx,
    {
      workspaceId: run.instance.workspace_id,
      submitterId: run.instance.submitter_id,
      formDefinition: run.form,
      data: run.data,
      ...(run.chosen ? { chosen: run.chosen } : {}),
    },
    node.approvers,
  );
  if (!userIds.length && (node.whenNobody ?? 'block') === 'block') {
    const label = node.label?.zh || node.label?.en || node.id;
    const reasons = unresolved.map((u) => u.reason).join('; ') || 'no approver rule found anyone';
    throw new DomainError('validation_failed', `Nobody can act on “${label}”: ${reasons}.`, [
      {
        path: `/nodes/${node.id}`,
        message: `${reasons}. Fix the organisation or the flow's approver rules.`,
      },
    ]);
  }
  return userIds;
}

/** Who is approved automatically: the submitter, or someone who already approved in this instance, as configured. */
async function autoSkipped(run: Run, node: HumanNode, users: string[]): Promise<Set<string>> {
  const rules = { ...run.flow.autoSkip, ...node.autoSkip };
  if (node.type !== 'approval' || (!rules.submitter && !rules.alreadyApproved)) return new Set();
  const approved = rules.alreadyApproved
    ? new Set(
        (
          await run.trx
            .selectFrom('flow_tasks')
            .select('assignee_id')
            .where('instance_id', '=', run.instance.id)
            .where('status', '=', 'approved')
            .execute()
        ).map((t) => t.assignee_id),
      )
    : new Set<string>();
  return new Set(
    users.filter((u) => (rules.submitter && u === run.instance.submitter_id) || approved.has(u)),
  );
}
