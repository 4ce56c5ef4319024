import type { FormDefinition } from '@forecourt/schemas';
import { expect } from 'vitest';
import { grant, newUser } from './access';
import { ADMIN, type TestApp } from './app';
import type { Client, Response } from './client';
import { field, form, options } from './dealership/fields';
import { create, installForms } from './dealership/install';
import { expenseClaim, lead, quote } from './dealership/sales';

/**
 * The dealership the workflow semantics suite runs in (dealership-templates.md §1.1, §1.7):
 *
 *   总部 group (head gm, role GM)
 *   ├─ 销售部 sales (head salesManager, role SalesManager; consultant)
 *   │   └─ 销售一组 team (head teamLead; employee)
 *   └─ 财务部 finance (head financeHead; finance1, finance2 hold role Finance)
 *   loner: in no department (nobody manages them)
 */
export const PEOPLE = [
  'gm',
  'salesManager',
  'teamLead',
  'employee',
  'consultant',
  'financeHead',
  'finance1',
  'finance2',
  'loner',
] as const;
export type PersonKey = (typeof PEOPLE)[number] | 'admin';

export interface Person {
  key: PersonKey;
  id: string;
  client: Client;
}

export interface Org {
  t: TestApp;
  people: Record<PersonKey, Person>;
  departments: { group: string; sales: string; team: string; finance: string };
  roles: { gm: string; salesManager: string; finance: string };
  /** The person with this user id, for readable assertions. */
  keyOf(userId: string | null): PersonKey | 'system' | string;
}

/**
 * The expense claim of §1.7 with what its flow reads and writes: over budget (the finance branch),
 * a payment reference the cashier fills in, a reviewer (member field) and a cost department
 * (department field) for field-based approvers, a status an action node sets, and an internal note
 * some nodes hide.
 */
export const expenseForm: FormDefinition = form('frm_expense', 'app_admin', '费用报销', 'Expense claim', [
  ...expenseClaim.fields,
  field('f_over_budget', 'boolean', '超预算', 'Over budget'),
  field('f_justification', 'textarea', '超预算说明', 'Justification'),
  field('f_paid_ref', 'text', '付款凭证号', 'Payment reference'),
  field('f_reviewer', 'member', '复核人', 'Reviewer'),
  field('f_cost_dept', 'department', '费用部门', 'Cost department'),
  field('f_status', 'select', '状态', 'Status', {
    options: options(['Draft', '草稿'], ['Approved', '已批准'], ['Paid', '已付款']),
  }),
  field('f_internal_note', 'text', '内部备注', 'Internal note'),
]);

