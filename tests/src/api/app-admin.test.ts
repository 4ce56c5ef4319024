import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grant, newUser } from '../support/access';
import { type TestApp, testApp } from '../support/app';
import { type Client, expectError } from '../support/client';
import { installForms } from '../support/dealership/install';
import { lead } from '../support/dealership/sales';
import { part } from '../support/dealership/service';

let t: TestApp;
/** Admin of app_sales only. */
let salesAdmin: { id: string; client: Client };
/** Holds one set on the lead form: view and create, the name and mobile only. */
let consultant: { id: string; client: Client };
/** Holds nothing. */
let outsider: { id: string; client: Client };

const draft = {
  title: { zh: '试驾', en: 'Test drive' },
  fields: [{ id: 'f_plate', type: 'text', label: { zh: '车牌', en: 'Plate' } }],
};

beforeAll(async () => {
  t = await testApp();
  await installForms(t.admin, [lead, part]);
  salesAdmin = await newUser(t, 'sales-admin@dealer.test', '销售经理');
  consultant = await newUser(t, 'consultant@dealer.test', '陈顾问');
  outsider = await newUser(t, 'outsider@dealer.test', '外人');
  const roles = [{ subjectType: 'user', subjectId: salesAdmin.id, role: 'admin' }];
  expect((await t.admin.put('/api/apps/app_sales/roles', { roles })).status).toBe(200);
  await grant(t.admin, lead.id, {
    actions: ['view', 'create'],
    scope: { kind: 'own' },
    readFields: ['f_name', 'f_mobile'],
    users: [consultant.id],
  });
});
afterAll(() => t?.close());

describe('an app admin', () => {
  it('builds, saves and publishes forms of their app, and reads its versions', async () => {
    const created = await salesAdmin.client.post('/api/apps/app_sales/forms', {
      id: 'frm_test_drive',
      ...draft,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const saved = await salesAdmin.client.put('/api/forms/frm_test_drive', {
      ...created.body.draft,
      fields: [...draft.fields, { id: 'f_km', type: 'number', label: { zh: '里程', en: 'Km' } }],
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect((await salesAdmin.client.post('/api/forms/frm_test_drive/publish')).status).toBe(200);
    expect((await salesAdmin.client.get('/api/forms/frm_test_drive/versions')).body.versions).toHaveLength(1);
    const form = await salesAdmin.client.get('/api/forms/frm_test_drive');
    expect(form.body).toMatchObject({ manages: true, actions: expect.arrayContaining(['view', 'import']) });
  });

  it('may not touch another app, nor may members or people without a role', async () => {
    expectError(await salesAdmin.client.post('/api/apps/app_service/forms', draft), 403, 'forbidden');
    expectError(await salesAdmin.client.post(`/api/forms/${part.id}/publish`), 403, 'forbidden');
    expectError(await salesAdmin.client.get(`/api/forms/${part.id}/versions`), 403, 'forbidden');
    expectError(await consultant.client.post('/api/apps/app_sales/forms', draft), 403, 'forbidden');
    expectError(await consultant.client.put(`/api/forms/${lead.id}`, draft), 403, 'forbidden');
    expectError(await outsider.client.post(`/api/forms/${lead.id}/publish`), 403, 'forbidden');
    expect((await t.database.db.selectFrom('forms').select('id').execute()).map((f) => f.id).sort()).toEqual(
      [lead.id, part.id, 'frm_test_drive'].sort(),
    );
  });
});

describe('what people see of apps and forms', () => {
  it('lists only the apps a user holds a role or a set in', async () => {
    const ids = async (client: Client) =>
      ((await client.get('/api/apps')).body.apps as { id: string }[]).map((a) => a.id).sort();
    expect(await ids(t.admin)).toEqual(['app_sales', 'app_service']);
    expect(await ids(salesAdmin.client)).toEqual(['app_sales']);
    expect(await ids(consultant.client)).toEqual(['app_sales']);
    expect(await ids(outsider.client)).toEqual([]);
    expectError(await outsider.client.get('/api/apps/app_sales'), 404, 'not_found');
    expectError(await consultant.client.get('/api/apps/app_service'), 404, 'not_found');
  });

  it('shows a member only the forms and fields their sets give them, and what they may do', async () => {
    const app = (await consultant.client.get('/api/apps/app_sales')).body;
    expect(app.forms.map((f: { id: string }) => f.id)).toEqual([lead.id]);
    const form = (await consultant.client.get(`/api/forms/${lead.id}`)).body;
    expect(form.actions).toEqual(['view', 'create']);
    expect(form.manages).toBe(false);
    expect(form.published.fields.map((f: { id: string }) => f.id)).toEqual(['f_name', 'f_mobile']);
    expect(JSON.stringify(form)).not.toContain('f_intent');
    expect(form.form.draft).toEqual(form.published);
    expectError(await consultant.client.get(`/api/forms/${part.id}`), 404, 'not_found');
    expectError(await outsider.client.get(`/api/forms/${lead.id}`), 404, 'not_found');
  });
});
