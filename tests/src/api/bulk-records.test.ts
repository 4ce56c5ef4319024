import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grant, newUser } from '../support/access';
import { type TestApp, testApp } from '../support/app';
import { type Client, expectError } from '../support/client';
import { create, installForms } from '../support/dealership/install';
import { lead } from '../support/dealership/sales';
import { customer } from '../support/dealership/service';

/**
 * Bulk edit and bulk delete of the grid's selection: all or nothing, each record through the write
 * pipeline (validation, history, rev), limited by the batchEdit / delete sets' rows and fields.
 */
let t: TestApp;
let consultant: { id: string; client: Client };
const base = `/api/forms/${lead.id}`;

const leadData = (name: string) => ({
  f_name: name,
  f_mobile: '13800138000',
  f_source: 'WalkIn',
  f_intent: 'C',
  f_next_follow_up: '2026-12-01',
});

beforeAll(async () => {
  t = await testApp();
  await installForms(t.admin, [lead, customer]);
  consultant = await newUser(t, 'consultant@dealer.test', '王顾问');
  // Own leads: view, create, bulk-change the intent only, delete. Every lead: view (name, intent).
  await grant(t.admin, lead.id, {
    name: 'Own leads',
    actions: ['view', 'create', 'batchEdit', 'delete'],
    writeFields: ['f_name', 'f_mobile', 'f_source', 'f_intent', 'f_next_follow_up'],
    scope: { kind: 'own' },
    users: [consultant.id],
  });
  await grant(t.admin, lead.id, {
    name: 'All leads, read',
    actions: ['view'],
    readFields: ['f_name', 'f_intent'],
    scope: { kind: 'all' },
    users: [consultant.id],
  });
});
afterAll(() => t?.close());

const record = async (id: string) => (await t.admin.get(`${base}/records/${id}`)).body;

