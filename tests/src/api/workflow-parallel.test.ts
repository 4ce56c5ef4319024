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
  END,
  expenseForm,
  type Flow,
  instanceStatus,
  type Org,
  publishFlow,
  START,
  story,
  submitNew,
  taskOf,
  tasks,
} from '../support/workflow';

/** Parallel splits and joins ("all" and "any"), and returns in and out of parallel branches. */
let t: TestApp;
let org: Org;

beforeAll(async () => {
  t = await testApp();
  org = await dealershipOrg(t);
});
afterAll(() => t?.close());

const users = (...keys: (keyof Org['people'])[]) => ({
  kind: 'users',
  userIds: keys.map((k) => org.people[k].id),
});

describe('parallel split and join', () => {
  const parallel = (mode: 'all' | 'any', after: Flow['nodes'] = []): Flow => ({
    nodes: [
      START,
      { id: 'split', type: 'parallel' },
      approval('finance', [users('finance1')]),
      approval('gm', [users('gm')]),
      { id: 'join', type: 'join', mode },
      ...after,
      END,
    ],
    edges: [
      { id: 'e1', from: 'start', to: 'split' },
      { id: 'e2', from: 'split', to: 'finance' },
      { id: 'e3', from: 'split', to: 'gm' },
      { id: 'e4', from: 'finance', to: 'join' },
      { id: 'e5', from: 'gm', to: 'join' },
      ...(after.length
        ? [
            { id: 'e6', from: 'join', to: after[0]!.id },
            { id: 'e7', from: after[0]!.id, to: 'end' },
          ]
        : [{ id: 'e6', from: 'join', to: 'end' }]),
    ],
  });

  it('join "all" waits for every branch', async () => {
    await publishFlow(t, expenseForm.id, parallel('all', [approval('manager', [users('teamLead')])]));
    const { employee, finance1, gm, teamLead } = org.people;
    const { instanceId } = await submitNew(employee, claim('2000.00'));
    expect(await boxes(org, instanceId)).toEqual({ finance1: ['finance'], gm: ['gm'] });
    await actOn(finance1, instanceId);
    expect(await boxes(org, instanceId)).toEqual({ gm: ['gm'] });
    expect(await instanceStatus(org, instanceId)).toBe('running');
    await actOn(gm, instanceId);
    expect(await boxes(org, instanceId)).toEqual({ teamLead: ['manager'] });
    await actOn(teamLead, instanceId);
    expect(await instanceStatus(org, instanceId)).toBe('approved');
    expect(await story(org, instanceId)).toEqual([
      'instance.submitted',
      'node.entered@finance',
      'node.entered@gm',
      'task.approved@finance',
      'join.arrived@join',
      'task.approved@gm',
      'join.arrived@join',
      'node.entered@manager',
      'task.approved@manager',
      'instance.approved',
    ]);
  });

  it('join "any" goes on with the first branch and cancels the other branch’s tasks', async () => {
    await publishFlow(t, expenseForm.id, parallel('any', [approval('manager', [users('teamLead')])]));
    const { employee, finance1, gm, teamLead } = org.people;
    const { instanceId } = await submitNew(employee, claim('2000.00'));
    expect(await boxes(org, instanceId)).toEqual({ finance1: ['finance'], gm: ['gm'] });
    const gmTask = await taskOf(gm, instanceId);
    await actOn(finance1, instanceId);
    expect(await boxes(org, instanceId)).toEqual({ teamLead: ['manager'] });
    expectError(await act(gm, gmTask, { action: 'approve' }), 409);
    expect(await tasks(org, instanceId)).toEqual([
      'finance:finance1:approved',
      'gm:gm:cancelled',
      'manager:teamLead:pending',
    ]);
    await actOn(teamLead, instanceId);
    expect(await instanceStatus(org, instanceId)).toBe('approved');
    expect(await story(org, instanceId)).toEqual([
      'instance.submitted',
      'node.entered@finance',
      'node.entered@gm',
      'task.approved@finance',
      'join.arrived@join',
      'node.entered@manager',
      'task.approved@manager',
      'instance.approved',
    ]);
  });

  it('a return inside one branch leaves the other branch and its arrival at the join standing', async () => {
    const flow = parallel('all');
    flow.nodes.splice(2, 0, approval('check', [users('financeHead')]));
    flow.edges[1] = { id: 'e2', from: 'split', to: 'check' };
    flow.edges.push({ id: 'e9', from: 'check', to: 'finance' });
    await publishFlow(t, expenseForm.id, flow);
    const { employee, financeHead, finance1, gm } = org.people;
    const { instanceId } = await submitNew(employee, claim('2000.00'));
    expect(await boxes(org, instanceId)).toEqual({ financeHead: ['check'], gm: ['gm'] });
    await actOn(gm, instanceId);
    await actOn(financeHead, instanceId);
    await actOn(finance1, instanceId, { action: 'return', comment: '请复核发票' });
    expect(await boxes(org, instanceId)).toEqual({ financeHead: ['check'] });
    await actOn(financeHead, instanceId);
    expect((await actOn(finance1, instanceId)).instanceStatus).toBe('approved');
    expect(await tasks(org, instanceId)).toEqual([
      'check:financeHead:approved',
      'gm:gm:approved',
      'finance:finance1:returned',
      'check:financeHead:approved',
      'finance:finance1:approved',
    ]);
  });

  it('join "any" fired by a branch nobody has to act on does not start the other branch', async () => {
    // The submitter is the finance approver and is skipped: that branch reaches the join at once.
    const flow = parallel('any', [approval('manager', [users('teamLead')])]);
    flow.autoSkip = { submitter: true };
    (flow.nodes[2] as unknown as { approvers: unknown[] }).approvers = [users('finance1')];
    await publishFlow(t, expenseForm.id, flow);
    const { finance1, teamLead } = org.people;
    const { instanceId } = await submitNew(finance1, claim('2000.00'));
    expect(await boxes(org, instanceId)).toEqual({ teamLead: ['manager'] });
    expect(await tasks(org, instanceId)).toEqual(['finance:finance1:skipped', 'manager:teamLead:pending']);
    await actOn(teamLead, instanceId);
    expect(await instanceStatus(org, instanceId)).toBe('approved');
  });

  it('an admin reactivates before the split, never inside one branch', async () => {
    await publishFlow(t, expenseForm.id, parallel('all'));
    const { employee, finance1, gm } = org.people;
    const { instanceId } = await submitNew(employee, claim('2000.00'));
    await actOn(finance1, instanceId);
    expect((await t.admin.post(`/api/instances/${instanceId}/end`, {})).status).toBe(204);
    const refused = expectError(
      await t.admin.post(`/api/instances/${instanceId}/reactivate`, { nodeId: 'gm' }),
      422,
    );
    expect(refused.details.map((d) => d.path)).toEqual(['/nodeId']);
    expect(await instanceStatus(org, instanceId)).toBe('ended');
    expect((await t.admin.post(`/api/instances/${instanceId}/reactivate`, { nodeId: 'start' })).status).toBe(
      204,
    );
    expect(await boxes(org, instanceId)).toEqual({ employee: ['start'] });
    await actOn(employee, instanceId);
    await actOn(finance1, instanceId);
    expect((await actOn(gm, instanceId)).instanceStatus).toBe('approved');
  });

  it('a return from after a join "all" goes back before the split, never into one branch', async () => {
    await publishFlow(t, expenseForm.id, parallel('all', [approval('manager', [users('teamLead')])]));
    const { employee, finance1, gm, teamLead } = org.people;
    const { instanceId } = await submitNew(employee, claim('2000.00'));
    await actOn(finance1, instanceId);
    await actOn(gm, instanceId);
    const taskId = await taskOf(teamLead, instanceId);
    // Back into one branch, the join would wait for ever for the other, which already passed it.
    for (const to of ['gm', 'finance']) {
      const refused = expectError(await act(teamLead, taskId, { action: 'return', to }), 422);
      expect(refused.details.map((d) => d.path)).toEqual(['/to']);
    }
    await actOn(teamLead, instanceId, { action: 'return' });
    expect(await boxes(org, instanceId)).toEqual({ employee: ['start'] });
    await actOn(employee, instanceId);
    expect(await boxes(org, instanceId)).toEqual({ finance1: ['finance'], gm: ['gm'] });
    await actOn(finance1, instanceId);
    await actOn(gm, instanceId);
    expect((await actOn(teamLead, instanceId)).instanceStatus).toBe('approved');
  });
});
