import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../support/app';
import { expectError } from '../support/client';
import { field, form } from '../support/dealership/fields';
import { installForms } from '../support/dealership/install';

/**
 * A trade-in appraisal a customer starts from a link: the customer gives name, mobile and mileage;
 * the store's discount, its internal section and everything computed from them stay out of the link.
 */
const appraisal = {
  ...form('frm_tradein', 'app_sales', '置换评估', 'Trade-in appraisal', [
    field('f_name', 'text', '姓名', 'Name', { required: true, layout: { section: 'customer' } }),
    field('f_mobile', 'phone', '手机', 'Mobile', { layout: { section: 'customer' } }),
    field('f_km', 'number', '里程', 'Mileage', { layout: { section: 'customer' } }),
    field('f_km_note', 'formula', '里程说明', 'Mileage note', {
      expression: '"km:" & f_km',
      resultType: 'text',
    }),
    field('f_discount', 'number', '内部折让', 'Internal discount', {
      layout: { section: 'internal' },
      default: { kind: 'value', value: 500 },
    }),
    field('f_offer', 'formula', '报价', 'Offer', {
      expression: 'f_km * 2 - f_discount',
      resultType: 'number',
    }),
    field('f_vip_note', 'text', '贵宾备注', 'VIP note', {
      visibleIf: 'f_discount > 1000',
      layout: { section: 'customer' },
    }),
    field('f_advisor', 'member', '顾问', 'Advisor'),
    field('f_old', 'text', '旧字段', 'Old field', { hidden: true }),
  ]),
  sections: [
    { id: 'customer', title: { zh: '客户', en: 'Customer' } },
    { id: 'internal', title: { zh: '内部', en: 'Internal only' } },
  ],
};

let t: TestApp;

const visit = (token: string) => t.anonymous().get(`/api/public/${token}`);
const fill = (token: string, data: Record<string, unknown>) =>
  t.anonymous().post(`/api/public/${token}/records`, { data });
const create = (settings: Record<string, unknown>) =>
  t.admin.post('/api/forms/frm_tradein/public-links', { kind: 'fill', ...settings });

async function newLink(settings: Record<string, unknown>) {
  const response = await create(settings);
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body as { id: string; token: string; fillFields: string[] };
}

async function stored() {
  const { rows } = await sql<{ data: Record<string, unknown> }>`
    select data from records where form_id = 'frm_tradein' order by created_at, id`.execute(t.database.db);
  return rows.map((r) => r.data);
}

const LISTED = ['f_name', 'f_mobile', 'f_km', 'f_km_note', 'f_offer', 'f_vip_note'];

beforeAll(async () => {
  t = await testApp();
  // Made without its sections (a new form's fields cannot name one yet), then saved whole and republished.
  const { sections: _, ...withoutSections } = appraisal;
  await installForms(t.admin, [
    { ...withoutSections, fields: appraisal.fields.map(({ layout: _l, ...f }) => f) } as typeof appraisal,
  ]);
  const saved = await t.admin.put('/api/forms/frm_tradein', appraisal);
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  expect((await t.admin.post('/api/forms/frm_tradein/publish')).status).toBe(200);
});
afterAll(() => t?.close());

