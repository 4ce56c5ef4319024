import { between, incoming, type JoinNode, joinSplits, outgoing } from '@forecourt/schemas';
import { cancelOpenWork } from '../finish';
import { type Arrival, leaveTo, type NodeKind, WAIT } from '../kinds';
import { closeNodeRun, event, openNodeRun, type Run } from '../run';

/**
 * Join: waits for every incoming branch ("all") or the first ("any"; the other branches' open
 * work is cancelled). Arrivals are counted on the join's active node run through the timeline.
 */
export const joinNode: NodeKind<JoinNode> = {
  async enter(run: Run, node: JoinNode, arrival: Arrival) {
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
    if (Number(arrived.n) < needed) return WAIT;
    await closeNodeRun(run, active.id, 'done');
    if (node.mode === 'any') {
      const splits = run.flow.nodes
        .filter((n) => n.type === 'parallel')
        .map((n) => between(run.flow, n.id, node.id));
      const inside = new Set(splits.flatMap((s) => [...s]));
      await cancelOpenWork(run, inside);
      run.closed = new Set([...(run.closed ?? []), ...inside, node.id]);
    }
    return leaveTo();
  },
};
