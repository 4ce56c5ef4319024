import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUser } from '../support/access';
import { type TestApp, testApp } from '../support/app';
import type { Client } from '../support/client';
import { field, form } from '../support/dealership/fields';
import { installForms } from '../support/dealership/install';

/** A parts order whose lines each need a stock check: the order waits for every check's own flow. */
const check = form('frm_sub_check', 'app_parts', '库存核对', 'Stock check', [
  field('f_item', 'text', '配件', 'Item', { required: true }),
]);
const order = form('frm_sub_order', 'app_parts', '采购单', 'Parts order', [
  field('f_title', 'text', '标题', 'Title', { required: true }),
  field('f_checks', 'relation', '核对', 'Checks', { target: check.id, multiple: true }),
]);

let t: TestApp;
let keeper: { id: string; client: Client };
let manager: { id: string; client: Client };

const simple = (id: string, userId: string) => ({
  nodes: [
    { id: 'start', type: 'start' },
    { id, type: 'approval', mode: 'any', approvers: [{ kind: 'users', userIds: [userId] }] },
    { id: 'end', type: 'end' },
  ],
  edges: [
    { id: 'e1', from: 'start', to: id },
    { id: 'e2', from: id, to: 'end' },
  ],
});

const parent = (wait: boolean) => ({
  nodes: [
    { id: 'start', type: 'start' },
    { id: 'checks', type: 'subflow', relationField: 'f_checks', wait },
    { id: 'approve', type: 'approval', mode: 'any', approvers: [{ kind: 'users', userIds: [manager.id] }] },
    { id: 'end', type: 'end' },
  ],
  edges: [
    { id: 'e1', from: 'start', to: 'checks' },
    { id: 'e2', from: 'checks', to: 'approve' },
    { id: 'e3', from: 'approve', to: 'end' },
  ],
});

async function publish(formId: string, flow: object) {
  const saved = await t.admin.put(`/api/forms/${formId}/workflow`, flow);
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  const published = await t.admin.post(`/api/forms/${formId}/workflow/publish`);
  expect(published.status, JSON.stringify(published.body)).toBe(200);
}

async function create(formId: string, data: object): Promise<string> {
  const response = await t.admin.post(`/api/forms/${formId}/records`, { data });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.id;
}

async function submit(formId: string, recordId: string): Promise<string> {
  const response = await t.admin.post(`/api/forms/${formId}/records/${recordId}/submit`);
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.instanceId;
}

const todo = async (client: Client) =>
  (await client.get('/api/tasks?box=todo')).body.items as {
    taskId: string;
    instanceId: string;
    formId: string;
  }[];

beforeAll(async () => {
  t = await testApp();
  await installForms(t.admin, [check, order]);
  keeper = await newUser(t, 'keeper@dealer.test', '库管');
  manager = await newUser(t, 'manager@dealer.test', '经理');
  await publish(check.id, simple('stock', keeper.id));
});
afterAll(() => t?.close());

describe('a sub-flow node', () => {
  it('starts the related records’ flow and waits until each has ended', async () => {
    await publish(order.id, parent(true));
    const lines = [
      await create(check.id, { f_item: '机油滤芯' }),
      await create(check.id, { f_item: '刹车片' }),
    ];
    const orderId = await create(order.id, { f_title: '十一月补货', f_checks: lines });
    const instanceId = await submit(order.id, orderId);
    const checks = await todo(keeper.client);
    expect(checks.map((c) => c.formId)).toEqual([check.id, check.id]);
    expect(await todo(manager.client)).toEqual([]);
    await keeper.client.post(`/api/tasks/${checks[0]!.taskId}/actions`, { action: 'approve' });
    expect(await todo(manager.client)).toEqual([]);
    await keeper.client.post(`/api/tasks/${checks[1]!.taskId}/actions`, {
      action: 'reject',
      comment: '缺货',
    });
    const [approval] = await todo(manager.client);
    expect(approval?.instanceId).toBe(instanceId);
    const timeline = (await t.admin.get(`/api/instances/${instanceId}`)).body.entries.map(
      (e: { action: string }) => e.action,
    );
    expect(timeline).toEqual(['instance.submitted', 'subflow.started', 'subflow.done', 'node.entered']);
    const children = await t.database.db
      .selectFrom('flow_instances')
      .select(['status', 'parent_instance_id'])
      .where('form_id', '=', check.id)
      .orderBy('status')
      .execute();
    expect(children).toEqual([
      { status: 'approved', parent_instance_id: instanceId },
      { status: 'rejected', parent_instance_id: instanceId },
    ]);
  });

  it('without waiting, goes on at once; a related record already in a flow is passed over', async () => {
    await publish(order.id, parent(false));
    const busy = await create(check.id, { f_item: '雨刮' });
    await submit(check.id, busy);
    const free = await create(check.id, { f_item: '火花塞' });
    const orderId = await create(order.id, { f_title: '急件', f_checks: [busy, free] });
    const instanceId = await submit(order.id, orderId);
    expect((await todo(manager.client)).map((i) => i.instanceId)).toContain(instanceId);
    const started = (await t.admin.get(`/api/instances/${instanceId}`)).body.entries.find(
      (e: { action: string }) => e.action === 'subflow.started',
    );
    expect(started.details.started).toHaveLength(1);
    expect(started.details.passed).toEqual([
      { recordId: busy, reason: 'the related record is already in an approval' },
    ]);
  });
});
