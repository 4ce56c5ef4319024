import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../support/app';
import { expectError } from '../support/client';
import { field } from '../support/dealership/fields';
import { create } from '../support/dealership/install';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  expect(
    (await t.admin.post('/api/apps', { id: 'app_service', name: { zh: '售后', en: 'Service' } })).status,
  ).toBe(201);
});
afterAll(() => t?.close());

const title = { zh: '预约', en: 'Booking' };

describe('form definitions', () => {
  it('refuses a bad definition with the path of each problem', async () => {
    const response = await t.admin.post('/api/apps/app_service/forms', {
      id: 'frm_bad',
      title,
      fields: [
        field('f_a', 'text', 'A', 'A'),
        field('f_a', 'number', 'dup', 'dup'),
        field('f_b', 'formula', 'B', 'B', { expression: 'f_a +', resultType: 'number' }),
        field('f_c', 'relation', 'C', 'C', { target: 'frm_missing' }),
        { id: 'f_d', type: 'warp-drive', label: { zh: 'D', en: 'D' } },
      ],
    });
    const paths = expectError(response, 422, 'validation_failed').details.map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['/fields/4/type']));
    const fixedType = await t.admin.post('/api/apps/app_service/forms', {
      id: 'frm_bad',
      title,
      fields: [
        field('f_a', 'text', 'A', 'A'),
        field('f_a', 'number', 'dup', 'dup'),
        field('f_b', 'formula', 'B', 'B', { expression: 'f_a +', resultType: 'number' }),
        field('f_c', 'relation', 'C', 'C', { target: 'frm_missing' }),
        field('f_x', 'formula', 'X', 'X', { expression: 'f_y + 1', resultType: 'number' }),
        field('f_y', 'formula', 'Y', 'Y', { expression: 'f_x + 1', resultType: 'number' }),
      ],
    });
    const details = expectError(fixedType, 422).details.map((d) => d.path);
    expect(details).toEqual(
      expect.arrayContaining(['/fields/1/id', '/fields/2/expression', '/fields/3/target']),
    );
    expect(details.some((p) => p === '/fields/4/expression' || p === '/fields/5/expression')).toBe(true);
    expectError(await t.admin.get('/api/forms/frm_bad'), 404);
  });

  it('publishes versions; records remember theirs; renaming is label-only; removing a field hides it', async () => {
    const created = await t.admin.post('/api/apps/app_service/forms', {
      id: 'frm_booking',
      title,
      fields: [
        field('f_name', 'text', '姓名', 'Name', { required: true }),
        field('f_km', 'text', '里程', 'Km'),
        field('f_note', 'text', '备注', 'Note'),
      ],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expectError(await t.admin.post('/api/forms/frm_booking/records', { data: { f_name: 'x' } }), 404);
    expect((await t.admin.post('/api/forms/frm_booking/publish')).body).toMatchObject({
      version: 1,
      added: ['f_name', 'f_km', 'f_note'],
    });
    const first = await create(t.admin, 'frm_booking', { f_name: '张三', f_km: '12000', f_note: '带小孩' });
    const second = await create(t.admin, 'frm_booking', { f_name: '李四', f_km: '约一万' });

    const draft = (await t.admin.get('/api/forms/frm_booking')).body.form.draft;
    draft.fields = [
      { ...draft.fields[0], label: { zh: '客户姓名', en: 'Customer name' } },
      { ...draft.fields[1], type: 'number', precision: 0 },
    ];
    expect((await t.admin.put('/api/forms/frm_booking', draft)).status).toBe(200);
    const preview = await t.admin.post('/api/forms/frm_booking/publish?dryRun=true');
    expect(preview.body.typeChanges).toEqual([
      {
        fieldId: 'f_km',
        from: 'text',
        to: 'number',
        converted: 1,
        failed: [{ recordId: second.id, value: '约一万', message: expect.any(String) }],
      },
    ]);
    expect((await t.admin.get(`/api/forms/frm_booking/records/${second.id}`)).body.data.f_km).toBe('约一万');

    const published = await t.admin.post('/api/forms/frm_booking/publish');
    expect(published.body).toMatchObject({
      version: 2,
      renamed: [{ fieldId: 'f_name', from: '姓名', to: '客户姓名' }],
      hidden: ['f_note'],
    });
    const after = (await t.admin.get(`/api/forms/frm_booking/records/${first.id}`)).body;
    expect(after.data).toMatchObject({ f_name: '张三', f_km: 12000, f_note: '带小孩' });
    expect(after.formVersion).toBe(1);
    const kept = (await t.admin.get(`/api/forms/frm_booking/records/${second.id}`)).body;
    expect(kept.data.f_km).toBeNull();
    expect(kept.unconverted).toEqual({ f_km: { type: 'text', value: '约一万' } });

    const definition = (await t.admin.get('/api/forms/frm_booking')).body.published;
    expect(definition.fields.find((f: { id: string }) => f.id === 'f_note')).toMatchObject({ hidden: true });
    const third = await create(t.admin, 'frm_booking', {
      f_name: '王五',
      f_km: '3,500',
      f_note: 'ignored: hidden',
    });
    expect(third.data).toEqual(expect.objectContaining({ f_name: '王五', f_km: 3500 }));
    expect(third.data.f_note).toBeUndefined();
    expect((await t.admin.get(`/api/forms/frm_booking/records/${third.id}`)).body.formVersion).toBe(2);
  });

  it('lists versions with their record counts and serves each version as it was', async () => {
    const versions = (await t.admin.get('/api/forms/frm_booking/versions')).body.versions;
    expect(versions.map((v: { version: number; records: number }) => [v.version, v.records])).toEqual([
      [2, 1],
      [1, 2],
    ]);
    const first = (await t.admin.get('/api/forms/frm_booking/versions/1')).body;
    expect(first.fields.map((f: { id: string; type: string }) => [f.id, f.type])).toEqual([
      ['f_name', 'text'],
      ['f_km', 'text'],
      ['f_note', 'text'],
    ]);
    expectError(await t.admin.get('/api/forms/frm_booking/versions/9'), 404);
    // Numbers beyond the database's integers are refused as input, never a 500.
    expectError(await t.admin.get('/api/forms/frm_booking/versions/99999999999'), 400);
    expectError(await t.admin.patch('/api/apps/app_service', { sort: 99_999_999_999 }), 400);
  });

  it('fills a default by data linkage from another form', async () => {
    const priceList = [
      field('f_model', 'text', '车型', 'Model', { unique: true }),
      field('f_msrp', 'money', '指导价', 'MSRP'),
    ];
    const quote = [
      field('f_model', 'text', '车型', 'Model'),
      field('f_msrp', 'money', '指导价', 'MSRP', {
        default: {
          kind: 'linkage',
          form: 'frm_price_list',
          field: 'f_msrp',
          match: [{ sourceField: 'f_model', thisField: 'f_model' }],
        },
      }),
    ];
    for (const [id, fields] of [
      ['frm_price_list', priceList],
      ['frm_quick_quote', quote],
    ] as const) {
      expect((await t.admin.post('/api/apps/app_service/forms', { id, title, fields })).status).toBe(201);
      expect((await t.admin.post(`/api/forms/${id}/publish`)).status).toBe(200);
    }
    await create(t.admin, 'frm_price_list', { f_model: '雅阁 260TURBO', f_msrp: '179800' });
    expect((await create(t.admin, 'frm_quick_quote', { f_model: '雅阁 260TURBO' })).data.f_msrp).toBe(
      '179800.00',
    );
    expect(
      (await create(t.admin, 'frm_quick_quote', { f_model: '未知车型' })).data.f_msrp ?? null,
    ).toBeNull();
    expect(
      (await create(t.admin, 'frm_quick_quote', { f_model: '雅阁 260TURBO', f_msrp: '1' })).data.f_msrp,
    ).toBe('1.00');
  });

  it('lets only admins change forms', async () => {
    await t.admin.post('/api/users', {
      email: 'advisor@dealer.test',
      name: '顾问',
      password: 'password-123',
    });
    const advisor = t.anonymous();
    await advisor.login('advisor@dealer.test', 'password-123');
    expectError(await advisor.post('/api/apps', { name: title }), 403);
    expectError(await advisor.post('/api/forms/frm_booking/publish'), 403);
    expect((await advisor.get('/api/apps')).status).toBe(200);
  });
});