describe('bulk update', () => {
  it('sets one field on the selection, each record with a new rev and a history entry', async () => {
    const made = await Promise.all(['甲', '乙', '丙'].map((n) => create(t.admin, lead.id, leadData(n))));
    const ids = made.map((r) => r.id);
    const answer = await t.admin.post(`${base}/records/bulk-update`, { ids, data: { f_intent: 'H' } });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body).toEqual({ updated: 3 });
    for (const id of ids) {
      const after = await record(id);
      expect(after.data.f_intent).toBe('H');
      expect(after.rev).toBe(2);
      const history = (await t.admin.get(`${base}/records/${id}/history`)).body;
      expect(JSON.stringify(history)).toContain('"f_intent"');
    }
  });

  it('refuses an invalid value for every record, naming each, and changes nothing', async () => {
    const made = await Promise.all(['丁', '戊'].map((n) => create(t.admin, lead.id, leadData(n))));
    const ids = made.map((r) => r.id);
    const error = expectError(
      await t.admin.post(`${base}/records/bulk-update`, { ids, data: { f_source: 'Nowhere' } }),
      422,
    );
    expect(error.details.map((d) => d.path)).toEqual(['/ids/0/f_source', '/ids/1/f_source']);
    expect((await record(ids[0]!)).rev).toBe(1);
    // Required fields stay required: emptying one is refused like a single update would be.
    const emptied = expectError(
      await t.admin.post(`${base}/records/bulk-update`, { ids, data: { f_name: '' } }),
      422,
    );
    expect(emptied.details[0]!.path).toBe('/ids/0/f_name');
  });

  it("treats another's record as not found and one outside batchEdit as forbidden, all or nothing", async () => {
    const mine = await create(consultant.client, lead.id, leadData('我的'));
    const theirs = await create(t.admin, lead.id, leadData('别人的'));
    // The admin's lead is seen (the read-all set) but no batchEdit set reaches it: 403 for that id only.
    const refused = expectError(
      await consultant.client.post(`${base}/records/bulk-update`, {
        ids: [mine.id, theirs.id],
        data: { f_intent: 'A' },
      }),
      403,
    );
    expect(refused.details).toEqual([{ path: '/ids/1', message: 'You may not change this record.' }]);
    expect((await record(mine.id)).data.f_intent).toBe('C');

    // A third user whose scope holds only their own leads does not see the admin's: 404, nothing changed.
    const other = await newUser(t, 'other@dealer.test', '李顾问');
    await grant(t.admin, lead.id, {
      preset: 'manageAll',
      scope: { kind: 'own' },
      users: [other.id],
    });
    const own = await create(other.client, lead.id, leadData('李的'));
    const unseen = expectError(
      await other.client.post(`${base}/records/bulk-update`, {
        ids: [own.id, theirs.id, 'rec_doesnotexist0000'],
        data: { f_intent: 'A' },
      }),
      404,
    );
    expect(unseen.details.map((d) => d.path)).toEqual(['/ids/1', '/ids/2']);
    expect((await record(own.id)).rev).toBe(1);

    // Their own records, a field they may write: done.
    const ok = await consultant.client.post(`${base}/records/bulk-update`, {
      ids: [mine.id],
      data: { f_intent: 'A' },
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect((await record(mine.id)).data.f_intent).toBe('A');
  });

  it('refuses fields the batchEdit sets do not let the user write', async () => {
    const restricted = await newUser(t, 'restricted@dealer.test', '赵顾问');
    await grant(t.admin, lead.id, {
      name: 'Own leads: add and edit',
      actions: ['view', 'create', 'edit'],
      scope: { kind: 'own' },
      users: [restricted.id],
    });
    await grant(t.admin, lead.id, {
      name: 'Own leads: bulk-change the intent',
      actions: ['batchEdit'],
      writeFields: ['f_intent'],
      scope: { kind: 'own' },
      users: [restricted.id],
    });
    const mine = await create(restricted.client, lead.id, leadData('赵的'));
    const refused = expectError(
      await restricted.client.post(`${base}/records/bulk-update`, {
        ids: [mine.id],
        data: { f_name: '改名', f_intent: 'H' },
      }),
      403,
    );
    expect(refused.details.map((d) => d.path)).toEqual(['/ids/0/f_name']);
    const ok = await restricted.client.post(`${base}/records/bulk-update`, {
      ids: [mine.id],
      data: { f_intent: 'H' },
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect((await record(mine.id)).data).toMatchObject({ f_name: '赵的', f_intent: 'H' });
  });

  it('checks the request: 1 to 500 ids, each once, known keys only', async () => {
    const one = await create(t.admin, lead.id, leadData('己'));
    const twice = expectError(
      await t.admin.post(`${base}/records/bulk-update`, { ids: [one.id, one.id], data: { f_intent: 'H' } }),
      422,
    );
    expect(twice.details[0]!.path).toBe('/ids/1');
    const tooMany = Array.from({ length: 501 }, (_, i) => `rec_${i}`);
    expect(
      (await t.admin.post(`${base}/records/bulk-update`, { ids: tooMany, data: {} })).status,
    ).toBeGreaterThanOrEqual(400);
    const system = expectError(
      await t.admin.post(`${base}/records/bulk-update`, { ids: [one.id], data: { owner: 'x' } }),
      422,
    );
    expect(system.details[0]!.path).toBe('/data/owner');
    const nothing = expectError(
      await t.admin.post(`${base}/records/bulk-update`, { ids: [one.id], data: {} }),
      400,
    );
    expect(nothing.details[0]!.path).toBe('/data');
    expect((await record(one.id)).rev).toBe(1);
  });

  it('keeps a unique field unique when the selection holds the value already', async () => {
    const url = `/api/forms/${customer.id}/records`;
    const a = await create(t.admin, customer.id, { f_name: '甲', f_mobile: '13800138001' });
    const b = await create(t.admin, customer.id, { f_name: '乙', f_mobile: '13800138002' });
    const error = expectError(
      await t.admin.post(`${url}/bulk-update`, { ids: [a.id, b.id], data: { f_mobile: '13800138002' } }),
      422,
    );
    expect(error.details.map((d) => d.path)).toEqual(['/ids/0/f_mobile']);
    expect((await t.admin.get(`${url}/${a.id}`)).body.data.f_mobile).toBe('+8613800138001');
    // A value nobody holds is fine.
    const c = await create(t.admin, customer.id, { f_name: '丙', f_mobile: '13800138003' });
    const moved = await t.admin.post(`${url}/bulk-update`, {
      ids: [c.id],
      data: { f_mobile: '13800138004' },
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
  });
});

describe('bulk delete', () => {
  it('moves the selection to the recycle bin, all or nothing', async () => {
    const made = await Promise.all(['庚', '辛'].map((n) => create(t.admin, lead.id, leadData(n))));
    const ids = made.map((r) => r.id);
    const answer = await t.admin.post(`${base}/records/bulk-delete`, { ids });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body).toEqual({ deleted: 2 });
    expectError(await t.admin.get(`${base}/records/${ids[0]}`), 404);
    const bin = (await t.admin.get(`${base}/recycle-bin`)).body;
    expect(JSON.stringify(bin)).toContain(ids[1]);
    // Deleted already: not found now, and the other id in the request stays as it was.
    const live = await create(t.admin, lead.id, leadData('壬'));
    const again = expectError(
      await t.admin.post(`${base}/records/bulk-delete`, { ids: [live.id, ids[0]] }),
      404,
    );
    expect(again.details.map((d) => d.path)).toEqual(['/ids/1']);
    expect((await record(live.id)).rev).toBe(1);
  });

  it("lets a non-admin delete only their own: another's seen lead is 403, nothing deleted", async () => {
    const mine = await create(consultant.client, lead.id, leadData('我的2'));
    const theirs = await create(t.admin, lead.id, leadData('别人的2'));
    const refused = expectError(
      await consultant.client.post(`${base}/records/bulk-delete`, { ids: [mine.id, theirs.id] }),
      403,
    );
    expect(refused.details).toEqual([{ path: '/ids/1', message: 'You may not delete this record.' }]);
    expect((await record(mine.id)).rev).toBe(1);
    const ok = await consultant.client.post(`${base}/records/bulk-delete`, { ids: [mine.id] });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expectError(await t.admin.get(`${base}/records/${mine.id}`), 404);
  });
});

describe('export of a selection or a query', () => {
  it('exports exactly the selected ids, in the query order', async () => {
    const made = await Promise.all(
      ['癸', '子', '丑'].map((n) => create(t.admin, lead.id, leadData(`导出${n}`))),
    );
    const answer = await t.admin.post(`${base}/export`, {
      format: 'csv',
      columns: ['f_name'],
      ids: [made[0]!.id, made[2]!.id],
      query: { sort: [{ field: 'f_name', dir: 'asc' }] },
    });
    expect(answer.status, answer.raw.body).toBe(200);
    const lines = answer.raw.body.replace('\ufeff', '').trim().split(/\r\n/);
    expect(lines).toEqual(['姓名', '导出丑', '导出癸']);
  });
});
