import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../support/app';
import { expectError } from '../support/client';
import { create } from '../support/dealership/install';
import {
  act,
  actOn,
  boxes,
  claim,
  dealershipOrg,
  expenseFlow,
  expenseForm,
  instanceStatus,
  type Org,
  publishFlow,
  record,
  story,
  submitNew,
  taskOf,
  tasks,
  timeline,
  todo,
} from '../support/workflow';

/** The expense claim flow of dealership-templates.md §1.7: manager → GM over ¥5,000 → finance if over budget. */
let t: TestApp;
let org: Org;

beforeAll(async () => {
  t = await testApp();
  org = await dealershipOrg(t);
  await publishFlow(t, expenseForm.id, expenseFlow(org, { requireComment: true }));
});
afterAll(() => t?.close());

describe('the expense claim flow (§1.7)', () => {
  it('a small claim within budget needs only the manager', async () => {
    const { employee, teamLead } = org.people;
    const { recordId, instanceId } = await submitNew(employee, claim('800.00'));
    expect((await record(employee, recordId)).flowState).toBe('running');
    expect(await boxes(org, instanceId)).toEqual({ teamLead: ['manager'] });
    expect((await todo(employee, instanceId, 'initiated')).map((i) => i.instanceId)).toEqual([instanceId]);

    expect((await actOn(teamLead, instanceId, { action: 'approve', comment: '同意' })).instanceStatus).toBe(
      'approved',
    );
    expect(await boxes(org, instanceId)).toEqual({});
    expect(await instanceStatus(org, instanceId)).toBe('approved');
    expect((await record(employee, recordId)).flowState).toBe('approved');
    expect(await tasks(org, instanceId)).toEqual(['manager:teamLead:approved']);
    expect(await story(org, instanceId)).toEqual([
      'instance.submitted',
      'node.entered@manager',
      'task.approved@manager',
      'branch.taken@big',
      'branch.taken@budget',
      'instance.approved',
    ]);
    const approved = (await timeline(employee, instanceId)).find((e) => e.action === 'task.approved')!;
    expect(approved.actor?.id).toBe(teamLead.id);
    expect(approved.comment).toBe('同意');
  });

  it('a large claim over budget goes manager → GM → finance; one of finance suffices', async () => {
    const { employee, teamLead, gm, finance2 } = org.people;
    const { recordId, instanceId } = await submitNew(employee, claim('6000.00', { f_over_budget: true }));
    expect(await boxes(org, instanceId)).toEqual({ teamLead: ['manager'] });
    await actOn(teamLead, instanceId);
    expect(await boxes(org, instanceId)).toEqual({ gm: ['gm'] });
    expect((await record(employee, recordId)).flowState).toBe('running');
    await actOn(gm, instanceId);
    expect(await boxes(org, instanceId)).toEqual({ finance1: ['finance'], finance2: ['finance'] });

    // Finance must say why (the justification of an over-budget claim).
    const financeTask = await taskOf(finance2, instanceId);
    const refused = expectError(await act(finance2, financeTask, { action: 'approve' }), 422);
    expect(refused.details.map((d) => d.path)).toEqual(['/comment']);
    expectError(await act(finance2, financeTask, { action: 'approve', comment: '   ' }), 422);
    expect(await boxes(org, instanceId)).toEqual({ finance1: ['finance'], finance2: ['finance'] });

    const done = await act(finance2, financeTask, { action: 'approve', comment: '预算外，已核实' });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.instanceStatus).toBe('approved');
    expect(await boxes(org, instanceId)).toEqual({});
    expect(await tasks(org, instanceId)).toEqual([
      'manager:teamLead:approved',
      'gm:gm:approved',
      'finance:finance1:cancelled',
      'finance:finance2:approved',
    ]);
    expect(await story(org, instanceId)).toEqual([
      'instance.submitted',
      'node.entered@manager',
      'task.approved@manager',
      'branch.taken@big',
      'node.entered@gm',
      'task.approved@gm',
      'branch.taken@budget',
      'node.entered@finance',
      'task.approved@finance',
      'instance.approved',
    ]);
    expect((await record(employee, recordId)).flowState).toBe('approved');
    // Everyone who acted finds it in their done box; finance1, who did not, does not.
    expect(await boxes(org, instanceId, 'done')).toEqual({
      teamLead: ['manager'],
      gm: ['gm'],
      finance2: ['finance'],
    });
  });

  it('a large claim within budget skips finance; an over-budget small one skips the GM', async () => {
    const { employee, teamLead, gm, finance1 } = org.people;
    const large = await submitNew(employee, claim('5000.01', { f_over_budget: false }));
    await actOn(teamLead, large.instanceId);
    expect((await actOn(gm, large.instanceId)).instanceStatus).toBe('approved');
    expect(await tasks(org, large.instanceId)).toEqual(['manager:teamLead:approved', 'gm:gm:approved']);

    const small = await submitNew(employee, claim('5000.00', { f_over_budget: true }));
    await actOn(teamLead, small.instanceId);
    expect(await boxes(org, small.instanceId)).toEqual({ finance1: ['finance'], finance2: ['finance'] });
    await actOn(finance1, small.instanceId, { action: 'approve', comment: '同意' });
    expect(await tasks(org, small.instanceId)).toEqual([
      'manager:teamLead:approved',
      'finance:finance1:approved',
      'finance:finance2:cancelled',
    ]);
    expect(await instanceStatus(org, small.instanceId)).toBe('approved');
  });

  it('a manager’s own claim goes to the next level up', async () => {
    const { teamLead, salesManager, gm } = org.people;
    const { instanceId } = await submitNew(teamLead, claim('6000.00'));
    expect(await boxes(org, instanceId)).toEqual({ salesManager: ['manager'] });
    await actOn(salesManager, instanceId);
    await actOn(gm, instanceId);
    expect(await tasks(org, instanceId)).toEqual(['manager:salesManager:approved', 'gm:gm:approved']);
    expect(await instanceStatus(org, instanceId)).toBe('approved');
  });

  it('a rejection with a comment ends it rejected; the claim can be changed and submitted again', async () => {
    const { employee, teamLead, gm } = org.people;
    const { recordId, instanceId } = await submitNew(employee, claim('7000.00', { f_over_budget: true }));
    await actOn(teamLead, instanceId);
    const { instanceStatus: status } = await actOn(gm, instanceId, { action: 'reject', comment: '票据不全' });
    expect(status).toBe('rejected');
    expect(await boxes(org, instanceId)).toEqual({});
    expect(await tasks(org, instanceId)).toEqual(['manager:teamLead:approved', 'gm:gm:rejected']);
    expect(await story(org, instanceId)).toEqual([
      'instance.submitted',
      'node.entered@manager',
      'task.approved@manager',
      'branch.taken@big',
      'node.entered@gm',
      'task.rejected@gm',
      'instance.rejected',
    ]);
    const rejected = (await timeline(employee, instanceId)).find((e) => e.action === 'task.rejected')!;
    expect(rejected).toMatchObject({ comment: '票据不全', actor: { id: gm.id } });
    expect((await record(employee, recordId)).flowState).toBe('rejected');

    const again = await employee.client.post(`/api/forms/${expenseForm.id}/records/${recordId}/submit`);
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    expect(again.body.instanceId).not.toBe(instanceId);
    expect(await boxes(org, again.body.instanceId)).toEqual({ teamLead: ['manager'] });
    expect((await record(employee, recordId)).flowState).toBe('running');
    expectError(await employee.client.post(`/api/forms/${expenseForm.id}/records/${recordId}/submit`), 409);
  });

  it('blocks the submit of someone nobody manages, storing nothing', async () => {
    const { loner } = org.people;
    const entered = await create(loner.client, expenseForm.id, claim('300.00'));
    const refused = expectError(
      await loner.client.post(`/api/forms/${expenseForm.id}/records/${entered.id}/submit`),
      422,
    );
    expect(refused.details.map((d) => d.path)).toEqual(['/nodes/manager']);
    expect(refused.message).toContain('manager');
    const instances = await t.database.db
      .selectFrom('flow_instances')
      .select('id')
      .where('record_id', '=', entered.id)
      .execute();
    expect(instances).toEqual([]);
    expect((await record(loner, entered.id)).flowState).toBeNull();
  });
});
