import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../support/app';
import { expectError } from '../support/client';
import {
  act,
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
  todo,
} from '../support/workflow';

/** What approvers do with a task: return (normally or straight back), transfer, add a signer. */
let t: TestApp;
let org: Org;

beforeAll(async () => {
  t = await testApp();
  org = await dealershipOrg(t);
  const users = (key: keyof Org['people']) => [{ kind: 'users', userIds: [org.people[key].id] }];
  await publishFlow(
    t,
    expenseForm.id,
    line(
      approval('manager', users('teamLead')),
      approval('gm', users('gm')),
      approval('finance', users('finance1')),
    ),
  );
});
afterAll(() => t?.close());

/** A claim the manager and the GM have approved: it waits for finance. */
async function atFinance() {
  const { employee, teamLead, gm } = org.people;
  const submitted = await submitNew(employee, claim('2000.00'));
  await actOn(teamLead, submitted.instanceId);
  await actOn(gm, submitted.instanceId);
  expect(await boxes(org, submitted.instanceId)).toEqual({ finance1: ['finance'] });
  return submitted;
}

const PASSED = [
  'instance.submitted',
  'node.entered@manager',
  'task.approved@manager',
  'node.entered@gm',
  'task.approved@gm',
  'node.entered@finance',
];

describe('return', () => {
  it('to the previous node, then the flow goes on through that node’s successors', async () => {
    const { finance1, gm } = org.people;
    const { instanceId } = await atFinance();
    await actOn(finance1, instanceId, { action: 'return', comment: '请总经理再确认' });
    expect(await boxes(org, instanceId)).toEqual({ gm: ['gm'] });
    await actOn(gm, instanceId);
    expect(await boxes(org, instanceId)).toEqual({ finance1: ['finance'] });
    expect((await actOn(finance1, instanceId)).instanceStatus).toBe('approved');
    expect(await tasks(org, instanceId)).toEqual([
      'manager:teamLead:approved',
      'gm:gm:approved',
      'finance:finance1:returned',
      'gm:gm:approved',
      'finance:finance1:approved',
    ]);
    expect(await story(org, instanceId)).toEqual([
      ...PASSED,
      'task.returned@finance',
      'node.entered@gm',
      'task.approved@gm',
      'node.entered@finance',
      'task.approved@finance',
      'instance.approved',
    ]);
    const returned = (await timeline(gm, instanceId)).find((e) => e.action === 'task.returned')!;
    expect(returned).toMatchObject({
      comment: '请总经理再确认',
      actor: { id: finance1.id },
      details: { to: 'gm', resume: 'normal' },
    });
  });

  it('to a chosen passed node, continuing normally', async () => {
    const { finance1, gm, teamLead } = org.people;
    const { instanceId } = await atFinance();
    await actOn(finance1, instanceId, { action: 'return', to: 'manager' });
    expect(await boxes(org, instanceId)).toEqual({ teamLead: ['manager'] });
    await actOn(teamLead, instanceId);
    expect(await boxes(org, instanceId)).toEqual({ gm: ['gm'] });
    await actOn(gm, instanceId);
    expect(await boxes(org, instanceId)).toEqual({ finance1: ['finance'] });
    await actOn(finance1, instanceId);
    expect(await instanceStatus(org, instanceId)).toBe('approved');
  });

  it('“straight back”: after the returned-to node approves, the flow comes back to the returner', async () => {
    const { finance1, teamLead } = org.people;
    const { instanceId } = await atFinance();
    await actOn(finance1, instanceId, { action: 'return', to: 'manager', resume: 'direct' });
    expect(await boxes(org, instanceId)).toEqual({ teamLead: ['manager'] });
    await actOn(teamLead, instanceId);
    expect(await boxes(org, instanceId)).toEqual({ finance1: ['finance'] });
    expect((await actOn(finance1, instanceId)).instanceStatus).toBe('approved');
    expect(await tasks(org, instanceId)).toEqual([
      'manager:teamLead:approved',
      'gm:gm:approved',
      'finance:finance1:returned',
      'manager:teamLead:approved',
      'finance:finance1:approved',
    ]);
    expect(await story(org, instanceId)).toEqual([
      ...PASSED,
      'task.returned@finance',
      'node.entered@manager',
      'task.approved@manager',
      'node.entered@finance',
      'task.approved@finance',
      'instance.approved',
    ]);
  });

  it('to a node not passed (or not where people act) is refused', async () => {
    const { employee, teamLead, gm } = org.people;
    const { instanceId } = await submitNew(employee, claim('2000.00'));
    await actOn(teamLead, instanceId);
    const taskId = await taskOf(gm, instanceId);
    for (const to of ['finance', 'gm', 'end', 'nowhere']) {
      const refused = expectError(await act(gm, taskId, { action: 'return', to }), 422);
      expect(
        refused.details.map((d) => d.path),
        to,
      ).toEqual(['/to']);
    }
    expect(await boxes(org, instanceId)).toEqual({ gm: ['gm'] });
    expect(await tasks(org, instanceId)).toEqual(['manager:teamLead:approved', 'gm:gm:pending']);
  });

  it('never forward: a node passed before the flow came back to an earlier one lies ahead again', async () => {
    const { finance1, teamLead, gm } = org.people;
    const { instanceId } = await atFinance();
    await actOn(finance1, instanceId);
    expect(await instanceStatus(org, instanceId)).toBe('approved');
    const reactivated = await t.admin.post(`/api/instances/${instanceId}/reactivate`, { nodeId: 'manager' });
    expect(reactivated.status, JSON.stringify(reactivated.body)).toBe(204);
    await actOn(teamLead, instanceId);
    // Finance was passed once, but now it comes after the GM: "returning" there would skip the GM.
    const taskId = await taskOf(gm, instanceId);
    const refused = expectError(await act(gm, taskId, { action: 'return', to: 'finance' }), 422);
    expect(refused.details.map((d) => d.path)).toEqual(['/to']);
    expect(await boxes(org, instanceId)).toEqual({ gm: ['gm'] });
    // The previous node is the manager, not finance (the last one passed).
    await actOn(gm, instanceId, { action: 'return' });
    expect(await boxes(org, instanceId)).toEqual({ teamLead: ['manager'] });
  });
});

