import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grant, newUser } from '../support/access';
import { type TestApp, testApp } from '../support/app';
import { type Client, expectError } from '../support/client';
import { installForms } from '../support/dealership/install';
import { expenseClaim } from '../support/dealership/sales';

let t: TestApp;
let employee: { id: string; client: Client };
let manager: { id: string; client: Client };
let gm: { id: string; client: Client };

const flow = {
  nodes: [
    { id: 'start', type: 'start' },
    { id: 'manager', type: 'approval', mode: 'any', approvers: [{ kind: 'submitterManager', levels: 1 }] },
    { id: 'big', type: 'condition' },
    { id: 'gm', type: 'approval', mode: 'any', approvers: [{ kind: 'submitterManager', levels: 2 }] },
    { id: 'end', type: 'end' },
  ],
  edges: [
    { id: 'e1', from: 'start', to: 'manager' },
    { id: 'e2', from: 'manager', to: 'big' },
    { id: 'e3', from: 'big', to: 'gm', condition: 'f_total > 5000' },
    { id: 'e4', from: 'big', to: 'end', default: true },
    { id: 'e5', from: 'gm', to: 'end' },
  ],
};

const claim = (amount: string) => ({
  f_lines: [{ f_category: 'Travel', f_date: '2026-11-20', f_amount: amount, f_invoice_no: `INV-${amount}` }],
});

beforeAll(async () => {
  t = await testApp();
  await installForms(t.admin, [expenseClaim]);
  const [group] = (await t.admin.get('/api/departments')).body.departments;
  const sales = (
    await t.admin.post('/api/departments', { parentId: group.id, name: '销售部', kind: 'department' })
  ).body.id;
  employee = await newUser(t, 'employee@dealer.test', '员工小王', { departments: [sales] });
  manager = await newUser(t, 'manager@dealer.test', '经理老李', { departments: [sales] });
  gm = await newUser(t, 'gm@dealer.test', '总经理', { departments: [group.id] });
  expect((await t.admin.patch(`/api/departments/${sales}`, { headUserId: manager.id })).status).toBe(200);
  expect((await t.admin.patch(`/api/departments/${group.id}`, { headUserId: gm.id })).status).toBe(200);
  await grant(t.admin, expenseClaim.id, { preset: 'submitAndManageOwn', users: [employee.id] });
  expect((await employee.client.get(`/api/forms/${expenseClaim.id}`)).body.hasFlow).toBe(false);
  const saved = await t.admin.put(`/api/forms/${expenseClaim.id}/workflow`, flow);
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  const published = await t.admin.post(`/api/forms/${expenseClaim.id}/workflow/publish`);
  expect(published.status, JSON.stringify(published.body)).toBe(200);
  // The form tells the people who fill it that a saved record can go for approval.
  expect((await employee.client.get(`/api/forms/${expenseClaim.id}`)).body.hasFlow).toBe(true);
});
afterAll(() => t?.close());

async function submitted(amount: string) {
  const record = await employee.client.post(`/api/forms/${expenseClaim.id}/records`, { data: claim(amount) });
  expect(record.status, JSON.stringify(record.body)).toBe(201);
  const submit = await employee.client.post(`/api/forms/${expenseClaim.id}/records/${record.body.id}/submit`);
  expect(submit.status, JSON.stringify(submit.body)).toBe(201);
  return { recordId: record.body.id as string, instanceId: submit.body.instanceId as string };
}

async function todo(client: Client, instanceId: string) {
  const response = await client.get('/api/tasks?box=todo');
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return (response.body.items as { taskId: string; instanceId: string }[]).filter(
    (i) => i.instanceId === instanceId,
  );
}

