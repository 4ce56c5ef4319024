import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../support/app';
import { expectError } from '../support/client';
import { create } from '../support/dealership/install';
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
  type Person,
  publishFlow,
  record,
  story,
  submitNew,
  taskOf,
  tasks,
} from '../support/workflow';

/** Who acts on a node: every approver rule, and what happens when nobody resolves. */
let t: TestApp;
let org: Org;

beforeAll(async () => {
  t = await testApp();
  org = await dealershipOrg(t);
});
afterAll(() => t?.close());

/** Publishes start → one approval node `n` with these rules → end, and submits a claim as `who`. */
async function resolving(rules: unknown[], who: Person, extra: Record<string, unknown> = {}, data = {}) {
  await publishFlow(t, expenseForm.id, line(approval('n', rules, extra)));
  return submitNew(who, claim('1200.00', data));
}

describe('approver rules', () => {
  it('users: the named people', async () => {
    const { employee, finance2, gm } = org.people;
    const { instanceId } = await resolving([{ kind: 'users', userIds: [finance2.id, gm.id] }], employee);
    expect(await boxes(org, instanceId)).toEqual({ finance2: ['n'], gm: ['n'] });
  });

  it('roles: every holder of the roles', async () => {
    const { instanceId } = await resolving(
      [{ kind: 'roles', roleIds: [org.roles.finance] }],
      org.people.employee,
    );
    expect(await boxes(org, instanceId)).toEqual({ finance1: ['n'], finance2: ['n'] });
  });

  it('departmentHeads: the heads of the named departments', async () => {
    const { finance, sales } = org.departments;
    const { instanceId } = await resolving(
      [{ kind: 'departmentHeads', departmentIds: [finance, sales] }],
      org.people.employee,
    );
    expect(await boxes(org, instanceId)).toEqual({ financeHead: ['n'], salesManager: ['n'] });
  });

  it('submitterManager: the head n levels up; beyond the top nobody', async () => {
    const { employee } = org.people;
    for (const [levels, head] of [
      [1, 'teamLead'],
      [2, 'salesManager'],
      [3, 'gm'],
    ] as const) {
      const { instanceId } = await resolving([{ kind: 'submitterManager', levels }], employee);
      expect(await boxes(org, instanceId), `levels ${levels}`).toEqual({ [head]: ['n'] });
    }
    // Four levels up from the employee there is nobody: the submit is refused (whenNobody: block).
    await publishFlow(t, expenseForm.id, line(approval('n', [{ kind: 'submitterManager', levels: 4 }])));
    const entered = await create(employee.client, expenseForm.id, claim('10.00'));
    const refused = expectError(
      await employee.client.post(`/api/forms/${expenseForm.id}/records/${entered.id}/submit`),
      422,
    );
    expect(refused.details.map((d) => d.path)).toEqual(['/nodes/n']);
  });

  it('managerChain: level by level, in sequence, up to a number of levels', async () => {
    const { employee, teamLead, salesManager } = org.people;
    const { instanceId } = await resolving([{ kind: 'managerChain', levels: 2 }], employee, {
      mode: 'sequence',
    });
    expect(await boxes(org, instanceId)).toEqual({ teamLead: ['n'] });
    expect(await tasks(org, instanceId)).toEqual(['n:salesManager:waiting', 'n:teamLead:pending']);
    await actOn(teamLead, instanceId);
    expect(await boxes(org, instanceId)).toEqual({ salesManager: ['n'] });
    expect((await actOn(salesManager, instanceId)).instanceStatus).toBe('approved');
    expect(await tasks(org, instanceId)).toEqual(['n:salesManager:approved', 'n:teamLead:approved']);
  });

  it('managerChain: up to the first holder of a role; the submitter is never their own manager', async () => {
    const { employee, teamLead, salesManager, gm } = org.people;
    const toSalesManager = await resolving(
      [{ kind: 'managerChain', untilRole: org.roles.salesManager }],
      employee,
      {
        mode: 'sequence',
      },
    );
    await actOn(teamLead, toSalesManager.instanceId);
    await actOn(salesManager, toSalesManager.instanceId);
    expect(await instanceStatus(org, toSalesManager.instanceId)).toBe('approved');
    expect(await tasks(org, toSalesManager.instanceId)).toEqual([
      'n:salesManager:approved',
      'n:teamLead:approved',
    ]);

    // The team lead's own claim: the chain starts at the sales manager and runs up to the GM.
    const toGm = await resolving([{ kind: 'managerChain', untilRole: org.roles.gm }], teamLead, {
      mode: 'sequence',
    });
    expect(await boxes(org, toGm.instanceId)).toEqual({ salesManager: ['n'] });
    await actOn(salesManager, toGm.instanceId);
    expect(await boxes(org, toGm.instanceId)).toEqual({ gm: ['n'] });
    await actOn(gm, toGm.instanceId);
    expect(await tasks(org, toGm.instanceId)).toEqual(['n:gm:approved', 'n:salesManager:approved']);
    expect(await instanceStatus(org, toGm.instanceId)).toBe('approved');
  });

  it('field: the users of a member field, the heads of a department field', async () => {
    const { employee, finance2 } = org.people;
    const member = await resolving(
      [{ kind: 'field', fieldId: 'f_reviewer' }],
      employee,
      {},
      { f_reviewer: finance2.id },
    );
    expect(await boxes(org, member.instanceId)).toEqual({ finance2: ['n'] });
    const department = await resolving(
      [{ kind: 'field', fieldId: 'f_cost_dept' }],
      employee,
      {},
      { f_cost_dept: org.departments.sales },
    );
    expect(await boxes(org, department.instanceId)).toEqual({ salesManager: ['n'] });
  });

  it('submitter: the person who submitted (no auto-skip configured)', async () => {
    const { consultant } = org.people;
    const { instanceId } = await resolving([{ kind: 'submitter' }], consultant);
    expect(await boxes(org, instanceId)).toEqual({ consultant: ['n'] });
    expect((await actOn(consultant, instanceId)).instanceStatus).toBe('approved');
  });

  it('chosenByPrevious: whom the previous approver picks; picking nobody is refused', async () => {
    await publishFlow(
      t,
      expenseForm.id,
      line(
        approval('manager', [{ kind: 'submitterManager', levels: 1 }]),
        approval('chosen', [{ kind: 'chosenByPrevious' }]),
      ),
    );
    const { employee, teamLead, finance2 } = org.people;
    const { instanceId } = await submitNew(employee, claim('1500.00'));
    const taskId = await taskOf(teamLead, instanceId);
    const refused = expectError(await act(teamLead, taskId, { action: 'approve' }), 422);
    expect(refused.details.map((d) => d.path)).toEqual(['/nodes/chosen']);
    expect(await boxes(org, instanceId)).toEqual({ teamLead: ['manager'] });
    expect(await tasks(org, instanceId)).toEqual(['manager:teamLead:pending']);

    expect((await act(teamLead, taskId, { action: 'approve', chosen: [finance2.id] })).status).toBe(200);
    expect(await boxes(org, instanceId)).toEqual({ finance2: ['chosen'] });
    expect((await actOn(finance2, instanceId)).instanceStatus).toBe('approved');
  });
});

