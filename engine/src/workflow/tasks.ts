import type { Deadline, HumanNode } from '@forecourt/schemas';
import type { TaskStatus } from '../db/schema';
import { newId } from '../ids';
import { event, notify, type Run, schedule } from './run';

export interface NewTask {
  assigneeId: string;
  status: TaskStatus;
  position?: number;
  origin?: Record<string, unknown>;
}

/** Writes a node run's tasks; pending ones get their deadline jobs and a notification. */
export async function createTasks(
  run: Run,
  node: { id: string; type: string; deadline?: Deadline },
  nodeRunId: string,
  tasks: NewTask[],
): Promise<string[]> {
  if (!tasks.length) return [];
  const kind =
    node.type === 'cc' ? 'cc' : node.type === 'fill' || node.type === 'start' ? 'fill' : 'approval';
  const rows = tasks.map((task) => ({
    id: newId('tsk'),
    workspace_id: run.instance.workspace_id,
    instance_id: run.instance.id,
    node_run_id: nodeRunId,
    node_id: node.id,
    kind: kind as 'approval' | 'fill' | 'cc',
    assignee_id: task.assigneeId,
    status: task.status,
    position: task.position ?? 0,
    origin: task.origin ? JSON.stringify(task.origin) : null,
    due_at: task.status === 'pending' ? dueAt(run, node.deadline) : null,
    acted_at: task.status === 'skipped' ? run.now : null,
    created_at: run.now,
  }));
  await run.trx.insertInto('flow_tasks').values(rows).execute();
  for (const row of rows.filter((r) => r.status === 'pending'))
    await arrived(run, node, row.id, row.assignee_id, row.due_at);
  return rows.map((r) => r.id);
}

/** A task became pending (created so, or its turn came): deadline jobs and a notification. */
export async function arrived(
  run: Run,
  node: { id: string; type: string; deadline?: Deadline },
  taskId: string,
  assigneeId: string,
  due: Date | null,
): Promise<void> {
  await notify(run, [assigneeId], node.type === 'cc' ? 'task.cc' : 'task.new', { taskId });
  if (!due || !node.deadline) return;
  const reminders = (node.deadline.remindBefore ?? [])
    .map((minutes) => new Date(due.getTime() - minutes * 60_000))
    .filter((at) => at > run.now);
  await schedule(run, [
    ...reminders.map((runAt, i) => ({
      kind: 'workflow.deadline',
      payload: { taskId, action: 'remind' },
      runAt,
      dedupKey: `deadline:${taskId}:remind:${i}`,
    })),
    {
      kind: 'workflow.deadline',
      payload: { taskId, action: node.deadline.then },
      runAt: due,
      dedupKey: `deadline:${taskId}:${node.deadline.then}`,
    },
  ]);
}

function dueAt(run: Run, deadline: Deadline | undefined): Date | null {
  if (!deadline) return null;
  if ('minutes' in deadline.after) return new Date(run.now.getTime() + deadline.after.minutes * 60_000);
  const value = run.data[deadline.after.field];
  const at = typeof value === 'string' ? new Date(value) : null;
  return at && !Number.isNaN(at.getTime()) ? at : null;
}

/** The tasks of a node run still open (waiting or pending). */
export async function openTasks(run: Run, nodeRunId: string) {
  return run.trx
    .selectFrom('flow_tasks')
    .selectAll()
    .where('node_run_id', '=', nodeRunId)
    .where('status', 'in', ['waiting', 'pending'])
    .orderBy('position')
    .orderBy('created_at')
    .execute();
}

/**
 * After an approval on a human node: is the node complete? "any" — yes, unless signers added after
 * the approver still have to sign; "all" — when no task is open; "sequence" — when no one is left
 * waiting, else the next in line gets their task.
 */
export async function nodeComplete(run: Run, node: HumanNode, nodeRunId: string): Promise<boolean> {
  const open = await openTasks(run, nodeRunId);
  const addedAfter = open.filter((t) => (t.origin as { after?: string } | null)?.after);
  if (node.mode === 'any') return addedAfter.length === 0;
  if (open.some((t) => t.status === 'pending')) return false;
  const next = open.find(
    (t) => t.status === 'waiting' && !(t.origin as { waitingFor?: string } | null)?.waitingFor,
  );
  if (!next) return open.length === 0;
  const due = dueAt(run, node.deadline);
  await run.trx
    .updateTable('flow_tasks')
    .set({ status: 'pending', due_at: due })
    .where('id', '=', next.id)
    .execute();
  await arrived(run, node, next.id, next.assignee_id, due);
  await event(run, 'task.turn', {
    nodeId: node.id,
    taskId: next.id,
    details: { assigneeId: next.assignee_id },
  });
  return false;
}
