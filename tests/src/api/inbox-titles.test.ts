import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grant, newUser } from '../support/access';
import { type TestApp, testApp } from '../support/app';
import type { Client } from '../support/client';
import { field, form } from '../support/dealership/fields';
import { installForms } from '../support/dealership/install';
import { approval, line, publishFlow } from '../support/workflow';

/**
 * Inbox items carry a title: the record's first text-like field the viewer may read there, the
 * submitter and the submitted time. The first text field here (an internal number) is hidden from
 * the first approver by the node and from the submitter by their permission set, so it must never
 * reach them, not even in the title; the second approver sees it.
 */
const testDrive = form('frm_test_drive', 'app_sales', '试驾申请', 'Test drive', [
  field('f_internal_no', 'text', '内部编号', 'Internal no.'),
  field('f_customer', 'text', '客户', 'Customer'),
  field('f_notes', 'textarea', '备注', 'Notes'),
]);
const SECRET = 'INT-机密-7788';

let t: TestApp;
let seller: { id: string; client: Client };
let lead: { id: string; client: Client };
let gm: { id: string; client: Client };

beforeAll(async () => {
  t = await testApp();
  await installForms(t.admin, [testDrive]);
  seller = await newUser(t, 'seller@dealer.test', '销售小王');
  lead = await newUser(t, 'lead@dealer.test', '组长老李');
  gm = await newUser(t, 'gm@dealer.test', '总经理');
  await grant(t.admin, testDrive.id, {
    preset: 'submitAndManageOwn',
    readFields: ['f_customer', 'f_notes'],
    writeFields: ['f_customer', 'f_notes'],
    users: [seller.id],
  });
  await publishFlow(
    t,
    testDrive.id,
    line(
      approval('lead', [{ kind: 'users', userIds: [lead.id] }], {
        fieldPermissions: { f_internal_no: 'hidden' },
      }),
      approval('gm', [{ kind: 'users', userIds: [gm.id] }]),
    ),
  );
});
afterAll(() => t?.close());

/** The seller fills the customer, the admin the internal number, then the seller submits. */
async function submitted(customer: string | null): Promise<string> {
  const created = await seller.client.post(`/api/forms/${testDrive.id}/records`, {
    data: customer ? { f_customer: customer } : { f_notes: '无客户' },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const path = `/api/forms/${testDrive.id}/records/${created.body.id}`;
  const patched = await t.admin.patch(path, { rev: created.body.rev, data: { f_internal_no: SECRET } });
  expect(patched.status, JSON.stringify(patched.body)).toBe(200);
  const submit = await seller.client.post(`${path}/submit`);
  expect(submit.status, JSON.stringify(submit.body)).toBe(201);
  return submit.body.instanceId as string;
}

interface Item {
  taskId: string | null;
  instanceId: string;
  title: string | null;
  submitter: { id: string; name: string } | null;
  submittedAt: string;
}

async function box(client: Client, name: string): Promise<{ items: Item[]; raw: string }> {
  const response = await client.get(`/api/tasks?box=${name}`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return { items: response.body.items, raw: JSON.stringify(response.body) };
}

describe('inbox item titles', () => {
  it('names the record by the first field the viewer may read, with submitter and time', async () => {
    const before = Date.now();
    const instanceId = await submitted('陈先生');
    const todo = await box(lead.client, 'todo');
    const item = todo.items.find((i) => i.instanceId === instanceId)!;
    expect(item.title).toBe('陈先生');
    expect(item.submitter).toEqual({ id: seller.id, name: '销售小王' });
    expect(Date.parse(item.submittedAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(todo.raw).not.toContain(SECRET);

    const initiated = await box(seller.client, 'initiated');
    expect(initiated.items.find((i) => i.instanceId === instanceId)!.title).toBe('陈先生');
    expect(initiated.raw).not.toContain(SECRET);

    const approved = await lead.client.post(`/api/tasks/${item.taskId}/actions`, { action: 'approve' });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    const done = await box(lead.client, 'done');
    expect(done.items.find((i) => i.instanceId === instanceId)!.title).toBe('陈先生');
    expect(done.raw).not.toContain(SECRET);

    // The GM's node shows every field: the first text field names the record for them.
    const gmTodo = await box(gm.client, 'todo');
    expect(gmTodo.items.find((i) => i.instanceId === instanceId)!.title).toBe(SECRET);
  });

  it('leaves the title empty rather than fall back to a hidden field', async () => {
    const instanceId = await submitted(null);
    const todo = await box(lead.client, 'todo');
    expect(todo.items.find((i) => i.instanceId === instanceId)!.title).toBeNull();
    expect(todo.raw).not.toContain(SECRET);
    const initiated = await box(seller.client, 'initiated');
    expect(initiated.items.find((i) => i.instanceId === instanceId)!.title).toBeNull();
    expect(initiated.raw).not.toContain(SECRET);
  });

  it('shows the task page the same submitter and time, and where a return may go', async () => {
    const instanceId = await submitted('周女士');
    const leadTask = (await box(lead.client, 'todo')).items.find((i) => i.instanceId === instanceId)!;
    const leadView = await lead.client.get(`/api/tasks/${leadTask.taskId}`);
    expect(leadView.body.submitter).toEqual({ id: seller.id, name: '销售小王' });
    expect(leadView.body.submittedAt).toBe(leadTask.submittedAt);
    expect(leadView.body.returnTargets.map((r: { nodeId: string }) => r.nodeId)).toEqual(['start']);
    expect(JSON.stringify(leadView.body)).not.toContain(SECRET);
    await lead.client.post(`/api/tasks/${leadTask.taskId}/actions`, { action: 'approve' });
    const gmTask = (await box(gm.client, 'todo')).items.find((i) => i.instanceId === instanceId)!;
    const gmView = await gm.client.get(`/api/tasks/${gmTask.taskId}`);
    expect(gmView.body.returnTargets.map((r: { nodeId: string }) => r.nodeId)).toEqual(['lead', 'start']);
  });
});
