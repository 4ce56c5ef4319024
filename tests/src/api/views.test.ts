import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grant } from '../support/access';
import { type TestApp, testApp } from '../support/app';
import type { Client } from '../support/client';
import { expectError } from '../support/client';
import { installSales, lead, quote } from '../support/dealership/sales';

let t: TestApp;
let consultant: Client;
let colleague: Client;

async function login(email: string, name: string): Promise<Client> {
  const password = 'password-123';
  expect((await t.admin.post('/api/users', { email, name, password })).status).toBe(201);
  const client = t.anonymous();
  expect((await client.login(email, password)).status).toBe(200);
  return client;
}

beforeAll(async () => {
  t = await testApp();
  await installSales(t.admin);
  consultant = await login('consultant@dealer.test', '销售顾问张三');
  colleague = await login('colleague@dealer.test', '销售顾问李四');
  // Saved views are for those who may view the form's records: both consultants manage their own leads.
  const users = ((await t.admin.get('/api/users')).body.users as { id: string; email: string }[])
    .filter((u) => u.email !== 'admin@dealer.test')
    .map((u) => u.id);
  for (const form of [lead, quote]) await grant(t.admin, form.id, { preset: 'submitAndManageOwn', users });
});
afterAll(() => t?.close());

const hotLeads = {
  name: { zh: '本周高意向', en: 'Hot this week' },
  query: {
    filter: {
      and: [
        { field: 'f_intent', op: 'in', value: ['H', 'A'] },
        { field: 'f_next_follow_up', op: 'nextDays', value: 7 },
        { rows: 'f_follow_ups', where: { field: 'f_type', op: 'eq', value: 'Visit' } },
        {
          or: [
            { field: '_owner', op: 'isMe' },
            { field: 'f_source', op: 'eq', value: 'Referral' },
          ],
        },
      ],
    },
    sort: [{ field: 'f_next_follow_up', dir: 'asc' }],
    search: '陈',
  },
  columns: [{ field: 'f_name', width: 120 }, { field: 'f_mobile' }, { field: '_created_at' }],
};

const names = (views: { name: { en: string } }[]) => views.map((v) => v.name.en);