describe('an expense claim through manager and GM', () => {
  it('goes to the GM above ¥5,000 and ends approved', async () => {
    const { recordId, instanceId } = await submitted('6000.00');
    expect(await todo(gm.client, instanceId)).toHaveLength(0);
    const [task] = await todo(manager.client, instanceId);
    const view = await manager.client.get(`/api/tasks/${task!.taskId}`);
    expect(view.status, JSON.stringify(view.body)).toBe(200);
    expect(view.body.record.data.f_total).toBe('6000.00');
    const approved = await manager.client.post(`/api/tasks/${task!.taskId}/actions`, {
      action: 'approve',
      comment: '同意',
    });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expectError(await manager.client.post(`/api/tasks/${task!.taskId}/actions`, { action: 'approve' }), 409);
    const [gmTask] = await todo(gm.client, instanceId);
    expect(
      (await gm.client.post(`/api/tasks/${gmTask!.taskId}/actions`, { action: 'approve' })).body
        .instanceStatus,
    ).toBe('approved');
    const record = await employee.client.get(`/api/forms/${expenseClaim.id}/records/${recordId}`);
    expect(record.body.flowState).toBe('approved');
    const timeline = await employee.client.get(`/api/instances/${instanceId}`);
    expect(timeline.status, JSON.stringify(timeline.body)).toBe(200);
    expect(timeline.body.entries.map((e: { action: string }) => e.action)).toEqual([
      'instance.submitted',
      'node.entered',
      'task.approved',
      'branch.taken',
      'node.entered',
      'task.approved',
      'instance.approved',
    ]);
  });

  it('skips the GM below ¥5,000; a rejection ends it rejected', async () => {
    const small = await submitted('100.00');
    const [task] = await todo(manager.client, small.instanceId);
    expect(
      (await manager.client.post(`/api/tasks/${task!.taskId}/actions`, { action: 'approve' })).body
        .instanceStatus,
    ).toBe('approved');
    const other = await submitted('200.00');
    const [second] = await todo(manager.client, other.instanceId);
    const rejected = await manager.client.post(`/api/tasks/${second!.taskId}/actions`, {
      action: 'reject',
      comment: '票据不全',
    });
    expect(rejected.body.instanceStatus).toBe('rejected');
    expect((await employee.client.get('/api/tasks?box=initiated')).body.items).toHaveLength(3);
  });

  it('lets the submitter withdraw while nobody has acted, and counts the boxes', async () => {
    const { instanceId } = await submitted('300.00');
    expect((await manager.client.get('/api/tasks/counts')).body.todo).toBeGreaterThanOrEqual(1);
    expect((await employee.client.post(`/api/instances/${instanceId}/withdraw`)).status).toBe(204);
    expect(await todo(manager.client, instanceId)).toHaveLength(0);
  });
});

describe('publishing a flow', () => {
  it('refuses an invalid flow, naming the node, and keeps the published version', async () => {
    const before = (await t.admin.get(`/api/forms/${expenseClaim.id}/workflow`)).body.publishedVersion;
    const broken = {
      nodes: [
        ...flow.nodes,
        {
          id: 'orphan',
          type: 'approval',
          mode: 'any',
          approvers: [{ kind: 'users', userIds: ['usr_nobody'] }],
        },
      ],
      edges: flow.edges,
    };
    // A draft may be unfinished; publishing it is refused, naming the node.
    expect((await t.admin.put(`/api/forms/${expenseClaim.id}/workflow`, broken)).status).toBe(200);
    const refused = await t.admin.post(`/api/forms/${expenseClaim.id}/workflow/publish`);
    expect(refused.status).toBe(422);
    expect(refused.body.error.details).toContainEqual({
      path: '/nodes/5',
      message: expect.stringContaining('orphan'),
    });
    // A draft of the wrong shape is refused at once.
    expect(
      (await t.admin.put(`/api/forms/${expenseClaim.id}/workflow`, { nodes: 'x', edges: [] })).status,
    ).toBe(422);
    const unresolvable = {
      nodes: flow.nodes.map((n) =>
        n.id === 'gm' ? { ...n, approvers: [{ kind: 'users', userIds: ['usr_nobody'] }] } : n,
      ),
      edges: flow.edges,
    };
    expect((await t.admin.put(`/api/forms/${expenseClaim.id}/workflow`, unresolvable)).status).toBe(200);
    const published = await t.admin.post(`/api/forms/${expenseClaim.id}/workflow/publish`);
    expect(published.status).toBe(422);
    expect(published.body.error.details).toContainEqual({
      path: '/nodes/3/approvers/0',
      message: expect.stringContaining('gm'),
    });
    expect((await t.admin.get(`/api/forms/${expenseClaim.id}/workflow`)).body.publishedVersion).toBe(before);
  });
});
