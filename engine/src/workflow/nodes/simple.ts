import {
  type ActionNode,
  type CcNode,
  type ConditionNode,
  type EndNode,
  type JoinNode,
  joinSplits,
  type ParallelNode,
  type StartNode,
} from '@forecourt/schemas';
import { DomainError } from '../../errors';
import { evaluate } from '../../records/compute';
import { writeContext } from '../../records/context';
import { resolveApprovers } from '../approvers';
import { cancelOpenWork, finishInstance } from '../finish';
import { between, closeNodeRun, event, incoming, openNodeRun, outgoing, type Run, schedule } from '../run';
import { type Arrival, enter, leave } from '../step';
import { createTasks } from '../tasks';

/**
 * The start node is passed on submit; the flow comes back to it only when returned to the
 * submitter, who then gets a task to change the record and submit again.
 */
export const startNode = {
  async enter(run: Run, node: StartNode, arrival: Arrival): Promise<void> {
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
  },
};

/** Copies people in: they get a read-only task (the CC box); the flow does not wait. */
export const ccNode = {
  async enter(run: Run, node: CcNode, arrival: Arrival): Promise<void> {
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
    await leave(run, node.id, arrival.returnTo);
  },
};

/** Exclusive branch: the first outgoing edge (in the flow's order) whose condition holds, else the default. */
export const conditionNode = {
  async enter(run: Run, node: ConditionNode): Promise<void> {
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
    await enter(run, taken.to, { from: node.id });
  },
};

/** Parallel split: every branch starts. */
export const parallelNode = {
  async enter(run: Run, node: ParallelNode): Promise<void> {
    await openNodeRun(run, node.id, 'done');
    for (const edge of outgoing(run.flow, node.id)) await enter(run, edge.to, { from: node.id });
  },
};

/**
 * Join: waits for every incoming branch ("all") or the first ("any"; the other branches' open
 * work is cancelled). Arrivals are counted on the join's active node run through the timeline.
 */
export const joinNode = {
  async enter(run: Run, node: JoinNode, arrival: Arrival): Promise<void> {
    let active = await run.trx
      .selectFrom('flow_node_runs')
      .select('id')
      .where('instance_id', '=', run.instance.id)
      .where('node_id', '=', node.id)
      .where('status', '=', 'active')
      .executeTakeFirst();
    if (!active) active = { id: await openNodeRun(run, node.id, 'active') };
    await event(run, 'join.arrived', { nodeId: node.id, details: { run: active.id, from: arrival.from } });
    const arrived = await run.trx
      .selectFrom('flow_events')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('instance_id', '=', run.instance.id)
      .where('node_id', '=', node.id)
      .where('action', '=', 'join.arrived')
      .where(({ ref, val, eb }) => eb(ref('details', '->>').key('run' as never), '=', val(active.id)))
      .executeTakeFirstOrThrow();
    // Each branch of the matching split arrives once (a condition inside a branch may lead into the
    // join by several edges, but only one of them is taken).
    const split = joinSplits(run.flow).get(node.id);
    const needed =
      node.mode === 'any' ? 1 : split ? outgoing(run.flow, split).length : incoming(run.flow, node.id).length;
    if (Number(arrived.n) < needed) return;
    await closeNodeRun(run, active.id, 'done');
    if (node.mode === 'any') {
      const splits = run.flow.nodes
        .filter((n) => n.type === 'parallel')
        .map((n) => between(run.flow, n.id, node.id));
      const inside = new Set(splits.flatMap((s) => [...s]));
      await cancelOpenWork(run, inside);
      run.closed = new Set([...(run.closed ?? []), ...inside, node.id]);
    }
    await leave(run, node.id);
  },
};

/** Automatic actions run by the job worker (webhooks must not hold the instance lock); it continues the flow. */
export const actionNode = {
  async enter(run: Run, node: ActionNode, arrival: Arrival): Promise<void> {
    const nodeRunId = await openNodeRun(run, node.id, 'active', arrival.returnTo ?? null);
    await schedule(run, [
      {
        kind: 'workflow.action',
        payload: { instanceId: run.instance.id, nodeRunId, nodeId: node.id },
        dedupKey: `action:${nodeRunId}`,
      },
    ]);
  },
};

export const endNode = {
  async enter(run: Run, node: EndNode): Promise<void> {
    await openNodeRun(run, node.id, 'done');
    await finishInstance(run, node.outcome === 'rejected' ? 'rejected' : 'approved');
  },
};