describe('hostile expressions', () => {
  /** Each must be refused (at design time or when evaluated), except the regex, which RE2 answers fast. */
  const hostile: [string, string, 'refused' | 0][] = [
    ['unbounded recursion', '($f := function($n){ $f($n + 1) }; $f(0))', 'refused'],
    ['deep recursion', '($f := function($n){ 1 + $f($n + 1) }; $f(0))', 'refused'],
    ['a huge range', '$count([0..100000000])', 'refused'],
    ['a range from data', '$count([1..f_n])', 'refused'],
    ['prototype write', '$merge([{}, {"__proto__": {"polluted": true}}])', 'refused'],
    ['catastrophic regex', '$match("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!", /(a+)+$/) ? 1 : 0', 0],
  ];

  // A form, a publish and a record per hostile expression, each stopped by its CPU budget: tens of
  // requests whose wall time follows the machine's load, hence the longer limit for the whole case.
  it('are stopped at design time or within the evaluation deadline, and the server keeps answering', async () => {
    for (const [index, [name, expression, expected]] of hostile.entries()) {
      const form = `frm_hostile_${index}`;
      const made = await t.admin.post('/api/apps/app_service/forms', {
        id: form,
        title,
        fields: [
          field('f_n', 'number', 'N', 'N', { precision: 0 }),
          field('f_h', 'formula', 'H', 'H', { expression, resultType: 'number' }),
        ],
      });
      if (made.status === 422) {
        expect(expected, `${name} was refused at design time`).toBe('refused');
        // Refused before it can ever run (huge literal ranges, prototype keys): the path names the formula.
        expect(expectError(made, 422).details[0]?.path, name).toBe('/fields/1/expression');
        continue;
      }
      expect(made.status, `${name}: ${JSON.stringify(made.body)}`).toBe(201);
      await t.admin.post(`/api/forms/${form}/publish`);
      const started = performance.now();
      const [response, health] = await Promise.all([
        t.admin.post(`/api/forms/${form}/records`, { data: { f_n: 100_000_000 } }),
        t.anonymous().get('/api/health'),
      ]);
      // The evaluation itself stops at 100 ms of CPU (unit-tested in expressions/guardrails). The whole
      // request's wall time depends on what else the machine runs, so only a runaway is refused here.
      expect(performance.now() - started, name).toBeLessThan(5_000);
      expect(health.status).toBe(200);
      if (expected === 'refused') expect(expectError(response, 422).details[0]?.path, name).toBe('/f_h');
      else expect(response.body.data.f_h, name).toBe(expected);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    }
  }, 120_000);
});
