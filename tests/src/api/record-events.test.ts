import { registerJobHandler } from '@forecourt/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../support/app';
import { field, form } from '../support/dealership/fields';
import { create, installForms } from '../support/dealership/install';

/**
 * Record events are written to the outbox only for kinds a consumer is registered for: before, every
 * create left a `record.created` job pending for ever (4,183 after a short load) that the worker's
 * idle poll walked past every 250 ms.
 */
const visit = form('frm_ev_visit', 'app_service', '到店', 'Visit', [
  field('f_plate', 'text', '车牌', 'Plate', { required: true }),
]);

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  await installForms(t.admin, [visit]);
});
afterAll(() => t?.close());

async function jobsOf(kind: string): Promise<number> {
  const rows = await t.database.db.selectFrom('jobs').select('id').where('kind', '=', kind).execute();
  return rows.length;
}

describe('record events', () => {
  it('are not written while nothing consumes them', async () => {
    const record = await create(t.admin, 'frm_ev_visit', { f_plate: '粤B12345' });
    const batch = await t.admin.post('/api/forms/frm_ev_visit/records/batch', {
      records: [{ f_plate: '粤B00001' }, { f_plate: '粤B00002' }],
    });
    expect(batch.status, JSON.stringify(batch.body)).toBe(201);
    const patched = await t.admin.patch(`/api/forms/frm_ev_visit/records/${record.id}`, {
      rev: record.rev,
      data: { f_plate: '粤B54321' },
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    const removed = await t.admin.request('DELETE', `/api/forms/frm_ev_visit/records/${record.id}`);
    expect(removed.status).toBe(204);
    for (const kind of ['record.created', 'record.updated', 'record.deleted'])
      expect(await jobsOf(kind)).toBe(0);
  });

  it('are written, in the same transaction as the change, once a consumer is registered', async () => {
    registerJobHandler('record.created', async () => {});
    await create(t.admin, 'frm_ev_visit', { f_plate: '粤B67890' });
    expect(await jobsOf('record.created')).toBe(1);
    expect(await jobsOf('record.updated')).toBe(0);
  });
});
