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
  line,
  type Org,
  publishFlow,
  record,
  START,
  story,
  submitNew,
  taskOf,
  tasks,
  todo,
} from '../support/workflow';
import { runWorker } from '../support/workflow-jobs';

/** Node types on the expense claim: fill, CC, condition with a default, action, end (parallel: workflow-parallel). */
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

async function history(recordId: string) {
  const response = await t.admin.get(`/api/forms/${expenseForm.id}/records/${recordId}/history`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body.entries as {
    via: string;
    actor: { id: string } | null;
    changes: { fieldId: string; after: unknown }[];
  }[];
}

describe('fill nodes', () => {
  it('the assignee must complete the required field; the record changes through the workflow', async () => {
    await publishFlow(
      t,
      expenseForm.id,
      line({
        id: 'cashier',
        type: 'fill',
        mode: 'any',
        approvers: [users('finance1')],
        fieldPermissions: { f_paid_ref: 'required', f_internal_note: 'edit' },
      }),
    );
    const { employee, finance1 } = org.people;
    const { recordId, instanceId } = await submitNew(employee, claim('900.00'));
    const taskId = await taskOf(finance1, instanceId);
    const view = (await finance1.client.get(`/api/tasks/${taskId}`)).body;
    expect(view.task).toMatchObject({ kind: 'fill', nodeId: 'cashier', status: 'pending' });
    expect(view.fields).toMatchObject({ f_paid_ref: 'required', f_internal_note: 'edit', f_total: 'read' });

    const missing = expectError(await act(finance1, taskId, { action: 'approve' }), 422);
    expect(missing.details).toEqual([{ path: '/data/f_paid_ref', message: expect.any(String) }]);
    // A draft saves without completing the task.
    const saved = await act(finance1, taskId, { action: 'saveDraft', data: { f_internal_note: '下周付款' } });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect((await record(employee, recordId)).data.f_internal_note).toBe('下周付款');
    expect(await boxes(org, instanceId)).toEqual({ finance1: ['cashier'] });

    const filled = await act(finance1, taskId, { action: 'approve', data: { f_paid_ref: 'PAY-2026-001' } });
    expect(filled.status, JSON.stringify(filled.body)).toBe(200);
    expect(filled.body.instanceStatus).toBe('approved');
    const after = await record(employee, recordId);
    expect(after.data.f_paid_ref).toBe('PAY-2026-001');
    expect(after.flowState).toBe('approved');
    const [created, draft, completed] = await history(recordId);
    expect(created!.via).toBe('api');
    expect(draft).toMatchObject({ via: 'workflow', actor: { id: finance1.id } });
    expect(completed).toMatchObject({ via: 'workflow', actor: { id: finance1.id } });
    expect(completed!.changes.map((c) => [c.fieldId, c.after])).toEqual([['f_paid_ref', 'PAY-2026-001']]);
    expect(await story(org, instanceId)).toEqual([
      'instance.submitted',
      'node.entered@cashier',
      'task.saved@cashier',
      'task.approved@cashier',
      'instance.approved',
    ]);
  });
});

describe('CC nodes', () => {
  it('copies people in without waiting; a copy is marked read, even after the flow ended', async () => {
    await publishFlow(
      t,
      expenseForm.id,
      line(
        { id: 'copy', type: 'cc', approvers: [users('gm', 'financeHead')] },
        approval('manager', [users('teamLead')]),
      ),
    );
    const { employee, teamLead, gm, financeHead } = org.people;
    const { instanceId } = await submitNew(employee, claim('400.00'));
    expect(await boxes(org, instanceId)).toEqual({ teamLead: ['manager'] });
    expect(await boxes(org, instanceId, 'cc')).toEqual({ gm: ['copy'], financeHead: ['copy'] });
    expect((await gm.client.get('/api/tasks/counts')).body.cc).toBe(1);

    const [gmCopy] = await todo(gm, instanceId, 'cc');
    const view = (await gm.client.get(`/api/tasks/${gmCopy!.taskId}`)).body;
    expect(view.actions).toEqual(['read']);
    expect(view.task.kind).toBe('cc');
    expectError(await act(gm, gmCopy!.taskId, { action: 'approve' }), 403);
    expect((await act(gm, gmCopy!.taskId, { action: 'read' })).status).toBe(200);
    expectError(await act(gm, gmCopy!.taskId, { action: 'read' }), 409);
    expect((await gm.client.get('/api/tasks/counts')).body.cc).toBe(0);

    await actOn(teamLead, instanceId);
    expect(await instanceStatus(org, instanceId)).toBe('approved');
    // The flow has ended: the unread copy is still there to read.
    const [headCopy] = await todo(financeHead, instanceId, 'cc');
    expect(headCopy).toMatchObject({ taskStatus: 'pending' });
    expect((await act(financeHead, headCopy!.taskId, { action: 'read' })).status).toBe(200);
    expect(await tasks(org, instanceId)).toEqual([
      'copy:financeHead:read',
      'copy:gm:read',
      'manager:teamLead:approved',
    ]);
    expect(await story(org, instanceId)).toEqual([
      'instance.submitted',
      'node.cc@copy',
      'node.entered@manager',
      'task.read@copy',
      'task.approved@manager',
      'instance.approved',
      'task.read@copy',
    ]);
  });
});

describe('CC nodes and withdraw', () => {
  it('reading a copy is not acting: the submitter may still withdraw', async () => {
    const { employee, gm } = org.people;
    const { instanceId } = await submitNew(employee, claim('450.00'));
    const [copy] = await todo(gm, instanceId, 'cc');
    expect((await act(gm, copy!.taskId, { action: 'read' })).status).toBe(200);
    expect((await employee.client.post(`/api/instances/${instanceId}/withdraw`)).status).toBe(204);
    expect(await instanceStatus(org, instanceId)).toBe('withdrawn');
    expect(await tasks(org, instanceId)).toEqual([
      'copy:financeHead:pending',
      'copy:gm:read',
      'manager:teamLead:cancelled',
    ]);
  });
});

describe('condition nodes', () => {
  it('take the first edge whose condition holds, else the default', async () => {
    const flow: Flow = {
      nodes: [
        START,
        { id: 'amount', type: 'condition' },
        approval('gm', [users('gm')]),
        approval('manager', [users('teamLead')]),
        END,
      ],
      edges: [
        { id: 'e1', from: 'start', to: 'amount' },
        { id: 'e2', from: 'amount', to: 'gm', condition: 'f_total > 5000' },
        { id: 'e3', from: 'amount', to: 'manager', condition: 'f_total > 1000' },
        { id: 'e4', from: 'amount', to: 'end', default: true },
        { id: 'e5', from: 'gm', to: 'end' },
        { id: 'e6', from: 'manager', to: 'end' },
      ],
    };
    await publishFlow(t, expenseForm.id, flow);
    const { employee } = org.people;
    const large = await submitNew(employee, claim('9000.00'));
    const middle = await submitNew(employee, claim('3000.00'));
    const small = await submitNew(employee, claim('1000.00'));
    expect(await boxes(org, large.instanceId)).toEqual({ gm: ['gm'] });
    expect(await boxes(org, middle.instanceId)).toEqual({ teamLead: ['manager'] });
    expect(await instanceStatus(org, small.instanceId)).toBe('approved');
    const taken = async (instanceId: string) =>
      (await t.admin.get(`/api/instances/${instanceId}`)).body.entries.find(
        (e: { action: string }) => e.action === 'branch.taken',
      ).details;
    expect(await taken(large.instanceId)).toEqual({ edge: 'e2', to: 'gm' });
    expect(await taken(middle.instanceId)).toEqual({ edge: 'e3', to: 'manager' });
    expect(await taken(small.instanceId)).toEqual({ edge: 'e4', to: 'end' });
  });
});

describe('action nodes', () => {
  it('update the record through the job worker, then the flow goes on', async () => {
    await publishFlow(
      t,
      expenseForm.id,
      line(approval('manager', [users('teamLead')]), {
        id: 'mark',
        type: 'action',
        actions: [{ kind: 'updateRecord', values: { f_status: '"Approved"' } }],
      }),
    );
    const { employee, teamLead } = org.people;
    const { recordId, instanceId } = await submitNew(employee, claim('700.00'));
    await actOn(teamLead, instanceId);
    // The action waits for the worker: nothing has changed yet.
    expect(await instanceStatus(org, instanceId)).toBe('running');
    expect((await record(employee, recordId)).data.f_status).toBeUndefined();
    expect(await runWorker(org)).toEqual([{ kind: 'workflow.action', outcome: 'done' }]);
    expect(await instanceStatus(org, instanceId)).toBe('approved');
    const after = await record(employee, recordId);
    expect(after.data.f_status).toBe('Approved');
    expect(after.flowState).toBe('approved');
    expect((await history(recordId)).at(-1)).toMatchObject({
      via: 'workflow',
      changes: [{ fieldId: 'f_status', after: 'Approved' }],
    });
    expect(await story(org, instanceId)).toEqual([
      'instance.submitted',
      'node.entered@manager',
      'task.approved@manager',
      'node.actions_done@mark',
      'instance.approved',
    ]);
  });
});

describe('action nodes that notify', () => {
  it('tell the people the rule resolves, then the flow goes on', async () => {
    await publishFlow(
      t,
      expenseForm.id,
      line({
        id: 'tell',
        type: 'action',
        actions: [
          {
            kind: 'notify',
            approvers: [users('financeHead')],
            message: { zh: '有报销待付款', en: 'A claim to pay' },
          },
        ],
      }),
    );
    const { employee, financeHead } = org.people;
    const { instanceId } = await submitNew(employee, claim('650.00'));
    expect(await instanceStatus(org, instanceId)).toBe('running');
    expect(await runWorker(org)).toEqual([{ kind: 'workflow.action', outcome: 'done' }]);
    expect(await instanceStatus(org, instanceId)).toBe('approved');
    const notices = await t.database.db
      .selectFrom('notifications')
      .select(['user_id', 'details'])
      .where('instance_id', '=', instanceId)
      .where('kind', '=', 'flow.notice')
      .execute();
    expect(notices).toEqual([
      {
        user_id: financeHead.id,
        details: expect.objectContaining({ message: { zh: '有报销待付款', en: 'A claim to pay' } }),
      },
    ]);
  });
});

describe('end nodes', () => {
  it('an end with outcome "rejected" ends the instance rejected', async () => {
    await publishFlow(t, expenseForm.id, {
      nodes: [
        START,
        { id: 'limit', type: 'condition' },
        { id: 'refused', type: 'end', outcome: 'rejected' },
        approval('manager', [users('teamLead')]),
        END,
      ],
      edges: [
        { id: 'e1', from: 'start', to: 'limit' },
        { id: 'e2', from: 'limit', to: 'refused', condition: 'f_total > 20000' },
        { id: 'e3', from: 'limit', to: 'manager', default: true },
        { id: 'e4', from: 'manager', to: 'end' },
      ],
    });
    const { employee } = org.people;
    const { recordId, instanceId } = await submitNew(employee, claim('25000.00'));
    expect(await instanceStatus(org, instanceId)).toBe('rejected');
    expect((await record(employee, recordId)).flowState).toBe('rejected');
    expect(await boxes(org, instanceId)).toEqual({});
    expect(await story(org, instanceId)).toEqual([
      'instance.submitted',
      'branch.taken@limit',
      'instance.rejected',
    ]);
  });
});
