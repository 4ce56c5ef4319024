import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grant, newUser } from '../support/access';
import { type TestApp, testApp } from '../support/app';
import type { Client } from '../support/client';
import { installForms } from '../support/dealership/install';
import { expenseClaim } from '../support/dealership/sales';

/**
 * Published flow versions are immutable and instances keep theirs: a flow edited and republished
 * while 100 claims wait on the old version does not move them onto the new graph; new submissions
 * run the new one. Node labels differ between the versions so the timeline shows which graph it read.
 */
const RUNNING = 100;

let t: TestApp;
let employee: { id: string; client: Client };
let manager: { id: string; client: Client };
let gm: { id: string; client: Client };

const label = (zh: string, en: string) => ({ zh, en });

function v1() {
  return {
    nodes: [
      { id: 'start', type: 'start' },
      {
        id: 'manager',
        type: 'approval',
        label: label('经理审批', 'Manager'),
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

function v2() {
  return {
    nodes: [
      { id: 'start', type: 'start' },
      {
        id: 'manager',
        type: 'approval',
        label: label('部门经理审批', 'Department manager'),
        mode: 'any',
        approvers: [{ kind: 'users', userIds: [manager.id] }],
      },
      {
        id: 'gm',
        type: 'approval',
        label: label('总经理审批', 'General manager'),
        mode: 'any',
        approvers: [{ kind: 'users', userIds: [gm.id] }],
      },
      { id: 'end', type: 'end' },
    ],
    edges: [
      { id: 'e1', from: 'start', to: 'manager' },
      { id: 'e2', from: 'manager', to: 'gm' },
      { id: 'e3', from: 'gm', to: 'end' },
    ],
  };
}

const claim = (i: number) => ({
  f_lines: [
    { f_category: 'Travel', f_date: '2026-11-20', f_amount: `${100 + i}.00`, f_invoice_no: `INV-${i}` },
  ],
});

beforeAll(async () => {
  t = await testApp();
  await installForms(t.admin, [expenseClaim]);
  employee = await newUser(t, 'employee@dealer.test', '员工小王');
  manager = await newUser(t, 'manager@dealer.test', '经理老李');
  gm = await newUser(t, 'gm@dealer.test', '总经理');
  await grant(t.admin, expenseClaim.id, { preset: 'submitAndManageOwn', users: [employee.id] });
});
afterAll(() => t?.close());

async function publish(definition: object, version: number) {
  const saved = await t.admin.put(`/api/forms/${expenseClaim.id}/workflow`, definition);
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  const published = await t.admin.post(`/api/forms/${expenseClaim.id}/workflow/publish`);
  expect(published.status, JSON.stringify(published.body)).toBe(200);
  expect(published.body.publishedVersion).toBe(version);
}

async function createClaims(from: number, count: number): Promise<string[]> {
  const records = Array.from({ length: count }, (_, i) => claim(from + i));
  const created = await employee.client.post(`/api/forms/${expenseClaim.id}/records/batch`, { records });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.records.map((r: { id: string }) => r.id);
}

async function submit(recordId: string): Promise<string> {
  const response = await employee.client.post(`/api/forms/${expenseClaim.id}/records/${recordId}/submit`);
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.instanceId;
}

/** Every to-do task of the client on this form, by instance (the box is paged by 100). */
async function todo(client: Client): Promise<Map<string, { taskId: string; nodeId: string }>> {
  const tasks = new Map<string, { taskId: string; nodeId: string }>();
  let cursor: string | null = null;
  do {
    const query: string = `/api/tasks?box=todo&formId=${expenseClaim.id}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const page = await client.get<{
      items: { instanceId: string; taskId: string; nodeId: string }[];
      next: string | null;
    }>(query);
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    for (const item of page.body.items)
      tasks.set(item.instanceId, { taskId: item.taskId, nodeId: item.nodeId });
    cursor = page.body.next;
  } while (cursor);
  return tasks;
}

async function approve(client: Client, taskId: string) {
  const response = await client.post(`/api/tasks/${taskId}/actions`, { action: 'approve' });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body.instanceStatus as string;
}

async function history(instanceId: string) {
  const response = await employee.client.get(`/api/instances/${instanceId}`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body as {
    instance: { status: string; version: number; recordId: string };
    entries: { action: string; nodeId: string | null; nodeLabel: { en: string } | null }[];
  };
}

describe('republishing a flow while 100 instances run on the old version', () => {
  let old: string[] = [];

  it('instances keep the version they started on; a saved but unpublished draft changes nothing', async () => {
    await publish(v1(), 1);
    const records = await createClaims(0, RUNNING);
    old = [];
    for (const recordId of records) old.push(await submit(recordId));
    expect(new Set(old).size).toBe(RUNNING);

    // Edited, not yet published: new submissions still run version 1.
    const draft = await t.admin.put(`/api/forms/${expenseClaim.id}/workflow`, v2());
    expect(draft.status, JSON.stringify(draft.body)).toBe(200);
    expect(draft.body.publishedVersion).toBe(1);
    const [beforePublish] = await createClaims(RUNNING, 1);
    const early = await submit(beforePublish!);
    expect((await history(early)).instance.version).toBe(1);
    old.push(early);

    await publish(v2(), 2);
    const flow = await t.admin.get(`/api/forms/${expenseClaim.id}/workflow`);
    expect(flow.body.publishedVersion).toBe(2);
    expect(flow.body.draft.nodes.map((n: { id: string }) => n.id)).toEqual(['start', 'manager', 'gm', 'end']);
    for (const id of old.slice(0, 5)) {
      const { instance } = await history(id);
      expect(instance).toMatchObject({ status: 'running', version: 1 });
    }
  });

  it('the old instances finish on the old graph: the manager’s approval ends them, no GM task', async () => {
    const tasks = await todo(manager.client);
    expect(old.every((id) => tasks.get(id)?.nodeId === 'manager')).toBe(true);
    for (const id of old) expect(await approve(manager.client, tasks.get(id)!.taskId)).toBe('approved');
    expect((await todo(gm.client)).size).toBe(0);
    expect((await todo(manager.client)).size).toBe(0);

    const { instance, entries } = await history(old[0]!);
    expect(instance).toEqual(expect.objectContaining({ status: 'approved', version: 1 }));
    expect(entries.map((e) => [e.action, e.nodeId])).toEqual([
      ['instance.submitted', null],
      ['node.entered', 'manager'],
      ['task.approved', 'manager'],
      ['instance.approved', null],
    ]);
    expect(entries[1]!.nodeLabel?.en).toBe('Manager');

    for (const id of [old[0]!, old[RUNNING - 1]!, old[RUNNING]!]) {
      const { instance: ended } = await history(id);
      const record = await employee.client.get(`/api/forms/${expenseClaim.id}/records/${ended.recordId}`);
      expect(record.body.flowState).toBe('approved');
    }
  });

  it('a new submission runs version 2: the GM approves after the manager', async () => {
    const [recordId] = await createClaims(RUNNING + 1, 1);
    const id = await submit(recordId!);
    expect((await history(id)).instance).toMatchObject({ status: 'running', version: 2 });

    const managerTask = (await todo(manager.client)).get(id);
    expect(managerTask?.nodeId).toBe('manager');
    expect(await approve(manager.client, managerTask!.taskId)).toBe('running');
    const gmTask = (await todo(gm.client)).get(id);
    expect(gmTask?.nodeId).toBe('gm');
    expect(await approve(gm.client, gmTask!.taskId)).toBe('approved');

    const { instance, entries } = await history(id);
    expect(instance).toMatchObject({ status: 'approved', version: 2 });
    expect(entries.map((e) => [e.action, e.nodeId])).toEqual([
      ['instance.submitted', null],
      ['node.entered', 'manager'],
      ['task.approved', 'manager'],
      ['node.entered', 'gm'],
      ['task.approved', 'gm'],
      ['instance.approved', null],
    ]);
    expect(entries[1]!.nodeLabel?.en).toBe('Department manager');
    expect(entries[3]!.nodeLabel?.en).toBe('General manager');
  });
});
