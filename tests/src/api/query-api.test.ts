import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../support/app';
import { expectError } from '../support/client';
import { installForms } from '../support/dealership/install';
import { part } from '../support/dealership/service';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  await installForms(t.admin, [part]);
  const rows = Array.from({ length: 60 }, (_, i) => ({
    f_part_no: `Q-${String(i).padStart(3, '0')}`,
    f_name: i % 2 ? '滤清器' : '刹车片',
    f_category: i % 3 ? 'Filter' : 'Brake',
    f_price_retail: `${i * 10}.00`,
  }));
  expect((await t.admin.post('/api/forms/frm_part/records/batch', { records: rows })).status).toBe(201);
});
afterAll(() => t?.close());

describe('POST /api/forms/:formId/records/query', () => {
  it('filters, sorts, pages and counts', async () => {
    const query = {
      filter: {
        and: [
          { field: 'f_category', op: 'eq', value: 'Brake' },
          { field: 'f_price_retail', op: 'gte', value: 300 },
        ],
      },
      sort: [{ field: 'f_price_retail', dir: 'desc' }],
      limit: 5,
      count: true,
    };
    const first = await t.admin.post('/api/forms/frm_part/records/query', query);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.count).toEqual({ value: 10, capped: false });
    const second = await t.admin.post('/api/forms/frm_part/records/query', {
      ...query,
      cursor: first.body.next,
    });
    const prices = [...first.body.records, ...second.body.records].map(
      (r: { data: { f_price_retail: string } }) => Number(r.data.f_price_retail),
    );
    expect(prices).toEqual([570, 540, 510, 480, 450, 420, 390, 360, 330, 300]);
    expect(second.body.next).toBeNull();
  });

  it('answers 422 with the path of a bad condition, and 404 for an unknown form', async () => {
    const bad = await t.admin.post('/api/forms/frm_part/records/query', {
      filter: { or: [{ field: 'f_price_retail', op: 'gt', value: 'cheap' }] },
    });
    expect(expectError(bad, 422).details[0]?.path).toBe('/filter/or/0/value');
    expectError(await t.admin.post('/api/forms/frm_part/records/query', { filter: {}, extra: 1 }), 400);
    expectError(await t.admin.post('/api/forms/frm_missing/records/query', {}), 404);
  });
});

describe('exporting a saved view', () => {
  it("exports only the view's records and columns, in its order", async () => {
    const view = await t.admin.post('/api/forms/frm_part/views', {
      name: { zh: '刹车片', en: 'Brakes' },
      shared: true,
      query: {
        filter: { field: 'f_category', op: 'eq', value: 'Brake' },
        sort: [{ field: 'f_price_retail', dir: 'desc' }],
      },
      columns: [{ field: 'f_part_no' }, { field: 'f_price_retail' }],
    });
    expect(view.status, JSON.stringify(view.body)).toBe(201);
    const csv = await t.admin.get(`/api/forms/frm_part/export?format=csv&view=${view.body.id}`);
    expect(csv.status).toBe(200);
    const lines = String(csv.body)
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines).toHaveLength(21);
    expect(lines[1]).toBe('Q-057,570.00');
    expect(lines.at(-1)).toBe('Q-000,0.00');
    expectError(await t.admin.get('/api/forms/frm_part/export?format=csv&view=view_missing'), 404);
  });
});

describe('crafted cursors', () => {
  it('answer 422, never 500', async () => {
    const encode = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString('base64url');
    const sort = [{ field: 'f_price_retail' }];
    for (const values of [
      [{ a: 1 }, 'x'],
      ['not a number', 'rec_x'],
      [1, 2, 3],
    ]) {
      const response = await t.admin.post('/api/forms/frm_part/records/query', {
        sort,
        cursor: encode(values),
      });
      expect(expectError(response, 422).details[0]?.path, JSON.stringify(values)).toBe('/cursor');
    }
  });
});