describe('saved views', () => {
  it('shows shared views to everyone and personal views only to their owner', async () => {
    const shared = await t.admin.post('/api/forms/frm_lead/views', { ...hotLeads, shared: true });
    expect(shared.status, JSON.stringify(shared.body)).toBe(201);
    expect(shared.body).toMatchObject({
      ...hotLeads,
      shared: true,
      ownerId: null,
      formId: 'frm_lead',
      sort: 0,
    });

    const mine = await consultant.post('/api/forms/frm_lead/views', {
      name: { zh: '我的线索', en: 'My leads' },
      query: { filter: { field: '_owner', op: 'isMe' } },
      sort: 1,
    });
    expect(mine.status, JSON.stringify(mine.body)).toBe(201);
    expect(mine.body).toMatchObject({ shared: false, columns: [] });

    expect(names((await consultant.get('/api/forms/frm_lead/views')).body.views)).toEqual([
      'Hot this week',
      'My leads',
    ]);
    expect(names((await colleague.get('/api/forms/frm_lead/views')).body.views)).toEqual(['Hot this week']);
    expect(names((await t.admin.get('/api/forms/frm_lead/views')).body.views)).toEqual(['Hot this week']);
    expect((await colleague.get(`/api/views/${shared.body.id}`)).body.query).toEqual(hotLeads.query);
    expectError(await colleague.get(`/api/views/${mine.body.id}`), 404, 'not_found');
    expectError(await t.admin.get(`/api/views/${mine.body.id}`), 404, 'not_found');
    expect((await t.admin.get('/api/forms/frm_quote/views')).body.views).toEqual([]);
    expectError(await t.admin.get('/api/forms/frm_nope/views'), 404);
  });

  it('lets only admins create or change shared views, and only owners change personal ones', async () => {
    expectError(
      await consultant.post('/api/forms/frm_lead/views', {
        name: { zh: '全员', en: 'Everyone' },
        shared: true,
      }),
      403,
      'forbidden',
    );
    const shared = (
      await t.admin.post('/api/forms/frm_lead/views', { name: { zh: '全部', en: 'All' }, shared: true })
    ).body;
    expectError(
      await consultant.patch(`/api/views/${shared.id}`, { name: { zh: '改', en: 'Mine now' } }),
      403,
    );
    expectError(await consultant.delete(`/api/views/${shared.id}`), 403);
    const renamed = await t.admin.patch(`/api/views/${shared.id}`, {
      name: { zh: '全部线索', en: 'All leads' },
      sort: 5,
    });
    expect(renamed.body).toMatchObject({ name: { en: 'All leads' }, sort: 5, shared: true });

    const personal = (
      await consultant.post('/api/forms/frm_lead/views', { name: { zh: '草稿', en: 'Draft' } })
    ).body;
    expectError(await colleague.patch(`/api/views/${personal.id}`, { name: { zh: 'x', en: 'x' } }), 404);
    expectError(await colleague.delete(`/api/views/${personal.id}`), 404);
    expectError(await t.admin.patch(`/api/views/${personal.id}`, { name: { zh: 'x', en: 'x' } }), 404);
    const changed = await consultant.patch(`/api/views/${personal.id}`, {
      columns: [{ field: 'f_source', width: 80 }],
      query: { sort: [{ field: '_updated_at', dir: 'desc' }] },
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body).toMatchObject({
      name: { en: 'Draft' },
      columns: [{ field: 'f_source', width: 80 }],
    });
    expect((await consultant.delete(`/api/views/${personal.id}`)).status).toBe(204);
    expectError(await consultant.get(`/api/views/${personal.id}`), 404);
    expect((await t.admin.delete(`/api/views/${shared.id}`)).status).toBe(204);
  });

  it('names each bad column, field or operator with its path (422)', async () => {
    const refused = async (body: Record<string, unknown>) =>
      expectError(
        await consultant.post('/api/forms/frm_lead/views', { name: { zh: '坏', en: 'Bad' }, ...body }),
        422,
        'validation_failed',
      ).details.map((d) => d.path);

    expect(
      await refused({ columns: [{ field: 'f_name' }, { field: '_created_at' }, { field: 'f_nope' }] }),
    ).toEqual(['/columns/2/field']);
    expect(await refused({ columns: [{ field: 'f_name' }, { field: 'f_name' }] })).toEqual([
      '/columns/1/field',
    ]);
    expect(
      await refused({
        query: {
          filter: {
            and: [
              { field: 'f_name', op: 'eq', value: '陈' },
              { field: 'f_nope', op: 'eq', value: 1 },
            ],
          },
        },
      }),
    ).toEqual(['/query/filter/and/1/field']);
    expect(await refused({ query: { filter: { field: 'f_name', op: 'like', value: '陈%' } } })).toEqual([
      '/query/filter/op',
    ]);
    // Known operator, wrong field type: days only apply to dates.
    expect(await refused({ query: { filter: { field: 'f_name', op: 'lastDays', value: 7 } } })).toEqual([
      '/query/filter/op',
    ]);
    expect(await refused({ query: { filter: { field: 'f_intent', op: 'in', value: 'H' } } })).toEqual([
      '/query/filter/value',
    ]);
    expect(await refused({ query: { sort: [{ field: 'f_follow_ups' }, { field: 'f_ghost' }] } })).toEqual([
      '/query/sort/0/field',
      '/query/sort/1/field',
    ]);
    expect(
      await refused({
        query: { filter: { rows: 'f_follow_ups', where: { field: 'f_outcome_x', op: 'empty' } } },
      }),
    ).toEqual(['/query/filter/where/field']);
    expect(await refused({ query: { having: {}, cursor: 'abc' } })).toEqual(
      expect.arrayContaining(['/query/having', '/query/cursor']),
    );

    let deep: Record<string, unknown> = { field: 'f_name', op: 'notEmpty' };
    for (let i = 0; i < 5; i++) deep = { and: [deep] };
    expect(await refused({ query: { filter: deep } })).toEqual([
      '/query/filter/and/0/and/0/and/0/and/0/and/0',
    ]);
    const fiveDeep = (deep.and as Record<string, unknown>[])[0];
    expect(
      (
        await consultant.post('/api/forms/frm_lead/views', {
          name: hotLeads.name,
          query: { filter: fiveDeep },
        })
      ).status,
    ).toBe(201);
  });

  it('checks conditions on related records against the related form', async () => {
    const view = (filter: unknown) =>
      consultant.post('/api/forms/frm_quote/views', {
        name: { zh: '报价', en: 'Quotes' },
        query: { filter },
      });
    const ok = await view({ related: 'f_lead', where: { field: 'f_source', op: 'eq', value: 'Douyin' } });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    const bad = expectError(
      await view({ related: 'f_lead', where: { field: 'f_msrp', op: 'gt', value: 1 } }),
      422,
    ).details.map((d) => d.path);
    expect(bad).toEqual(['/query/filter/where/field']);
    const notRelation = expectError(
      await view({ related: 'f_msrp', where: { field: 'f_source', op: 'eq', value: 'x' } }),
      422,
    ).details.map((d) => d.path);
    expect(notRelation).toContain('/query/filter/related');
  });

  it('refuses unknown properties in the body as malformed (400)', async () => {
    expectError(
      await consultant.post('/api/forms/frm_lead/views', { name: { zh: 'a', en: 'a' }, ownerId: 'usr_x' }),
      400,
    );
    expectError(
      await consultant.post('/api/forms/frm_lead/views', {
        name: { zh: 'a', en: 'a' },
        columns: [{ field: 'f_name', color: 'red' }],
      }),
      400,
    );
  });
});
