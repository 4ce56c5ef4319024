import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grant } from '../support/access';
import { type TestApp, testApp } from '../support/app';
import type { Client } from '../support/client';
import { expectError } from '../support/client';
import { field, form } from '../support/dealership/fields';
import { create, installForms } from '../support/dealership/install';

let t: TestApp;
let me: { id: string; name: string };
let advisor: Client;

const parts = form('frm_bin_part', 'app_service', '配件', 'Part', [
  field('f_part_no', 'text', '配件号', 'Part no.', { unique: true, required: true }),
  field('f_name', 'text', '名称', 'Name'),
  field('f_price', 'money', '零售价', 'Retail price'),
]);
const base = '/api/forms/frm_bin_part';

beforeAll(async () => {
  t = await testApp();
  me = (await t.admin.get('/api/me')).body.user;
  await installForms(t.admin, [parts]);
  const user = { email: 'advisor@dealer.test', name: '服务顾问小李', password: 'password-123' };
  const created = await t.admin.post('/api/users', user);
  expect(created.status).toBe(201);
  await grant(t.admin, parts.id, { preset: 'manageAll', users: [created.body.user.id] });
  advisor = t.anonymous();
  expect((await advisor.login(user.email, user.password)).status).toBe(200);
});
afterAll(() => t?.close());

const listed = async () =>
  ((await t.admin.get(`${base}/records`)).body.records as { id: string }[]).map((r) => r.id);
const binned = async (query = '') => (await t.admin.get(`${base}/recycle-bin${query}`)).body;

describe('recycle bin', () => {
  it('delete → gone → in the bin with who and when → restore → whole again with a new rev', async () => {
    const filter = await create(t.admin, 'frm_bin_part', {
      f_part_no: '15400-RTA-003',
      f_name: '机油滤清器',
      f_price: '68.00',
    });
    const before = (await t.admin.get(`${base}/records/${filter.id}`)).body;

    expect((await advisor.delete(`${base}/records/${filter.id}`)).status).toBe(204);
    expect(await listed()).not.toContain(filter.id);
    expectError(await t.admin.get(`${base}/records/${filter.id}`), 404, 'not_found');

    const bin = await binned();
    expect(bin.next).toBeNull();
    expect(bin.records).toHaveLength(1);
    expect(bin.records[0]).toMatchObject({
      record: { id: filter.id, data: before.data, rev: 2 },
      deletedBy: { name: '服务顾问小李' },
    });
    expect(Date.parse(bin.records[0].deletedAt)).toBeGreaterThanOrEqual(Date.parse(before.updatedAt));

    const restored = await t.admin.post(`${base}/records/${filter.id}/restore`);
    expect(restored.status, JSON.stringify(restored.body)).toBe(200);
    expect(restored.body).toMatchObject({ id: filter.id, rev: 3, data: before.data, updatedBy: me.id });
    const again = (await t.admin.get(`${base}/records/${filter.id}`)).body;
    expect(again.data).toEqual(before.data);
    expect(again.createdAt).toBe(before.createdAt);
    expect(await listed()).toContain(filter.id);
    expect((await binned()).records).toEqual([]);

    const history = (await t.admin.get(`${base}/records/${filter.id}/history`)).body.entries;
    expect(history.map((e: { action: string; rev: number }) => [e.action, e.rev])).toEqual([
      ['create', 1],
      ['delete', 2],
      ['restore', 3],
    ]);
    expect(history[1].actor.name).toBe('服务顾问小李');

    expectError(await t.admin.post(`${base}/records/${filter.id}/restore`), 404, 'not_found');
  });

  it('refuses to restore a record whose unique value another record took meanwhile (409 naming the field)', async () => {
    const pads = await create(t.admin, 'frm_bin_part', { f_part_no: '45022-T2A-A01', f_name: '前刹车片' });
    expect((await t.admin.delete(`${base}/records/${pads.id}`)).status).toBe(204);
    const replacement = await create(t.admin, 'frm_bin_part', {
      f_part_no: '45022-T2A-A01',
      f_name: '刹车片',
    });

    const refused = expectError(await t.admin.post(`${base}/records/${pads.id}/restore`), 409, 'conflict');
    expect(refused.details.map((d) => d.path)).toEqual(['/f_part_no']);
    expect(refused.details[0]!.message).toContain('配件号');
    expect((await binned()).records.map((r: { record: { id: string } }) => r.record.id)).toContain(pads.id);

    // Once the other record is gone, the value is free again.
    expect((await t.admin.delete(`${base}/records/${replacement.id}`)).status).toBe(204);
    expect((await t.admin.post(`${base}/records/${pads.id}/restore`)).status).toBe(200);
  });

  it('pages the bin by deletion time, most recent first', async () => {
    const ids: string[] = [];
    for (const n of [1, 2, 3]) {
      const record = await create(t.admin, 'frm_bin_part', { f_part_no: `PAGE-${n}` });
      expect((await t.admin.delete(`${base}/records/${record.id}`)).status).toBe(204);
      ids.push(record.id);
    }
    const all = (await binned('?limit=100')).records.map((r: { record: { id: string } }) => r.record.id);
    expect(all.slice(0, 3)).toEqual([...ids].reverse());
    const first = await binned('?limit=2');
    expect(first.records).toHaveLength(2);
    const second = await binned(`?limit=2&cursor=${first.next}`);
    const paged = [...first.records, ...second.records].map((r: { record: { id: string } }) => r.record.id);
    expect(paged).toEqual(all.slice(0, paged.length));
    expect(new Set(paged).size).toBe(paged.length);
    expectError(await t.admin.get(`${base}/recycle-bin?cursor=nonsense`), 422);
    expectError(await t.admin.get('/api/forms/frm_nope/recycle-bin'), 404);
  });

  it('lets admins purge a binned record for good, keeping its history; others get 403', async () => {
    const record = await create(t.admin, 'frm_bin_part', { f_part_no: 'PURGE-1', f_name: '旧件' });
    expectError(await t.admin.delete(`${base}/records/${record.id}/purge`), 409, 'conflict');
    expect((await t.admin.delete(`${base}/records/${record.id}`)).status).toBe(204);

    expectError(await advisor.delete(`${base}/records/${record.id}/purge`), 403, 'forbidden');
    expect(
      (await binned('?limit=100')).records.map((r: { record: { id: string } }) => r.record.id),
    ).toContain(record.id);

    expect((await t.admin.delete(`${base}/records/${record.id}/purge`)).status).toBe(204);
    expect(
      (await binned('?limit=100')).records.map((r: { record: { id: string } }) => r.record.id),
    ).not.toContain(record.id);
    expectError(await t.admin.get(`${base}/records/${record.id}`), 404);
    expectError(await t.admin.post(`${base}/records/${record.id}/restore`), 404);
    expectError(await t.admin.delete(`${base}/records/${record.id}/purge`), 404);

    const history = (await t.admin.get(`${base}/records/${record.id}/history`)).body.entries;
    expect(history.map((e: { action: string }) => e.action)).toEqual(['create', 'delete', 'purge']);
    expect(history[2]).toMatchObject({ rev: 3, actor: { id: me.id }, changes: [] });
    // The values stay readable in the history even though the record is gone.
    expect(history[0].changes).toEqual(
      expect.arrayContaining([expect.objectContaining({ fieldId: 'f_part_no', after: 'PURGE-1' })]),
    );
  });
});
