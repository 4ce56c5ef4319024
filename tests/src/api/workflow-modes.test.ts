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
  expenseFlow,
  expenseForm,
  instanceStatus,
  line,
  type Org,
  publishFlow,
  story,
  submitNew,
  taskOf,
  tasks,
} from '../support/workflow';

/** Several approvers on one node (any / all / sequence), and the auto-skip rules. */
let t: TestApp;
let org: Org;

beforeAll(async () => {
  t = await testApp();
  org = await dealershipOrg(t);
});
afterAll(() => t?.close());

const trio = () => ({
  kind: 'users',
  userIds: [org.people.finance1.id, org.people.finance2.id, org.people.financeHead.id],
});

describe('modes', () => {
  it('any (或签): one approval completes the node, the others’ tasks are cancelled', async () => {
    await publishFlow(t, expenseForm.id, line(approval('n', [trio()], { mode: 'any' })));
    const { employee, finance1, finance2 } = org.people;
    const { instanceId } = await submitNew(employee, claim('100.00'));
    expect(await boxes(org, instanceId)).toEqual({ finance1: ['n'], finance2: ['n'], financeHead: ['n'] });
    const late = await taskOf(finance1, instanceId);
    expect((await actOn(finance2, instanceId)).instanceStatus).toBe('approved');
    expect(await boxes(org, instanceId)).toEqual({});
    expect(await tasks(org, instanceId)).toEqual([
      'n:finance1:cancelled',
      'n:finance2:approved',
      'n:financeHead:cancelled',
    ]);
    expectError(await act(finance1, late, { action: 'approve' }), 409);
  });

  it('all (会签): every approval is needed; one rejection ends it', async () => {
    await publishFlow(t, expenseForm.id, line(approval('n', [trio()], { mode: 'all' })));
    const { employee, finance1, finance2, financeHead } = org.people;
    const { instanceId } = await submitNew(employee, claim('100.00'));
    await actOn(finance1, instanceId);
    expect(await boxes(org, instanceId)).toEqual({ finance2: ['n'], financeHead: ['n'] });
    await actOn(financeHead, instanceId);
    expect(await instanceStatus(org, instanceId)).toBe('running');
    expect(await boxes(org, instanceId)).toEqual({ finance2: ['n'] });
    expect((await actOn(finance2, instanceId)).instanceStatus).toBe('approved');
    expect(await tasks(org, instanceId)).toEqual([
      'n:finance1:approved',
      'n:finance2:approved',
      'n:financeHead:approved',
    ]);
    expect(await story(org, instanceId)).toEqual([
      'instance.submitted',
      'node.entered@n',
      'task.approved@n',
      'task.approved@n',
      'task.approved@n',
      'instance.approved',
    ]);

    const rejected = await submitNew(employee, claim('100.00'));
    await actOn(finance1, rejected.instanceId);
    expect((await actOn(finance2, rejected.instanceId, { action: 'reject' })).instanceStatus).toBe(
      'rejected',
    );
    expect(await tasks(org, rejected.instanceId)).toEqual([
      'n:finance1:approved',
      'n:finance2:rejected',
      'n:financeHead:cancelled',
    ]);
  });

  it('sequence: the next person’s task appears only after the previous one approved', async () => {
    await publishFlow(t, expenseForm.id, line(approval('n', [trio()], { mode: 'sequence' })));
    const { employee, finance1, finance2, financeHead } = org.people;
    const { instanceId } = await submitNew(employee, claim('100.00'));
    expect(await boxes(org, instanceId)).toEqual({ finance1: ['n'] });
    expect(await tasks(org, instanceId)).toEqual([
      'n:finance1:pending',
      'n:finance2:waiting',
      'n:financeHead:waiting',
    ]);
    await actOn(finance1, instanceId);
    expect(await boxes(org, instanceId)).toEqual({ finance2: ['n'] });
    await actOn(finance2, instanceId);
    expect(await boxes(org, instanceId)).toEqual({ financeHead: ['n'] });
    expect((await actOn(financeHead, instanceId)).instanceStatus).toBe('approved');
    expect(await story(org, instanceId)).toEqual([
      'instance.submitted',
      'node.entered@n',
      'task.approved@n',
      'task.turn@n',
      'task.approved@n',
      'task.turn@n',
      'task.approved@n',
      'instance.approved',
    ]);
  });
});

describe('auto-skip', () => {
  it('submitter: the submitter’s own task is skipped, the others still act', async () => {
    const { finance1, finance2, financeHead } = org.people;
    await publishFlow(
      t,
      expenseForm.id,
      line(approval('n', [trio()], { mode: 'all', autoSkip: { submitter: true } })),
    );
    const all = await submitNew(finance1, claim('100.00'));
    expect(await boxes(org, all.instanceId)).toEqual({ finance2: ['n'], financeHead: ['n'] });
    await actOn(finance2, all.instanceId);
    expect((await actOn(financeHead, all.instanceId)).instanceStatus).toBe('approved');
    expect(await tasks(org, all.instanceId)).toEqual([
      'n:finance1:skipped',
      'n:finance2:approved',
      'n:financeHead:approved',
    ]);

    // In "any" mode the skipped submitter counts as the one approval.
    await publishFlow(
      t,
      expenseForm.id,
      line(approval('n', [trio()], { mode: 'any', autoSkip: { submitter: true } })),
    );
    const any = await submitNew(finance1, claim('100.00'));
    expect(await instanceStatus(org, any.instanceId)).toBe('approved');
    expect(await tasks(org, any.instanceId)).toEqual([
      'n:finance1:skipped',
      'n:finance2:cancelled',
      'n:financeHead:cancelled',
    ]);

    // Without the rule, the submitter approves like anyone else.
    await publishFlow(t, expenseForm.id, line(approval('n', [trio()], { mode: 'all' })));
    const plain = await submitNew(finance1, claim('100.00'));
    expect(await boxes(org, plain.instanceId)).toEqual({
      finance1: ['n'],
      finance2: ['n'],
      financeHead: ['n'],
    });
  });

  it('alreadyApproved: someone who approved earlier in the instance is skipped on a later node', async () => {
    const { salesManager, gm } = org.people;
    // The sales manager's own claim: their manager is the GM, who is also the GM node over ¥5,000.
    await publishFlow(t, expenseForm.id, { ...expenseFlow(org), autoSkip: { alreadyApproved: true } });
    const skipped = await submitNew(salesManager, claim('8000.00'));
    expect(await boxes(org, skipped.instanceId)).toEqual({ gm: ['manager'] });
    expect((await actOn(gm, skipped.instanceId)).instanceStatus).toBe('approved');
    expect(await tasks(org, skipped.instanceId)).toEqual(['manager:gm:approved', 'gm:gm:skipped']);
    expect(await story(org, skipped.instanceId)).toEqual([
      'instance.submitted',
      'node.entered@manager',
      'task.approved@manager',
      'branch.taken@big',
      'node.entered@gm',
      'branch.taken@budget',
      'instance.approved',
    ]);

    await publishFlow(t, expenseForm.id, expenseFlow(org));
    const twice = await submitNew(salesManager, claim('8000.00'));
    await actOn(gm, twice.instanceId);
    expect(await boxes(org, twice.instanceId)).toEqual({ gm: ['gm'] });
    expect((await actOn(gm, twice.instanceId)).instanceStatus).toBe('approved');
  });
});
