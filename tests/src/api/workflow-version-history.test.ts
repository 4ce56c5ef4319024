import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grant, newUser } from '../support/access';
import { type TestApp, testApp } from '../support/app';
import { type Client, expectError } from '../support/client';
import { create, installForms } from '../support/dealership/install';
import { expenseClaim, lead } from '../support/dealership/sales';

/**
 * GET /api/forms/:formId/workflow/versions, the designer's version history: every published version,
 * newest first, who published it, and how many instances it started and still runs (instances keep
 * their version, so an old version can still have running work). App admins only.
 */
let t: TestApp;
let employee: { id: string; client: Client };
let manager: { id: string; client: Client };

const url = `/api/forms/${expenseClaim.id}/workflow/versions`;

function flow(label: string) {
  return {
    nodes: [
      { id: 'start', type: 'start' },
      {
        id: 'manager',
        type: 'approval',
        label: { zh: label, en: label },
        mode: 'any',
        approvers: [{ kind: 'users', userIds: [manager.id] }],
      },
      { id: 'end', type: 'end' },
    ],
    edges: [
      { id: 'e1', from: 'start', to: 'manager' },
      { id: 'e2', from: 'manager', to: 'end' },
    ],
  };
}

async function publish(label: string) {
  expect((await t.admin.put(`/api/forms/${expenseClaim.id}/workflow`, flow(label))).status).toBe(200);
  const published = await t.admin.post(`/api/forms/${expenseClaim.id}/workflow/publish`);
  expect(published.status, JSON.stringify(published.body)).toBe(200);
}

async function submitClaim(amount: string): Promise<string> {
  const record = await create(employee.client, expenseClaim.id, {
    f_lines: [
      { f_category: 'Travel', f_date: '2026-11-20', f_amount: amount, f_invoice_no: `INV-${amount}` },
    ],
  });
  const submitted = await employee.client.post(`/api/forms/${expenseClaim.id}/records/${record.id}/submit`);
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
  return submitted.body.instanceId as string;
}

beforeAll(async () => {
  t = await testApp();
  await installForms(t.admin, [expenseClaim, lead]);
  employee = await newUser(t, 'employee@dealer.test', '员工小王');
  manager = await newUser(t, 'manager@dealer.test', '经理老李');
  await grant(t.admin, expenseClaim.id, { preset: 'submitAndManageOwn', users: [employee.id] });
});
afterAll(() => t?.close());

describe('the version history of a flow', () => {
  it('is empty for a form without a flow', async () => {
    const answer = await t.admin.get(`/api/forms/${lead.id}/workflow/versions`);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body).toEqual({ versions: [] });
  });

  it('counts running and all instances per version, newest first', async () => {
    await publish('v1');
    const first = await submitClaim('100.00');
    await submitClaim('200.00');
    // One of the two v1 claims is approved: v1 keeps one running instance.
    const inbox = await manager.client.get('/api/tasks?box=todo');
    const task = (inbox.body.items as { taskId: string; instanceId: string }[]).find(
      (i) => i.instanceId === first,
    );
    expect(task).toBeDefined();
    const approved = await manager.client.post(`/api/tasks/${task?.taskId}/actions`, { action: 'approve' });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    await publish('v2');
    await submitClaim('300.00');

    const answer = await t.admin.get(url);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const adminId = (await t.admin.get('/api/me')).body.user.id;
    expect(answer.body.versions).toEqual([
      {
        version: 2,
        publishedAt: expect.any(String),
        publishedBy: { id: adminId, name: 'Administrator' },
        running: 1,
        instances: 1,
      },
      {
        version: 1,
        publishedAt: expect.any(String),
        publishedBy: { id: adminId, name: 'Administrator' },
        running: 1,
        instances: 2,
      },
    ]);
    const [v2, v1] = answer.body.versions;
    expect(Date.parse(v2.publishedAt)).toBeGreaterThanOrEqual(Date.parse(v1.publishedAt));
  });

  it('is for the app admins only', async () => {
    expectError(await employee.client.get(url), 403, 'forbidden');
    expectError(await t.anonymous().get(url), 401);
    expectError(await t.admin.get('/api/forms/frm_nowhere/workflow/versions'), 404);
  });
});