describe('transfer', () => {
  it('hands the task to someone else, never to oneself; the old assignee sees it done', async () => {
    const { employee, teamLead, salesManager } = org.people;
    const { instanceId } = await submitNew(employee, claim('2000.00'));
    const taskId = await taskOf(teamLead, instanceId);
    const self = expectError(await act(teamLead, taskId, { action: 'transfer', to: teamLead.id }), 422);
    expect(self.details.map((d) => d.path)).toEqual(['/to']);
    expectError(await act(teamLead, taskId, { action: 'transfer', to: 'usr_nobody' }), 422);

    const moved = await act(teamLead, taskId, { action: 'transfer', to: salesManager.id, comment: '我休假' });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(await boxes(org, instanceId)).toEqual({ salesManager: ['manager'] });
    expect(await todo(teamLead, instanceId, 'done')).toEqual([
      expect.objectContaining({ taskId, nodeId: 'manager', taskStatus: 'transferred' }),
    ]);
    expectError(await act(teamLead, taskId, { action: 'approve' }), 409);

    await actOn(salesManager, instanceId);
    expect(await boxes(org, instanceId)).toEqual({ gm: ['gm'] });
    expect(await tasks(org, instanceId)).toEqual([
      'manager:salesManager:approved',
      'manager:teamLead:transferred',
      'gm:gm:pending',
    ]);
    const transferred = (await timeline(employee, instanceId)).find((e) => e.action === 'task.transferred')!;
    expect(transferred).toMatchObject({
      actor: { id: teamLead.id },
      comment: '我休假',
      details: { to: salesManager.id },
    });
  });
});

