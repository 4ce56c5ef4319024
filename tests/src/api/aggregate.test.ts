import type { FormDefinition } from '@forecourt/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grant, newUser } from '../support/access';
import { type TestApp, testApp } from '../support/app';
import { type Client, expectError } from '../support/client';
import { create, installForms } from '../support/dealership/install';

/**
 * POST /api/forms/:formId/records/aggregate (issue 17, item 1): counts and sums by a field and by a
 * date bucket in Shanghai time, exact money, and the access test: two users with different row scopes
 * and one hidden money field see different totals, each equal to a hand count over their rows.
 */
const label = (en: string) => ({ zh: en, en });
const order: FormDefinition = {
  id: 'frm_agg_order',
  app: 'app_service',
  title: label('Order'),
  fields: [
    {
      id: 'f_kind',
      type: 'select',
      label: label('Kind'),
      options: [
        { value: 'A', label: label('A') },
        { value: 'B', label: label('B') },
      ],
    },
    { id: 'f_amount', type: 'money', label: label('Amount') },
    { id: 'f_cost', type: 'money', label: label('Cost') },
    { id: 'f_qty', type: 'number', label: label('Qty') },
    { id: 'f_day', type: 'date', label: label('Day') },
    { id: 'f_at', type: 'datetime', label: label('At') },
  ],
} as FormDefinition;

const tagged = {
  id: 'frm_agg_tagged',
  app: 'app_service',
  title: label('Tagged'),
  fields: [
    {
      id: 'f_tags',
      type: 'multiselect',
      label: label('Tags'),
      options: ['x', 'y'].map((value) => ({ value, label: label(value) })),
    },
  ],
} as FormDefinition;

const base = `/api/forms/${order.id}/records`;
let t: TestApp;
let own: { id: string; client: Client };
let all: { id: string; client: Client };

beforeAll(async () => {
  t = await testApp();
  await installForms(t.admin, [order]);
  own = await newUser(t, 'own@agg.test', '自己');
  all = await newUser(t, 'all@agg.test', '全部');
  const visible = ['f_kind', 'f_amount', 'f_qty', 'f_day', 'f_at'];
  await grant(t.admin, order.id, {
    name: 'Own orders, no cost',
    actions: ['view', 'create'],
    readFields: visible,
    writeFields: visible,
    scope: { kind: 'own' },
    users: [own.id],
  });
  await grant(t.admin, order.id, {
    name: 'All orders',
    actions: ['view'],
    scope: { kind: 'all' },
    users: [all.id],
  });
  // 2026-11-30T17:00Z is 1 December 01:00 in Shanghai; 15:59Z is still 30 November.
  const byAdmin = [
    {
      f_kind: 'A',
      f_amount: '0.10',
      f_cost: '5.00',
      f_qty: 1,
      f_day: '2026-11-15',
      f_at: '2026-11-30T17:00:00Z',
    },
    {
      f_kind: 'A',
      f_amount: '0.20',
      f_cost: '7.00',
      f_qty: 2,
      f_day: '2026-12-01',
      f_at: '2026-11-30T15:59:00Z',
    },
    {
      f_kind: 'B',
      f_amount: '10.00',
      f_cost: '1.00',
      f_qty: 3,
      f_day: '2026-12-20',
      f_at: '2026-10-05T02:00:00Z',
    },
  ];
  for (const data of byAdmin) await create(t.admin, order.id, data);
  // 2026-12-31T16:30Z is 1 January 2027 in Shanghai.
  await create(own.client, order.id, {
    f_kind: 'B',
    f_amount: '2.50',
    f_qty: 4,
    f_day: '2026-12-02',
    f_at: '2026-12-10T04:00:00Z',
  });
  await create(own.client, order.id, {
    f_kind: 'A',
    f_amount: '1.00',
    f_qty: 5,
    f_day: '2027-01-05',
    f_at: '2026-12-31T16:30:00Z',
  });
});
afterAll(() => t?.close());

const aggregate = async (client: Client, body: unknown) => {
  const response = await client.post(`${base}/aggregate`, body);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body as { rows: Record<string, unknown>[]; truncated: boolean };
};

