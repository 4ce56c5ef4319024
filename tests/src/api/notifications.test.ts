import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grant, newUser } from '../support/access';
import { type TestApp, testApp } from '../support/app';
import type { Client } from '../support/client';
import { installForms } from '../support/dealership/install';
import { expenseClaim } from '../support/dealership/sales';

let t: TestApp;
let employee: { id: string; client: Client };
let approver: { id: string; client: Client };
let url: string;

const flow = {
  nodes: [
    { id: 'start', type: 'start' },
    { id: 'check', type: 'approval', mode: 'any', approvers: [{ kind: 'users', userIds: [] as string[] }] },
    { id: 'end', type: 'end' },
  ],
  edges: [
    { id: 'e1', from: 'start', to: 'check' },
    { id: 'e2', from: 'check', to: 'end' },
  ],
};

beforeAll(async () => {
  t = await testApp();
  await installForms(t.admin, [expenseClaim]);
  employee = await newUser(t, 'employee@dealer.test', '员工');
  approver = await newUser(t, 'approver@dealer.test', '审批人');
  await grant(t.admin, expenseClaim.id, { preset: 'submitAndManageOwn', users: [employee.id] });
  flow.nodes[1]!.approvers = [{ kind: 'users', userIds: [approver.id] }];
  expect((await t.admin.put(`/api/forms/${expenseClaim.id}/workflow`, flow)).status).toBe(200);
  expect((await t.admin.post(`/api/forms/${expenseClaim.id}/workflow/publish`)).status).toBe(200);
  url = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(() => t?.close());

async function submit(): Promise<string> {
  const data = {
    f_lines: [
      { f_category: 'Office', f_date: '2026-11-27', f_amount: '88.00', f_invoice_no: `N-${Date.now()}` },
    ],
  };
  const record = await employee.client.post(`/api/forms/${expenseClaim.id}/records`, { data });
  const submitted = await employee.client.post(
    `/api/forms/${expenseClaim.id}/records/${record.body.id}/submit`,
  );
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
  return submitted.body.instanceId;
}

describe('notifications', () => {
  it('tell the approver of a new task and the submitter of the outcome; read marks stick', async () => {
    const instanceId = await submit();
    const mine = (await approver.client.get('/api/notifications?unread=true')).body.notifications;
    expect(mine).toEqual([expect.objectContaining({ kind: 'task.new', instanceId, read: false })]);
    const [task] = (await approver.client.get('/api/tasks?box=todo')).body.items;
    await approver.client.post(`/api/tasks/${task.taskId}/actions`, { action: 'approve' });
    const theirs = (await employee.client.get('/api/notifications')).body.notifications;
    expect(theirs[0]).toMatchObject({ kind: 'instance.approved', instanceId });
    expect((await approver.client.post('/api/notifications/read', { all: true })).body.marked).toBe(1);
    expect((await approver.client.get('/api/notifications?unread=true')).body.notifications).toEqual([]);
  });

  it('stream new ones live over server-sent events, to their user only', async () => {
    const cookie = (client: Client) => [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const controller = new AbortController();
    const response = await fetch(`${url}/api/notifications/stream`, {
      headers: { cookie: cookie(approver.client) },
      signal: controller.signal,
    });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const instanceId = await submit();
    const deadline = Date.now() + 10_000;
    while (!text.includes('event: notification') && Date.now() < deadline) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value);
    }
    controller.abort();
    const data = JSON.parse(/data: (.*)\n/.exec(text)![1]!);
    expect(data).toMatchObject({ kind: 'task.new', instanceId });
    const others = await fetch(`${url}/api/notifications/stream`);
    expect(others.status).toBe(401);
  });
});