describe('add a signer', () => {
  it('before me: they sign first, then it is my turn again', async () => {
    const { employee, teamLead, salesManager } = org.people;
    const { instanceId } = await submitNew(employee, claim('2000.00'));
    const taskId = await taskOf(teamLead, instanceId);
    expectError(await act(teamLead, taskId, { action: 'addSigner', to: teamLead.id, where: 'before' }), 422);
    expect(
      (await act(teamLead, taskId, { action: 'addSigner', to: salesManager.id, where: 'before' })).status,
    ).toBe(200);
    expect(await boxes(org, instanceId)).toEqual({ salesManager: ['manager'] });
    expect(await tasks(org, instanceId)).toEqual([
      'manager:salesManager:pending',
      'manager:teamLead:waiting',
    ]);
    await actOn(salesManager, instanceId);
    expect(await boxes(org, instanceId)).toEqual({ teamLead: ['manager'] });
    expect(await taskOf(teamLead, instanceId)).toBe(taskId);
    await actOn(teamLead, instanceId);
    expect(await boxes(org, instanceId)).toEqual({ gm: ['gm'] });
  });

  it('after me: my approval stands, the node waits for them', async () => {
    const { employee, teamLead, financeHead } = org.people;
    const { instanceId } = await submitNew(employee, claim('2000.00'));
    await actOn(teamLead, instanceId, { action: 'addSigner', to: financeHead.id, where: 'after' });
    expect(await boxes(org, instanceId)).toEqual({ financeHead: ['manager'] });
    expect(await tasks(org, instanceId)).toEqual([
      'manager:financeHead:pending',
      'manager:teamLead:approved',
    ]);
    await actOn(financeHead, instanceId);
    expect(await boxes(org, instanceId)).toEqual({ gm: ['gm'] });
    expect(await story(org, instanceId)).toEqual([
      'instance.submitted',
      'node.entered@manager',
      'task.signer_added@manager',
      'task.approved@manager',
      'node.entered@gm',
    ]);
  });

  it('in parallel: either signature completes an "any" node, the other task is cancelled', async () => {
    const { employee, teamLead, finance2 } = org.people;
    const { instanceId } = await submitNew(employee, claim('2000.00'));
    await actOn(teamLead, instanceId, { action: 'addSigner', to: finance2.id, where: 'parallel' });
    expect(await boxes(org, instanceId)).toEqual({ teamLead: ['manager'], finance2: ['manager'] });
    await actOn(finance2, instanceId);
    expect(await boxes(org, instanceId)).toEqual({ gm: ['gm'] });
    expect(await tasks(org, instanceId)).toEqual([
      'manager:finance2:approved',
      'manager:teamLead:cancelled',
      'gm:gm:pending',
    ]);
  });
});

/* Issue 15 item 14: the task page offers exactly what the actions endpoint would take. */
describe('a handled task', () => {
  it('offers no action once approved, nor once the approval was withdrawn and it was cancelled', async () => {
    const { employee, teamLead, gm } = org.people;
    const { instanceId } = await submitNew(employee, claim('300.00'));
    const pending = await teamLead.client.get(`/api/tasks/${await taskOf(teamLead, instanceId)}`);
    expect(pending.body.actions).toEqual([
      'approve',
      'reject',
      'return',
      'transfer',
      'addSigner',
      'saveDraft',
    ]);
    const { taskId: approved } = await actOn(teamLead, instanceId);
    const cancelled = await taskOf(gm, instanceId);
    expect((await t.admin.post(`/api/instances/${instanceId}/end`, {})).status).toBe(204);
    for (const [who, taskId] of [
      [teamLead, approved],
      [gm, cancelled],
    ] as const) {
      const view = await who.client.get(`/api/tasks/${taskId}`);
      expect(view.status, JSON.stringify(view.body)).toBe(200);
      expect(view.body.actions).toEqual([]);
      expect(view.body.returnTargets).toEqual([]);
      expect(Object.values(view.body.fields)).not.toContain('edit');
      expectError(await act(who, taskId, { action: 'approve' }), 409);
      expectError(await act(who, taskId, { action: 'reject', comment: '不行' }), 409);
    }
  });
});