describe('grouping and measures', () => {
  it('counts and sums by a select field, money exactly as decimal text', async () => {
    const answer = await aggregate(t.admin, {
      dimensions: [{ field: 'f_kind' }],
      measures: [{ op: 'count' }, { op: 'sum', field: 'f_amount' }, { op: 'sum', field: 'f_qty', as: 'qty' }],
    });
    expect(answer).toEqual({
      rows: [
        { f_kind: 'A', count: 3, 'sum:f_amount': '1.30', qty: 8 },
        { f_kind: 'B', count: 2, 'sum:f_amount': '12.50', qty: 7 },
      ],
      truncated: false,
    });
  });

  it('sums 0.10 + 0.20 to exactly "0.30"', async () => {
    const answer = await aggregate(t.admin, {
      measures: [{ op: 'sum', field: 'f_amount', as: 'total' }],
      filter: { field: 'f_amount', op: 'lt', value: 1 },
    });
    expect(answer.rows).toEqual([{ total: '0.30' }]);
  });

  it('buckets a date-time by month in Shanghai time, across midnight', async () => {
    const answer = await aggregate(t.admin, {
      dimensions: [{ field: 'f_at', bucket: 'month' }],
      measures: [{ op: 'count' }],
    });
    expect(answer.rows).toEqual([
      { 'f_at:month': '2026-10-01', count: 1 },
      { 'f_at:month': '2026-11-01', count: 1 },
      { 'f_at:month': '2026-12-01', count: 2 },
      { 'f_at:month': '2027-01-01', count: 1 },
    ]);
    const day = await aggregate(t.admin, {
      dimensions: [{ field: 'f_at', bucket: 'day' }],
      measures: [{ op: 'count' }],
      filter: { field: 'f_kind', op: 'eq', value: 'A' },
    });
    expect(day.rows.map((r) => r['f_at:day'])).toEqual(['2026-11-30', '2026-12-01', '2027-01-01']);
  });

  it('buckets a date by month and the record’s creation by year, and sorts and limits', async () => {
    const answer = await aggregate(t.admin, {
      dimensions: [{ field: 'f_day', bucket: 'month' }],
      measures: [
        { op: 'count', as: 'n' },
        { op: 'max', field: 'f_amount' },
      ],
      sort: [{ by: 'n', dir: 'desc' }],
      limit: 2,
    });
    expect(answer).toEqual({
      rows: [
        { 'f_day:month': '2026-12-01', n: 3, 'max:f_amount': '10.00' },
        { 'f_day:month': '2026-11-01', n: 1, 'max:f_amount': '0.10' },
      ],
      truncated: true,
    });
    const created = await aggregate(t.admin, {
      dimensions: [{ field: '_created_at', bucket: 'year' }],
      measures: [
        { op: 'countDistinct', field: 'f_kind' },
        { op: 'min', field: 'f_day' },
      ],
    });
    expect(created.rows).toHaveLength(1);
    expect(created.rows[0]).toMatchObject({ 'countDistinct:f_kind': 2, 'min:f_day': '2026-11-15' });
  });

  it('groups by people as ids, and a list field under each of its values', async () => {
    const owners = await aggregate(t.admin, {
      dimensions: [{ field: '_owner' }],
      measures: [{ op: 'count' }],
    });
    const byOwner = Object.fromEntries(owners.rows.map((r) => [r._owner, r.count]));
    expect(byOwner[own.id]).toBe(2);
    expect(Object.values(byOwner).reduce((a, b) => Number(a) + Number(b), 0)).toBe(5);
    await installForms(t.admin, [tagged]);
    for (const f_tags of [['x', 'y'], ['x'], []]) await create(t.admin, tagged.id, { f_tags });
    const tags = await t.admin.post(`/api/forms/${tagged.id}/records/aggregate`, {
      dimensions: [{ field: 'f_tags' }],
      measures: [{ op: 'count' }],
    });
    expect(tags.status, JSON.stringify(tags.body)).toBe(200);
    expect(tags.body.rows).toEqual([
      { f_tags: 'x', count: 2 },
      { f_tags: 'y', count: 1 },
      { f_tags: null, count: 1 },
    ]);
  });

  it('refuses what a field type does not group or summarise, with path and code', async () => {
    const bad = expectError(
      await t.admin.post(`${base}/aggregate`, {
        dimensions: [{ field: 'f_amount' }, { field: 'f_kind', bucket: 'month' }],
        measures: [{ op: 'sum', field: 'f_kind' }],
        sort: [{ by: 'nothing' }],
      }),
      422,
    );
    expect(bad.details.map((d) => [d.path, d.code])).toEqual([
      ['/dimensions/0/field', 'aggregate.not_groupable'],
      ['/dimensions/1/bucket', 'aggregate.bucket'],
      ['/measures/0/op', 'aggregate.op_not_applicable'],
      ['/sort/0/by', 'aggregate.sort_key'],
    ]);
    expectError(
      await t.admin.post('/api/forms/frm_missing/records/aggregate', { measures: [{ op: 'count' }] }),
      404,
    );
  });
});

describe('access: the same rows and fields as lists', () => {
  it('gives each user totals over exactly the rows they may read', async () => {
    const query = {
      dimensions: [{ field: 'f_kind' }],
      measures: [{ op: 'count' }, { op: 'sum', field: 'f_amount' }],
    };
    // Own: the two records they created (B 2.50, A 1.00).
    expect((await aggregate(own.client, query)).rows).toEqual([
      { f_kind: 'A', count: 1, 'sum:f_amount': '1.00' },
      { f_kind: 'B', count: 1, 'sum:f_amount': '2.50' },
    ]);
    // All: the five records.
    expect((await aggregate(all.client, query)).rows).toEqual([
      { f_kind: 'A', count: 3, 'sum:f_amount': '1.30' },
      { f_kind: 'B', count: 2, 'sum:f_amount': '12.50' },
    ]);
    expect(
      (await aggregate(all.client, { measures: [{ op: 'sum', field: 'f_cost', as: 'cost' }] })).rows,
    ).toEqual([{ cost: '13.00' }]);
  });

  it('refuses a hidden field as measure, dimension and filter, as a list refuses it in a filter', async () => {
    const refused = async (body: unknown, path: string) => {
      const error = expectError(await own.client.post(`${base}/aggregate`, body), 422, 'validation_failed');
      expect(error.details.map((d) => d.path)).toEqual([path]);
      expect(JSON.stringify(error)).not.toContain('13.00');
    };
    await refused({ measures: [{ op: 'sum', field: 'f_cost' }] }, '/measures/0/field');
    await refused({ dimensions: [{ field: 'f_cost' }], measures: [{ op: 'count' }] }, '/dimensions/0/field');
    const filter = { field: 'f_cost', op: 'gt', value: 1 };
    await refused({ measures: [{ op: 'count' }], filter }, '/filter/field');
    const list = expectError(await own.client.post(`${base}/query`, { filter }), 422);
    expect(list.details.map((d) => d.path)).toEqual(['/filter/field']);
  });

  it('is refused to a user without the view right', async () => {
    const stranger = await newUser(t, 'none@agg.test', '无权');
    const response = await stranger.client.post(`${base}/aggregate`, { measures: [{ op: 'count' }] });
    expect([403, 404]).toContain(response.status);
  });
});
