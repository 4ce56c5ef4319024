import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../support/app';
import { expectError } from '../support/client';
import { quote } from '../support/dealership/sales';
import {
  act,
  actOn,
  boxes,
  dealershipOrg,
  instanceStatus,
  type Org,
  publishFlow,
  quoteFlow,
  record,
  story,
  submitQuote,
  taskOf,
  tasks,
  timeline,
} from '../support/workflow';

/** The quote discount flow of dealership-templates.md §1.1: > 3 % the sales manager, > 6 % the GM too. */
let t: TestApp;
let org: Org;

beforeAll(async () => {
  t = await testApp();
  org = await dealershipOrg(t);
  await publishFlow(t, quote.id, quoteFlow(org));
});
afterAll(() => t?.close());

describe('the quote discount flow (§1.1)', () => {
  it.each([
    ['2000.00', 0.02],
    ['3000.00', 0.03],
  ])('a discount of %s (%s) is approved at once', async (discount, pct) => {
    const { consultant } = org.people;
    const { recordId, instanceId } = await submitQuote(consultant, discount);
    const data = (await record(consultant, recordId, quote.id)).data;
    expect(Number(data.f_discount_pct)).toBe(pct);
    expect(await instanceStatus(org, instanceId)).toBe('approved');
    expect((await record(consultant, recordId, quote.id)).flowState).toBe('approved');
    expect(await boxes(org, instanceId)).toEqual({});
    expect(await tasks(org, instanceId)).toEqual([]);
    expect(await story(org, instanceId)).toEqual([
      'instance.submitted',
      'branch.taken@over3',
      'instance.approved',
    ]);
  });

  it.each([
    ['3010.00', 0.0301],
    ['6000.00', 0.06],
  ])('a discount of %s (%s) needs the sales manager only', async (discount, pct) => {
    const { consultant, salesManager } = org.people;
    const { recordId, instanceId } = await submitQuote(consultant, discount);
    expect(Number((await record(consultant, recordId, quote.id)).data.f_discount_pct)).toBe(pct);
    expect(await boxes(org, instanceId)).toEqual({ salesManager: ['sales_manager'] });
    expect((await record(consultant, recordId, quote.id)).flowState).toBe('running');
    expect((await actOn(salesManager, instanceId)).instanceStatus).toBe('approved');
    expect(await tasks(org, instanceId)).toEqual(['sales_manager:salesManager:approved']);
    expect(await story(org, instanceId)).toEqual([
      'instance.submitted',
      'branch.taken@over3',
      'node.entered@sales_manager',
      'task.approved@sales_manager',
      'branch.taken@over6',
      'instance.approved',
    ]);
    expect((await record(consultant, recordId, quote.id)).flowState).toBe('approved');
  });

  it('a discount over 6 % needs the sales manager, then the GM', async () => {
    const { consultant, salesManager, gm } = org.people;
    const { recordId, instanceId } = await submitQuote(consultant, '8000.00');
    expect(await boxes(org, instanceId)).toEqual({ salesManager: ['sales_manager'] });
    await actOn(salesManager, instanceId, { action: 'approve', comment: '客户是老客户' });
    expect(await boxes(org, instanceId)).toEqual({ gm: ['gm'] });
    expect(await instanceStatus(org, instanceId)).toBe('running');
    expect((await actOn(gm, instanceId)).instanceStatus).toBe('approved');
    expect(await tasks(org, instanceId)).toEqual(['sales_manager:salesManager:approved', 'gm:gm:approved']);
    expect(await story(org, instanceId)).toEqual([
      'instance.submitted',
      'branch.taken@over3',
      'node.entered@sales_manager',
      'task.approved@sales_manager',
      'branch.taken@over6',
      'node.entered@gm',
      'task.approved@gm',
      'instance.approved',
    ]);
    expect((await record(consultant, recordId, quote.id)).flowState).toBe('approved');
  });

  it('the GM rejecting ends it rejected, nobody has anything left to do', async () => {
    const { consultant, salesManager, gm } = org.people;
    const { recordId, instanceId } = await submitQuote(consultant, '9000.00');
    await actOn(salesManager, instanceId);
    expect((await actOn(gm, instanceId, { action: 'reject', comment: '折扣太大' })).instanceStatus).toBe(
      'rejected',
    );
    expect(await boxes(org, instanceId)).toEqual({});
    expect((await record(consultant, recordId, quote.id)).flowState).toBe('rejected');
    expect((await timeline(consultant, instanceId)).at(-2)).toMatchObject({
      action: 'task.rejected',
      comment: '折扣太大',
      actor: { id: gm.id },
    });
  });

  it('returned to the consultant “straight back”: the resubmitted quote goes right back to the returner', async () => {
    const { consultant, salesManager, gm } = org.people;
    const { instanceId } = await submitQuote(consultant, '8000.00');
    await actOn(salesManager, instanceId);
    await actOn(gm, instanceId, { action: 'return', to: 'start', resume: 'direct', comment: '补充客户信息' });
    expect(await boxes(org, instanceId)).toEqual({ consultant: ['start'] });
    // Even at 2 % now, the conditions are not run again: the GM gets it back.
    await actOn(consultant, instanceId, { action: 'approve', data: { f_discount: '2000.00' } });
    expect(await boxes(org, instanceId)).toEqual({ gm: ['gm'] });
    expect((await actOn(gm, instanceId)).instanceStatus).toBe('approved');
    expect((await story(org, instanceId)).slice(-6)).toEqual([
      'task.returned@gm',
      'node.entered@start',
      'task.resubmitted@start',
      'node.entered@gm',
      'task.approved@gm',
      'instance.approved',
    ]);
  });

  it('returned to the consultant (the start node), changed and submitted again, it runs the conditions anew', async () => {
    const { consultant, salesManager } = org.people;
    const { recordId, instanceId } = await submitQuote(consultant, '8000.00');
    await actOn(salesManager, instanceId, { action: 'return', comment: '折扣超出权限，请重新报价' });
    expect(await boxes(org, instanceId)).toEqual({ consultant: ['start'] });
    expect((await record(consultant, recordId, quote.id)).flowState).toBe('running');

    const taskId = await taskOf(consultant, instanceId);
    const view = await consultant.client.get(`/api/tasks/${taskId}`);
    expect(view.status, JSON.stringify(view.body)).toBe(200);
    expect(view.body.actions).toEqual(['approve', 'saveDraft']);
    expect(view.body.fields.f_discount).toBe('edit');
    expectError(await act(consultant, taskId, { action: 'reject' }), 403);

    // The resubmitted quote goes back through the conditions: 5 % now needs the sales manager only.
    const resubmitted = await act(consultant, taskId, { action: 'approve', data: { f_discount: '5000.00' } });
    expect(resubmitted.status, JSON.stringify(resubmitted.body)).toBe(200);
    expect((await record(consultant, recordId, quote.id)).data.f_discount).toBe('5000.00');
    expect(await boxes(org, instanceId)).toEqual({ salesManager: ['sales_manager'] });
    await actOn(salesManager, instanceId);
    expect(await instanceStatus(org, instanceId)).toBe('approved');
    expect(await boxes(org, instanceId)).toEqual({});
    expect(await tasks(org, instanceId)).toEqual([
      'sales_manager:salesManager:returned',
      'start:consultant:approved',
      'sales_manager:salesManager:approved',
    ]);
    expect(await story(org, instanceId)).toEqual([
      'instance.submitted',
      'branch.taken@over3',
      'node.entered@sales_manager',
      'task.returned@sales_manager',
      'node.entered@start',
      'task.resubmitted@start',
      'branch.taken@over3',
      'node.entered@sales_manager',
      'task.approved@sales_manager',
      'branch.taken@over6',
      'instance.approved',
    ]);
  });
});
