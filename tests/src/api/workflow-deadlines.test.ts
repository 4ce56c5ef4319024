import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../support/app';
import {
  actOn,
  approval,
  boxes,
  claim,
  dealershipOrg,
  expenseForm,
  instanceStatus,
  line,
  type Org,
  publishFlow,
  story,
  submitNew,
  taskOf,
  tasks,
  timeline,
} from '../support/workflow';
import { dueNow, runWorker } from '../support/workflow-jobs';

/**
 * Deadlines are jobs: rather than wait, a test makes the instance's jobs due now and runs the
 * worker. What the system does shows on the timeline with no actor.
 */
let t: TestApp;
let org: Org;

beforeAll(async () => {
  t = await testApp();
  org = await dealershipOrg(t);
});
afterAll(() => t?.close());

const users = (key: keyof Org['people']) => [{ kind: 'users', userIds: [org.people[key].id] }];

/** A node's deadline: `minutes` after the task arrives, then `action`. */
function deadline(minutes: number, action: string, remindBefore?: number[]) {
  // biome-ignore lint/suspicious/noThenProperty: Deadline.then is a string, so never a thenable.
  return { deadline: { after: { minutes }, ...(remindBefore ? { remindBefore } : {}), then: action } };
}

async function jobsOf(instanceId: string) {
  const { rows } = await sql<{ dedup_key: string; status: string; minutes: number }>`
    select j.dedup_key, j.status, round(extract(epoch from (j.run_at - t.created_at)) / 60)::int as minutes
    from jobs j join flow_tasks t on t.id = j.payload->>'taskId'
    where t.instance_id = ${instanceId} and j.kind = 'workflow.deadline'
    order by j.run_at, j.dedup_key`.execute(t.database.db);
  return rows;
}

describe('deadlines', () => {
  it('then "approve": the system approves the task at the deadline and the flow goes on', async () => {
    await publishFlow(
      t,
      expenseForm.id,
      line(approval('manager', users('teamLead'), deadline(1, 'approve')), approval('gm', users('gm'))),
    );
    const { employee, teamLead, gm } = org.people;
    const { instanceId } = await submitNew(employee, claim('500.00'));
    const taskId = await taskOf(teamLead, instanceId);
    expect(await jobsOf(instanceId)).toEqual([
      { dedup_key: `deadline:${taskId}:approve`, status: 'pending', minutes: 1 },
    ]);
    // Not due yet: the worker leaves it alone.
    expect(await runWorker(org)).toEqual([]);
    expect(await boxes(org, instanceId)).toEqual({ teamLead: ['manager'] });

    expect(await dueNow(org, instanceId)).toBe(1);
    expect(await runWorker(org)).toEqual([{ kind: 'workflow.deadline', outcome: 'done' }]);
    expect(await boxes(org, instanceId)).toEqual({ gm: ['gm'] });
    expect(await tasks(org, instanceId)).toEqual(['manager:teamLead:approved', 'gm:gm:pending']);
    const approved = (await timeline(employee, instanceId)).find((e) => e.action === 'task.approved')!;
    expect(approved).toMatchObject({ nodeId: 'manager', actor: null, comment: '超时自动通过' });
    const row = await t.database.db
      .selectFrom('flow_tasks')
      .select('acted_by')
      .where('id', '=', taskId)
      .executeTakeFirstOrThrow();
    expect(row.acted_by).toBeNull();
    await actOn(gm, instanceId);
    expect(await instanceStatus(org, instanceId)).toBe('approved');
  });

  it('a deadline that comes after the person acted does nothing', async () => {
    const { employee, teamLead } = org.people;
    const { instanceId } = await submitNew(employee, claim('500.00'));
    await actOn(teamLead, instanceId, { action: 'approve', comment: '及时处理' });
    expect(await dueNow(org, instanceId)).toBe(1);
    expect(await runWorker(org)).toEqual([{ kind: 'workflow.deadline', outcome: 'done' }]);
    expect(await boxes(org, instanceId)).toEqual({ gm: ['gm'] });
    expect(await story(org, instanceId)).toEqual([
      'instance.submitted',
      'node.entered@manager',
      'task.approved@manager',
      'node.entered@gm',
    ]);
  });

  it('then "remind": reminders before and at the deadline, the task stays with its assignee', async () => {
    await publishFlow(
      t,
      expenseForm.id,
      line(approval('manager', users('teamLead'), deadline(60, 'remind', [30]))),
    );
    const { employee, teamLead } = org.people;
    const { instanceId } = await submitNew(employee, claim('500.00'));
    const taskId = await taskOf(teamLead, instanceId);
    expect(await jobsOf(instanceId)).toEqual([
      { dedup_key: `deadline:${taskId}:remind:0`, status: 'pending', minutes: 30 },
      { dedup_key: `deadline:${taskId}:remind`, status: 'pending', minutes: 60 },
    ]);
    expect(await dueNow(org, instanceId)).toBe(2);
    expect(await runWorker(org)).toEqual([
      { kind: 'workflow.deadline', outcome: 'done' },
      { kind: 'workflow.deadline', outcome: 'done' },
    ]);
    const reminders = await t.database.db
      .selectFrom('notifications')
      .select(['user_id', 'task_id'])
      .where('instance_id', '=', instanceId)
      .where('kind', '=', 'task.reminder')
      .execute();
    expect(reminders).toEqual([
      { user_id: teamLead.id, task_id: taskId },
      { user_id: teamLead.id, task_id: taskId },
    ]);
    const reminded = (await timeline(employee, instanceId)).filter((e) => e.action === 'task.reminded');
    expect(reminded.map((e) => [e.nodeId, e.actor])).toEqual([
      ['manager', null],
      ['manager', null],
    ]);
    expect(await boxes(org, instanceId)).toEqual({ teamLead: ['manager'] });
    expect(await tasks(org, instanceId)).toEqual(['manager:teamLead:pending']);
  });

  it('then "return": the system returns the task to the previous node', async () => {
    await publishFlow(
      t,
      expenseForm.id,
      line(approval('manager', users('teamLead')), approval('gm', users('gm'), deadline(1, 'return'))),
    );
    const { employee, teamLead, gm } = org.people;
    const { instanceId } = await submitNew(employee, claim('500.00'));
    await actOn(teamLead, instanceId);
    expect(await boxes(org, instanceId)).toEqual({ gm: ['gm'] });
    expect(await dueNow(org, instanceId)).toBe(1);
    expect(await runWorker(org)).toEqual([{ kind: 'workflow.deadline', outcome: 'done' }]);
    expect(await boxes(org, instanceId)).toEqual({ teamLead: ['manager'] });
    expect(await tasks(org, instanceId)).toEqual([
      'manager:teamLead:approved',
      'gm:gm:returned',
      'manager:teamLead:pending',
    ]);
    const returned = (await timeline(employee, instanceId)).find((e) => e.action === 'task.returned')!;
    expect(returned).toMatchObject({
      nodeId: 'gm',
      actor: null,
      comment: '超时自动退回',
      details: { to: 'manager' },
    });
    // Back at the GM, a new task with a new deadline.
    await actOn(teamLead, instanceId);
    const again = await taskOf(gm, instanceId);
    expect((await jobsOf(instanceId)).filter((j) => j.status === 'pending')).toEqual([
      { dedup_key: `deadline:${again}:return`, status: 'pending', minutes: 1 },
    ]);
  });
});