describe("a fill link's field list", () => {
  it('shows only the listed fields, and nothing of the others', async () => {
    const link = await newLink({ name: 'Trade-in QR', fillFields: LISTED });
    expect(link.fillFields).toEqual(LISTED);
    const opened = await visit(link.token);
    expect(opened.status, JSON.stringify(opened.body)).toBe(200);
    const { form: shown } = opened.body;
    // f_offer reads the unlisted discount, so it would show it: it is left out too.
    expect(shown.fields.map((f: { id: string }) => f.id)).toEqual([
      'f_name',
      'f_mobile',
      'f_km',
      'f_km_note',
      'f_vip_note',
    ]);
    expect(shown.sections).toEqual([{ id: 'customer', title: { zh: '客户', en: 'Customer' } }]);
    // The rule reading the discount is not sent; the server still applies it.
    expect(shown.fields.find((f: { id: string }) => f.id === 'f_vip_note').visibleIf).toBeUndefined();
    const text = JSON.stringify(opened.body);
    for (const secret of [
      'f_discount',
      'Internal discount',
      'Internal only',
      'f_advisor',
      'f_old',
      'f_offer',
    ])
      expect(text).not.toContain(secret);
  });

  it('refuses any other field with its path and a coded reason, storing nothing', async () => {
    const link = await newLink({ name: 'Trade-in mail', fillFields: ['f_name', 'f_km', 'f_km_note'] });
    const before = (await stored()).length;
    const cases: [string, unknown, string][] = [
      ['f_discount', 5000, 'public_link.field_not_listed'],
      ['f_mobile', '13800138000', 'public_link.field_not_listed'],
      ['f_vip_note', 'free car', 'public_link.field_not_listed'],
      ['f_old', 'x', 'public_link.field_not_listed'],
      ['f_km_note', 'km:0', 'public_link.field_read_only'],
    ];
    for (const [key, value, code] of cases) {
      const refused = expectError(
        await fill(link.token, { f_name: '陈先生', [key]: value }),
        422,
        'validation_failed',
      );
      expect(refused.details).toEqual([
        { path: `/${key}`, message: expect.any(String), code, params: { field: key } },
      ]);
    }
    expect(await stored()).toHaveLength(before);

    const sent = await fill(link.token, { f_name: '陈先生', f_km: 42000 });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    const data = (await stored()).at(-1)!;
    // Unlisted fields get no value from the visitor; defaults and formulas still apply.
    expect(data).toMatchObject({ f_name: '陈先生', f_km: 42000, f_discount: 500, f_offer: 83500 });
    expect(data.f_mobile ?? null).toBeNull();
  });

  it('defaults to every field the page could show when none is given', async () => {
    const link = await newLink({ name: 'Default fields' });
    expect(link.fillFields).toEqual([
      'f_name',
      'f_mobile',
      'f_km',
      'f_km_note',
      'f_discount',
      'f_offer',
      'f_vip_note',
    ]);
    const opened = await visit(link.token);
    expect(opened.body.form.fields.map((f: { id: string }) => f.id)).toEqual(link.fillFields);
    expect(opened.body.form.sections).toHaveLength(2);
  });

  it('checks the list when a link is made or changed, naming each bad entry', async () => {
    const details = async (response: Awaited<ReturnType<typeof create>>) =>
      expectError(response, 422, 'validation_failed').details.map(({ path, code, params }) => ({
        path,
        code,
        params,
      }));
    expect(
      await details(
        await create({ name: 'Bad', fillFields: ['f_nope', 'f_advisor', 'f_name', 'f_old', 'f_name'] }),
      ),
    ).toEqual([
      { path: '/fillFields/0', code: 'public_link.field_unknown', params: { field: 'f_nope' } },
      {
        path: '/fillFields/1',
        code: 'public_link.field_not_public',
        params: { field: 'f_advisor', type: 'member' },
      },
      { path: '/fillFields/3', code: 'public_link.field_unknown', params: { field: 'f_old' } },
      { path: '/fillFields/4', code: 'public_link.field_duplicate', params: { field: 'f_name' } },
    ]);
    expect(await details(await create({ name: 'Empty', fillFields: [] }))).toEqual([
      { path: '/fillFields', code: 'public_link.fields_empty', params: undefined },
    ]);
    expect(
      await details(
        await create({
          kind: 'query',
          name: 'Query',
          queryFields: ['f_mobile'],
          resultFields: ['f_name'],
          fillFields: ['f_name'],
        }),
      ),
    ).toEqual([{ path: '/fillFields', code: 'public_link.fill_fields_on_query', params: undefined }]);

    const link = await newLink({ name: 'To change', fillFields: ['f_name'] });
    expect(
      await details(
        await t.admin.patch(`/api/public-links/${link.id}`, { fillFields: ['f_discount', 'f_zz'] }),
      ),
    ).toEqual([{ path: '/fillFields/1', code: 'public_link.field_unknown', params: { field: 'f_zz' } }]);
    const unchanged = await visit(link.token);
    expect(unchanged.body.form.fields.map((f: { id: string }) => f.id)).toEqual(['f_name']);

    const changed = await t.admin.patch(`/api/public-links/${link.id}`, { fillFields: ['f_km', 'f_name'] });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body.fillFields).toEqual(['f_km', 'f_name']);
    const renamed = await t.admin.patch(`/api/public-links/${link.id}`, { name: 'Renamed' });
    expect(renamed.body.fillFields).toEqual(['f_km', 'f_name']);
    // Shown in the form's order, not the list's.
    expect((await visit(link.token)).body.form.fields.map((f: { id: string }) => f.id)).toEqual([
      'f_name',
      'f_km',
    ]);
    expectError(await fill(link.token, { f_name: 'x', f_mobile: '13800138000' }), 422, 'validation_failed');
  });
});
