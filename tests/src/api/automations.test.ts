import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { newUser } from '../support/access';
import { type TestApp, testApp } from '../support/app';
import { expectError } from '../support/client';
import { field, form, options } from '../support/dealership/fields';
import { create, installForms } from '../support/dealership/install';
import { AUTOMATION_KINDS, runWorker } from '../support/workflow-jobs';

/**
 * Automations (issue 16, first slice): record events run an automation's actions on the job worker,
 * in the job's transaction, once per event, with loop protection and a run log.
 */
const booking = form('frm_au_booking', 'app_service', '预约', 'Booking', [
  field('f_name', 'text', '姓名', 'Name', { required: true }),
  field('f_status', 'select', '状态', 'Status', {
    options: options(['new', '新', 'New'], ['confirmed', '已确认', 'Confirmed'], ['done', '完成', 'Done']),
    default: { kind: 'value', value: 'new' },
  }),
  field('f_count', 'number', '次数', 'Count'),
  field('f_note', 'text', '备注', 'Note'),
]);
const order = form('frm_au_order', 'app_service', '工单', 'Work order', [
  field('f_booking', 'relation', '预约', 'Booking', { target: 'frm_au_booking' }),
  field('f_customer', 'text', '客户', 'Customer'),
  field('f_owner', 'text', '预约人', 'Booked by'),
  field('f_source', 'text', '来源', 'Source'),
  field('f_change', 'text', '变化', 'Change'),
]);

let t: TestApp;
let adminId: string;
beforeAll(async () => {
  t = await testApp();
  await installForms(t.admin, [booking, order]);
  adminId = (await t.admin.get('/api/me')).body.user.id;
});
afterAll(() => t?.close());

const opened: string[] = [];
afterEach(async () => {
  // Each test's automations stop listening, so the next test hears only its own.
  for (const id of opened.splice(0)) await t.admin.post(`/api/automations/${id}/disable`, {});
});

type Definition = { trigger: Record<string, unknown>; actions: Record<string, unknown>[]; formId?: string };