export async function dealershipOrg(t: TestApp): Promise<Org> {
  await installForms(t.admin, [expenseForm, lead, quote]);
  const [root] = (await t.admin.get('/api/departments')).body.departments;
  const department = async (parentId: string, name: string) => {
    const created = await t.admin.post('/api/departments', { parentId, name, kind: 'department' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body.id as string;
  };
  const role = async (code: string, name: string) => {
    const created = await t.admin.post('/api/roles', { code, name });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body.id as string;
  };
  const departments = { group: root.id as string, sales: '', team: '', finance: '' };
  departments.sales = await department(departments.group, '销售部');
  departments.team = await department(departments.sales, '销售一组');
  departments.finance = await department(departments.group, '财务部');
  const roles = {
    gm: await role('GM', '总经理'),
    salesManager: await role('SalesManager', '销售经理'),
    finance: await role('Finance', '财务'),
  };
  const person = async (key: PersonKey, departmentIds: string[], roleIds: string[] = []) => {
    const user = await newUser(t, `${key.toLowerCase()}@dealer.test`, key, {
      departments: departmentIds,
      roles: roleIds,
    });
    return { key, ...user };
  };
  const adminId = (
    await t.database.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', ADMIN.email)
      .executeTakeFirstOrThrow()
  ).id;
  const people: Record<PersonKey, Person> = {
    admin: { key: 'admin', id: adminId, client: t.admin },
    gm: await person('gm', [departments.group], [roles.gm]),
    salesManager: await person('salesManager', [departments.sales], [roles.salesManager]),
    teamLead: await person('teamLead', [departments.team]),
    employee: await person('employee', [departments.team]),
    consultant: await person('consultant', [departments.sales]),
    financeHead: await person('financeHead', [departments.finance]),
    finance1: await person('finance1', [departments.finance], [roles.finance]),
    finance2: await person('finance2', [departments.finance], [roles.finance]),
    loner: await person('loner', []),
  };
  const heads: [string, Person][] = [
    [departments.group, people.gm],
    [departments.sales, people.salesManager],
    [departments.team, people.teamLead],
    [departments.finance, people.financeHead],
  ];
  for (const [id, head] of heads) {
    const patched = await t.admin.patch(`/api/departments/${id}`, { headUserId: head.id });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
  }
  const staff = PEOPLE.map((key) => people[key].id);
  for (const formId of [expenseForm.id, lead.id, quote.id])
    await grant(t.admin, formId, { preset: 'submitAndManageOwn', users: staff });
  const byId = new Map(Object.values(people).map((p) => [p.id, p.key]));
  return {
    t,
    people,
    departments,
    roles,
    keyOf: (userId) => (userId === null ? 'system' : (byId.get(userId) ?? userId)),
  };
}

// ── Flows ────────────────────────────────────────────────────────────────────────────────────────

type Node = Record<string, unknown> & { id: string; type: string };
export interface Flow {
  nodes: Node[];
  edges: { id: string; from: string; to: string; condition?: string; default?: boolean }[];
  autoSkip?: { submitter?: boolean; alreadyApproved?: boolean };
}

export const START: Node = { id: 'start', type: 'start' };
export const END: Node = { id: 'end', type: 'end' };

/** start → the given nodes one after another → end. */
export function line(...nodes: Node[]): Flow {
  const all = [START, ...nodes, END];
  return {
    nodes: all,
    edges: all.slice(1).map((node, i) => ({ id: `e${i + 1}`, from: all[i]!.id, to: node.id })),
  };
}

export function approval(id: string, approvers: unknown[], extra: Record<string, unknown> = {}): Node {
  return { id, type: 'approval', mode: 'any', approvers, ...extra };
}

/** Saves and publishes a form's flow: new submissions run it, earlier instances keep theirs. */
export async function publishFlow(t: TestApp, formId: string, flow: Flow): Promise<void> {
  const saved = await t.admin.put(`/api/forms/${formId}/workflow`, flow);
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  const published = await t.admin.post(`/api/forms/${formId}/workflow/publish`);
  expect(published.status, JSON.stringify(published.body)).toBe(200);
}

/**
 * The expense flow of §1.7: the submitter's manager (the next level up when the submitter is that
 * manager) → the GM when the total is over ¥5,000 → finance (any one of the role) when over budget.
 */
export function expenseFlow(org: Org, finance: Record<string, unknown> = {}): Flow {
  return {
    nodes: [
      START,
      approval('manager', [{ kind: 'submitterManager', levels: 1 }], {
        label: { zh: '部门经理', en: 'Manager' },
      }),
      { id: 'big', type: 'condition' },
      approval('gm', [{ kind: 'roles', roleIds: [org.roles.gm] }], { label: { zh: '总经理', en: 'GM' } }),
      { id: 'budget', type: 'condition' },
      approval('finance', [{ kind: 'roles', roleIds: [org.roles.finance] }], finance),
      END,
    ],
    edges: [
      { id: 'e1', from: 'start', to: 'manager' },
      { id: 'e2', from: 'manager', to: 'big' },
      { id: 'e3', from: 'big', to: 'gm', condition: 'f_total > 5000' },
      { id: 'e4', from: 'big', to: 'budget', default: true },
      { id: 'e5', from: 'gm', to: 'budget' },
      { id: 'e6', from: 'budget', to: 'finance', condition: 'f_over_budget = true' },
      { id: 'e7', from: 'budget', to: 'end', default: true },
      { id: 'e8', from: 'finance', to: 'end' },
    ],
  };
}

/**
 * The quote discount flow of §1.1: over 3 % the sales manager approves, over 6 % the GM too;
 * up to 3 % the quote is approved at once.
 */
export function quoteFlow(org: Org): Flow {
  return {
    nodes: [
      START,
      { id: 'over3', type: 'condition' },
      approval('sales_manager', [{ kind: 'roles', roleIds: [org.roles.salesManager] }]),
      { id: 'over6', type: 'condition' },
      approval('gm', [{ kind: 'roles', roleIds: [org.roles.gm] }]),
      END,
    ],
    edges: [
      { id: 'e1', from: 'start', to: 'over3' },
      { id: 'e2', from: 'over3', to: 'sales_manager', condition: 'f_discount_pct > 0.03' },
      { id: 'e3', from: 'over3', to: 'end', default: true },
      { id: 'e4', from: 'sales_manager', to: 'over6' },
      { id: 'e5', from: 'over6', to: 'gm', condition: 'f_discount_pct > 0.06' },
      { id: 'e6', from: 'over6', to: 'end', default: true },
      { id: 'e7', from: 'gm', to: 'end' },
    ],
  };
}

// ── Records and instances ────────────────────────────────────────────────────────────────────────

/** An expense claim's data: one travel line of `amount`, plus any other fields. */
export function claim(amount: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    f_lines: [
      { f_category: 'Travel', f_date: '2026-11-20', f_amount: amount, f_invoice_no: `INV-${amount}` },
    ],
    ...extra,
  };
}

export interface Submitted {
  recordId: string;
  instanceId: string;
}

/** Creates a record as `who` and submits it; the submit must be accepted. */
export async function submitNew(
  who: Person,
  data: Record<string, unknown>,
  formId = expenseForm.id,
): Promise<Submitted> {
  const record = await create(who.client, formId, data);
  const submit = await who.client.post(`/api/forms/${formId}/records/${record.id}/submit`);
  expect(submit.status, JSON.stringify(submit.body)).toBe(201);
  return { recordId: record.id, instanceId: submit.body.instanceId as string };
}

/** A quote of `discount` off a ¥100,000 MSRP, on a lead the consultant enters. */
export async function submitQuote(who: Person, discount: string): Promise<Submitted> {
  const entered = await create(who.client, lead.id, {
    f_name: '张先生',
    f_mobile: '13800138000',
    f_source: 'WalkIn',
    f_next_follow_up: '2026-12-01',
  });
  return submitNew(who, { f_lead: entered.id, f_msrp: '100000.00', f_discount: discount }, quote.id);
}

export interface TodoItem {
  taskId: string;
  instanceId: string;
  nodeId: string;
  kind: string;
}

/** The to-do box of `who`, this instance's items only. */
export async function todo(who: Person, instanceId: string, box = 'todo'): Promise<TodoItem[]> {
  const response = await who.client.get(`/api/tasks?box=${box}`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return (response.body.items as TodoItem[]).filter((i) => i.instanceId === instanceId);
}

/** Every person's to-do box for the instance, as person → node ids (people with nothing left out). */
export async function boxes(org: Org, instanceId: string, box = 'todo'): Promise<Record<string, string[]>> {
  const result: Record<string, string[]> = {};
  for (const person of Object.values(org.people)) {
    const items = await todo(person, instanceId, box);
    if (items.length) result[person.key] = items.map((i) => i.nodeId).sort();
  }
  return result;
}

/** The one task `who` has to do on the instance. */
export async function taskOf(who: Person, instanceId: string): Promise<string> {
  const items = await todo(who, instanceId);
  expect(items, `${who.key}'s to-do`).toHaveLength(1);
  return items[0]!.taskId;
}

export function act(who: Person, taskId: string, body: Record<string, unknown>): Promise<Response> {
  return who.client.post(`/api/tasks/${taskId}/actions`, body);
}

/** `who` acts on their one task of the instance (approve unless said); the action must succeed. */
export async function actOn(
  who: Person,
  instanceId: string,
  body: Record<string, unknown> = { action: 'approve' },
): Promise<{ taskId: string; instanceStatus: string }> {
  const taskId = await taskOf(who, instanceId);
  const response = await act(who, taskId, body);
  expect(response.status, `${who.key} ${String(body.action)}: ${JSON.stringify(response.body)}`).toBe(200);
  return { taskId, instanceStatus: response.body.instanceStatus as string };
}

export interface Entry {
  action: string;
  nodeId: string | null;
  actor: { id: string; name: string } | null;
  comment: string | null;
  details: Record<string, unknown>;
}

export async function timeline(who: Person, instanceId: string): Promise<Entry[]> {
  const response = await who.client.get(`/api/instances/${instanceId}`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body.entries as Entry[];
}

/** The timeline as `action@node` lines (the admin reads it). */
export async function story(org: Org, instanceId: string): Promise<string[]> {
  return (await timeline(org.people.admin, instanceId)).map((e) =>
    e.nodeId ? `${e.action}@${e.nodeId}` : e.action,
  );
}

/** Every task of the instance as `node:person:status`, in the order the node runs began. */
export async function tasks(org: Org, instanceId: string): Promise<string[]> {
  const rows = await org.t.database.db
    .selectFrom('flow_tasks as t')
    .innerJoin('flow_node_runs as r', 'r.id', 't.node_run_id')
    .select(['t.node_id', 't.assignee_id', 't.status', 'r.seq', 't.position'])
    .where('t.instance_id', '=', instanceId)
    .execute();
  return rows
    .map((r) => ({ seq: Number(r.seq), text: `${r.node_id}:${org.keyOf(r.assignee_id)}:${r.status}` }))
    .sort((a, b) => a.seq - b.seq || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0))
    .map((r) => r.text);
}

export async function instanceStatus(org: Org, instanceId: string): Promise<string> {
  const row = await org.t.database.db
    .selectFrom('flow_instances')
    .select('status')
    .where('id', '=', instanceId)
    .executeTakeFirstOrThrow();
  return row.status;
}

/** The record as its owner reads it through the API. */
export async function record(owner: Person, recordId: string, formId = expenseForm.id) {
  const response = await owner.client.get(`/api/forms/${formId}/records/${recordId}`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body as { data: Record<string, unknown>; flowState: string | null; rev: number };
}
