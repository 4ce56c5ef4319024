import type { InstanceStatus } from '../db/schema';
import { event, notify, type Run } from './run';

/**
 * Ends the instance: every open task and active node run is cancelled, the instance and the record's
 * `flow_state` say how it ended, the submitter is told. Idempotent under the instance lock. Callers
 * use step.ts's `finishInstance`, which also wakes a parent flow waiting for this one.
 */
export async function endInstance(run: Run, status: Exclude<InstanceStatus, 'running'>): Promise<void> {
  await cancelOpenWork(run);
  await run.trx
    .updateTable('flow_instances')
    .set({ status, ended_at: run.now })
    .where('id', '=', run.instance.id)
    .where('status', '=', 'running')
    .execute();
  run.instance = { ...run.instance, status, ended_at: run.now };
  await mirrorFlowState(run, status);
  await event(run, `instance.${status}`);
  if (run.instance.submitter_id) await notify(run, [run.instance.submitter_id], `instance.${status}`);
}

/**
 * Cancels what is still open in the instance (or only on some nodes): tasks first, then node runs.
 * Copies (CC) stay: the flow never waited for them, and they remain to be read after it ends.
 */
export async function cancelOpenWork(run: Run, nodeIds?: ReadonlySet<string>): Promise<void> {
  let tasks = run.trx
    .updateTable('flow_tasks')
    .set({ status: 'cancelled' })
    .where('instance_id', '=', run.instance.id)
    .where('kind', '!=', 'cc')
    .where('status', 'in', ['waiting', 'pending']);
  if (nodeIds) tasks = tasks.where('node_id', 'in', nodeIds.size ? [...nodeIds] : ['']);
  await tasks.execute();
  let runs = run.trx
    .updateTable('flow_node_runs')
    .set({ status: 'cancelled', ended_at: run.now })
    .where('instance_id', '=', run.instance.id)
    .where('status', 'in', ['active', 'failed']);
  if (nodeIds) runs = runs.where('node_id', 'in', nodeIds.size ? [...nodeIds] : ['']);
  await runs.execute();
}

/** The record mirrors its flow state so that lists can filter by it (`_flow_state`). */
export async function mirrorFlowState(run: Run, state: InstanceStatus): Promise<void> {
  await run.trx
    .updateTable('records')
    .set({ flow_state: state })
    .where('id', '=', run.instance.record_id)
    .execute();
}