async function automation(formId: string, definition: Definition) {
  const response = await t.admin.post(`/api/forms/${formId}/automations`, {
    definition: { formId, title: { zh: '自动化', en: 'Automation' }, ...definition },
    enabled: true,
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  opened.push(response.body.id);
  return response.body as { id: string };
}

const work = () => runWorker({ t }, { kinds: AUTOMATION_KINDS });

async function orders() {
  const { rows } = await sql<{ id: string; data: Record<string, unknown> }>`
    select id, data from records where form_id = 'frm_au_order' and deleted_at is null order by created_at, id`.execute(
    t.database.db,
  );
  return rows;
}

async function runsOf(automationId: string) {
  const response = await t.admin.get(`/api/automations/${automationId}/runs`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body.runs as {
    status: string;
    depth: number;
    recordId: string;
    results: { kind: string; status: string; result?: Record<string, unknown> }[];
    error: { code: string; message: string } | null;
  }[];
}

const createsOrder = {
  kind: 'createRecord',
  formId: 'frm_au_order',
  values: {
    f_booking: '$record.id',
    f_customer: 'f_name',
    f_owner: '$record.ownerId',
    f_source: '$record.via',
  },
};

describe('automations', () => {
  it('create a linked work order (and notify) when a booking is created, by API or public link', async () => {
    const auto = await automation('frm_au_booking', {
      trigger: { kind: 'record.created' },
      actions: [
        createsOrder,
        { kind: 'notify', users: [adminId], message: { zh: '新预约', en: 'New booking' } },
      ],
    });
    const made = await create(t.admin, 'frm_au_booking', { f_name: '王先生' });
    expect(await orders()).toEqual([]); // the work happens on the worker, not in the request
    await work();
    const [first] = await orders();
    expect(first!.data).toMatchObject({
      f_booking: made.id,
      f_customer: '王先生',
      f_owner: adminId,
      f_source: 'api',
    });
    const runs = await runsOf(auto.id);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ status: 'done', depth: 1, recordId: made.id, error: null });
    expect(runs[0]!.results.map((r) => [r.kind, r.status])).toEqual([
      ['createRecord', 'done'],
      ['notify', 'done'],
    ]);
    expect(runs[0]!.results[0]!.result).toEqual({ formId: 'frm_au_order', recordId: first!.id });
    const perRecord = await t.admin.get(`/api/forms/frm_au_booking/records/${made.id}/automation-runs`);
    expect(perRecord.body.runs).toHaveLength(1);
    const notes = (await t.admin.get('/api/notifications')).body;
    expect(JSON.stringify(notes)).toContain('automation.notice');
    // The work order's history says an automation wrote it.
    const { rows } = await sql<{ via: string }>`
      select via from record_history where record_id = ${first!.id}`.execute(t.database.db);
    expect(rows.map((r) => r.via)).toEqual(['automation']);

    const link = await t.admin.post('/api/forms/frm_au_booking/public-links', {
      kind: 'fill',
      name: 'Campaign',
    });
    expect(link.status, JSON.stringify(link.body)).toBe(201);
    const filled = await t
      .anonymous()
      .post(`/api/public/${link.body.token}/records`, { data: { f_name: '李女士' } });
    expect(filled.status, JSON.stringify(filled.body)).toBe(201);
    await work();
    const fromLink = (await orders()).find((o) => o.data.f_customer === '李女士');
    expect(fromLink?.data).toMatchObject({ f_source: 'public' });
    expect(fromLink?.data.f_owner ?? null).toBeNull();
  });

  it('on update, fires only when a chosen field changes, and sees the previous values', async () => {
    const made = await create(t.admin, 'frm_au_booking', { f_name: '赵先生' });
    const auto = await automation('frm_au_booking', {
      trigger: { kind: 'record.updated', fields: ['f_status'] },
      actions: [
        {
          kind: 'createRecord',
          formId: 'frm_au_order',
          values: { f_booking: '$record.id', f_change: "$previous.f_status & '→' & f_status" },
        },
      ],
    });
    const before = (await orders()).length;
    const renamed = await t.admin.patch(`/api/forms/frm_au_booking/records/${made.id}`, {
      rev: made.rev,
      data: { f_name: '赵总' },
    });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    await work();
    expect(await runsOf(auto.id)).toEqual([]);
    const confirmed = await t.admin.patch(`/api/forms/frm_au_booking/records/${made.id}`, {
      rev: renamed.body.rev,
      data: { f_status: 'confirmed' },
    });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    await work();
    const added = (await orders()).slice(before);
    expect(added.map((o) => o.data.f_change)).toEqual(['new→confirmed']);
    expect(await runsOf(auto.id)).toHaveLength(1);
  });

  it('runs once per record of a bulk update, each seeing its own previous values', async () => {
    const a = await create(t.admin, 'frm_au_booking', { f_name: '甲' });
    const b = await create(t.admin, 'frm_au_booking', { f_name: '乙', f_status: 'confirmed' });
    const auto = await automation('frm_au_booking', {
      trigger: { kind: 'record.updated', fields: ['f_status'] },
      actions: [
        {
          kind: 'createRecord',
          formId: 'frm_au_order',
          values: { f_booking: '$record.id', f_change: "$previous.f_status & '→' & f_status" },
        },
      ],
    });
    const bulk = await t.admin.post('/api/forms/frm_au_booking/records/bulk-update', {
      ids: [a.id, b.id],
      data: { f_status: 'done' },
    });
    expect(bulk.status, JSON.stringify(bulk.body)).toBe(200);
    await work();
    const runs = await runsOf(auto.id);
    expect(runs.map((r) => r.recordId).sort()).toEqual([a.id, b.id].sort());
    expect(runs.every((r) => r.status === 'done')).toBe(true);
    const changes = (await orders()).map((o) => [o.data.f_booking, o.data.f_change]);
    expect(changes).toEqual(
      expect.arrayContaining([
        [a.id, 'new→done'],
        [b.id, 'confirmed→done'],
      ]),
    );
  });

  it('does not run when its condition is false', async () => {
    const auto = await automation('frm_au_booking', {
      trigger: { kind: 'record.created', condition: "f_status = 'confirmed'" },
      actions: [createsOrder],
    });
    const before = (await orders()).length;
    await create(t.admin, 'frm_au_booking', { f_name: '钱先生' });
    await work();
    expect(await runsOf(auto.id)).toEqual([]);
    expect(await orders()).toHaveLength(before);
    await create(t.admin, 'frm_au_booking', { f_name: '孙先生', f_status: 'confirmed' });
    await work();
    expect(await runsOf(auto.id)).toHaveLength(1);
  });

  it('stops an automation that revisits its own record, with automation.loop in the run log', async () => {
    const made = await create(t.admin, 'frm_au_booking', { f_name: '周先生', f_count: 0 });
    const auto = await automation('frm_au_booking', {
      trigger: { kind: 'record.updated' },
      actions: [{ kind: 'updateRecord', values: { f_count: 'f_count + 1' } }],
    });
    const touched = await t.admin.patch(`/api/forms/frm_au_booking/records/${made.id}`, {
      rev: made.rev,
      data: { f_note: 'call back' },
    });
    expect(touched.status, JSON.stringify(touched.body)).toBe(200);
    await work();
    const runs = (await runsOf(auto.id)).reverse();
    expect(runs.map((r) => [r.status, r.depth])).toEqual([
      ['done', 1],
      ['stopped', 2],
    ]);
    expect(runs[1]!.error?.code).toBe('automation.loop');
    const record = await t.admin.get(`/api/forms/frm_au_booking/records/${made.id}`);
    expect(record.body.data.f_count).toBe(1);
  });

  it('stops an automation that comes back in its own chain through another form', async () => {
    const a = await automation('frm_au_booking', {
      trigger: { kind: 'record.created' },
      actions: [{ kind: 'createRecord', formId: 'frm_au_order', values: { f_booking: '$record.id' } }],
    });
    const b = await automation('frm_au_order', {
      trigger: { kind: 'record.created' },
      actions: [{ kind: 'createRecord', formId: 'frm_au_booking', values: { f_name: "'again'" } }],
    });
    await create(t.admin, 'frm_au_booking', { f_name: '吴先生' });
    await work();
    const runs = [...(await runsOf(a.id)), ...(await runsOf(b.id))].sort((x, y) => x.depth - y.depth);
    // booking → order (a) → booking (b) → a again, on a new record: stopped before it multiplies.
    expect(runs.map((r) => [r.status, r.depth])).toEqual([
      ['done', 1],
      ['done', 2],
      ['stopped', 3],
    ]);
    expect(runs[2]!.error?.code).toBe('automation.loop');
  });

  it('logs a failed action and undoes the actions before it', async () => {
    const auto = await automation('frm_au_booking', {
      trigger: { kind: 'record.created' },
      actions: [
        { kind: 'notify', users: [adminId], message: { zh: '坏', en: 'Broken' } },
        { kind: 'createRecord', formId: 'frm_au_order', values: { f_booking: "'not a record'" } },
      ],
    });
    const before = (await orders()).length;
    const made = await create(t.admin, 'frm_au_booking', { f_name: '冯先生' });
    await work();
    const [run] = await runsOf(auto.id);
    expect(run).toMatchObject({ status: 'failed', recordId: made.id });
    expect(run!.results.map((r) => [r.kind, r.status])).toEqual([
      ['notify', 'undone'],
      ['createRecord', 'failed'],
    ]);
    expect(run!.error?.code).toBe('automation.action.validation_failed');
    expect(await orders()).toHaveLength(before);
    const { rows } = await sql`
      select id from notifications where details->>'automationId' = ${auto.id}`.execute(t.database.db);
    expect(rows).toEqual([]);
  });

  it('writes once when a job is delivered again', async () => {
    const auto = await automation('frm_au_booking', {
      trigger: { kind: 'record.created' },
      actions: [createsOrder],
    });
    const made = await create(t.admin, 'frm_au_booking', { f_name: '郑先生' });
    await work();
    // The same event again: a second job (no dedup key, as if a retry had lost it) and a re-enqueue.
    await sql`
      insert into jobs (workspace_id, kind, payload)
      select workspace_id, kind, payload from jobs
      where kind = 'automation.run' and payload->>'automationId' = ${auto.id}`.execute(t.database.db);
    await sql`
      insert into jobs (workspace_id, kind, payload, dedup_key)
      select workspace_id, kind, payload, dedup_key from jobs
      where kind = 'automation.run' and payload->>'automationId' = ${auto.id} and dedup_key is not null
      on conflict (dedup_key) do nothing`.execute(t.database.db);
    await work();
    expect((await orders()).filter((o) => o.data.f_booking === made.id)).toHaveLength(1);
    expect(await runsOf(auto.id)).toHaveLength(1);
  });

  it('refuses a bad definition with 422 and the path of each problem', async () => {
    const post = (definition: Record<string, unknown>) =>
      t.admin.post('/api/forms/frm_au_booking/automations', {
        definition: { formId: 'frm_au_booking', title: { zh: '坏', en: 'Bad' }, ...definition },
      });
    const unknownField = await post({
      trigger: { kind: 'record.created', condition: 'f_name = ' },
      actions: [{ kind: 'createRecord', formId: 'frm_au_order', values: { f_nope: 'f_name' } }],
    });
    expect(unknownField.status).toBe(422);
    const paths = unknownField.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['/trigger/condition', '/actions/0/values/f_nope']));
    const badShape = await post({ trigger: { kind: 'record.exploded' }, actions: [createsOrder] });
    expect(badShape.status).toBe(422);
    expect(badShape.body.error.details.map((d: { path: string }) => d.path)).toContain('/trigger/kind');
    const listed = (await t.admin.get('/api/forms/frm_au_booking/automations')).body.automations;
    expect(
      listed.filter((a: { definition: { title: { en: string } } }) => a.definition.title.en === 'Bad'),
    ).toEqual([]);
  });

  it('are for managers of the form only', async () => {
    const created = await t.admin.post('/api/users', {
      email: 'clerk@dealer.test',
      name: '前台',
      password: 'password-123',
    });
    expect(created.status).toBe(201);
    const clerk = t.anonymous();
    expect((await clerk.login('clerk@dealer.test', 'password-123')).status).toBe(200);
    const auto = await automation('frm_au_booking', {
      trigger: { kind: 'record.deleted' },
      actions: [createsOrder],
    });
    expectError(await clerk.get('/api/forms/frm_au_booking/automations'), 403);
    expectError(await clerk.get(`/api/automations/${auto.id}/runs`), 403);
    expectError(await clerk.post(`/api/automations/${auto.id}/disable`, {}), 403);
    expectError(await t.admin.get('/api/automations/aut_nope'), 404);
  });

  it('write only into forms of apps the author manages: an app admin cannot reach another app through one', async () => {
    const payroll = form('frm_au_payroll', 'app_hr', '工资调整', 'Payroll change', [
      field('f_amount', 'number', '金额', 'Amount'),
    ]);
    await installForms(t.admin, [payroll]);
    const serviceAdmin = await newUser(t, 'service-admin@dealer.test', '售后经理');
    const roles = [{ subjectType: 'user', subjectId: serviceAdmin.id, role: 'admin' }];
    expect((await t.admin.put('/api/apps/app_service/roles', { roles })).status).toBe(200);
    const definition = (formId: string) => ({
      formId: 'frm_au_booking',
      title: { zh: '越权', en: 'Out of bounds' },
      trigger: { kind: 'record.created' },
      actions: [
        {
          kind: 'createRecord',
          formId,
          values: formId === 'frm_au_payroll' ? { f_amount: '99999' } : { f_customer: "'x'" },
        },
      ],
    });
    const refused = expectError(
      await serviceAdmin.client.post('/api/forms/frm_au_booking/automations', {
        definition: definition('frm_au_payroll'),
        enabled: true,
      }),
      403,
    );
    expect(refused.message).toContain('frm_au_payroll');
    // Within their own app it is theirs to make.
    const own = await serviceAdmin.client.post('/api/forms/frm_au_booking/automations', {
      definition: definition('frm_au_order'),
    });
    expect(own.status, JSON.stringify(own.body)).toBe(201);
    // Saved by a workspace admin, it is not theirs to switch on either.
    const saved = await t.admin.post('/api/forms/frm_au_booking/automations', {
      definition: definition('frm_au_payroll'),
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(201);
    expectError(await serviceAdmin.client.post(`/api/automations/${saved.body.id}/enable`, {}), 403);
    const { rows } = await sql`select 1 from records where form_id = 'frm_au_payroll'`.execute(t.database.db);
    expect(rows).toEqual([]);
  });
});
