import { type DelayNode, parseDateTime, parsedToInstant } from '@forecourt/schemas';
import { WORKSPACE_TIME_ZONE } from '../../records/context';
import { type Arrival, leaveTo, type NodeKind, type OpenNodeRun, WAIT } from '../kinds';
import { closeNodeRun, event, openNodeRun, type Run, schedule } from '../run';

/**
 * Waits, then goes on by itself. The wait is a `workflow.resume` job due at the node's time, written
 * with the step: it outlives restarts, and the worker resumes the node when it comes (step.ts). A
 * time already past, or an empty or unreadable field, lets the flow go on at once; the timeline says why.
 */
export const delayNode: NodeKind<DelayNode> = {
  async enter(run: Run, node: DelayNode, arrival: Arrival) {
    const until = dueAt(run, node);
    if (!until || until <= run.now) {
      await openNodeRun(run, node.id, 'done');
      await event(run, 'delay.passed', {
        nodeId: node.id,
        details: until ? { until: until.toISOString() } : { reason: 'no_time' },
      });
      return leaveTo(arrival.returnTo);
    }
    const nodeRunId = await openNodeRun(run, node.id, 'active', arrival.returnTo ?? null);
    await schedule(run, [
      {
        kind: 'workflow.resume',
        payload: { instanceId: run.instance.id, nodeRunId },
        runAt: until,
        dedupKey: `delay:${nodeRunId}`,
      },
    ]);
    await event(run, 'delay.waiting', { nodeId: node.id, details: { until: until.toISOString() } });
    return WAIT;
  },

  async resume(run: Run, node: DelayNode, nodeRun: OpenNodeRun) {
    await closeNodeRun(run, nodeRun.id, 'done');
    await event(run, 'delay.done', { nodeId: node.id });
    return leaveTo(nodeRun.return_to);
  },
};

/** When the wait ends: minutes from now, or the field's time (a date at midnight in the workspace's zone) plus the offset. */
function dueAt(run: Run, node: DelayNode): Date | null {
  const { wait } = node;
  if ('minutes' in wait) return new Date(run.now.getTime() + wait.minutes * 60_000);
  const value = run.data[wait.field];
  if (typeof value !== 'string') return null;
  const parsed = parseDateTime(value);
  if (!parsed) return null;
  return new Date(parsedToInstant(parsed, WORKSPACE_TIME_ZONE) + (wait.offsetMinutes ?? 0) * 60_000);
}