describe('when nobody resolves', () => {
  it('skip: the node is passed', async () => {
    const { loner } = org.people;
    const { recordId, instanceId } = await resolving([{ kind: 'submitterManager', levels: 1 }], loner, {
      whenNobody: 'skip',
    });
    expect(await instanceStatus(org, instanceId)).toBe('approved');
    expect(await tasks(org, instanceId)).toEqual([]);
    expect(await story(org, instanceId)).toEqual([
      'instance.submitted',
      'node.skipped@n',
      'instance.approved',
    ]);
    expect((await record(loner, recordId)).flowState).toBe('approved');
  });

  it('admin: the administrators get the task', async () => {
    const { loner, admin } = org.people;
    const { instanceId } = await resolving([{ kind: 'submitterManager', levels: 1 }], loner, {
      whenNobody: 'admin',
    });
    expect(await boxes(org, instanceId)).toEqual({ admin: ['n'] });
    expect((await actOn(admin, instanceId)).instanceStatus).toBe('approved');
    expect(await tasks(org, instanceId)).toEqual(['n:admin:approved']);
  });

  it('block: the submit is refused with the reason, and nothing is stored', async () => {
    await publishFlow(
      t,
      expenseForm.id,
      line(
        approval('n', [{ kind: 'field', fieldId: 'f_reviewer' }], {
          whenNobody: 'block',
          label: { zh: '复核', en: 'Review' },
        }),
      ),
    );
    const { employee } = org.people;
    const entered = await create(employee.client, expenseForm.id, claim('50.00'));
    const before = await t.database.db.selectFrom('flow_instances').select('id').execute();
    const refused = expectError(
      await employee.client.post(`/api/forms/${expenseForm.id}/records/${entered.id}/submit`),
      422,
    );
    expect(refused.details).toEqual([{ path: '/nodes/n', message: expect.stringContaining('f_reviewer') }]);
    expect(refused.message).toContain('复核');
    expect(await t.database.db.selectFrom('flow_instances').select('id').execute()).toEqual(before);
    const after = await record(employee, entered.id);
    expect(after.flowState).toBeNull();
    expect(after.rev).toBe(entered.rev);
  });
});
