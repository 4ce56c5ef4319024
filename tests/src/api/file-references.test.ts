import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grant, newUser } from '../support/access';
import { type TestApp, testApp } from '../support/app';
import { expectError } from '../support/client';
import { create, installForms } from '../support/dealership/install';
import { INSPECTION, uploadFile } from '../support/inspection';
import { PDF } from '../support/uploads';

let t: TestApp;

beforeAll(async () => {
  t = await testApp();
  await installForms(t.admin, [INSPECTION]);
});
afterAll(() => t?.close());

/*
 * Issue 15 item 1: a file id learnt somewhere must not become readable by putting it into one's own
 * record. A reference is taken only from someone who may read the file now.
 */
describe('a file one may not read', () => {
  it('cannot be put into a record, and the refusal says nothing about the file', async () => {
    const owners = [`own-a-${Date.now()}@dealer.test`, `own-b-${Date.now()}@dealer.test`];
    const a = await newUser(t, owners[0]!, '甲');
    const b = await newUser(t, owners[1]!, '乙');
    await grant(t.admin, 'frm_inspection', { preset: 'submitAndManageOwn', users: [a.id, b.id] });
    const secret = (await uploadFile(b.client, 'f_invoice', 'b-only.pdf', 'application/pdf', PDF)).body;
    const theirsRecord = await create(b.client, 'frm_inspection', { f_invoice: [secret] });
    expectError(await a.client.get(`/api/forms/frm_inspection/records/${theirsRecord.id}`), 404);
    expectError(await a.client.get(`/api/files/${secret.fileId}`), 404);

    const ghost = { ...secret, fileId: 'fil_neveruploaded01' };
    const created = await a.client.post('/api/forms/frm_inspection/records', {
      data: { f_invoice: [secret] },
    });
    const unknown = await a.client.post('/api/forms/frm_inspection/records', {
      data: { f_invoice: [ghost] },
    });
    const refused = expectError(created, 422, 'validation_failed');
    expect(refused.details).toEqual([
      { path: '/f_invoice/0', message: `There is no uploaded file ${secret.fileId}; upload it again.` },
    ]);
    // The same words as for a file that does not exist: only the id differs, never the size.
    expect(expectError(unknown, 422).details[0]?.message).toBe(
      refused.details[0]?.message.replace(secret.fileId, ghost.fileId),
    );
    const misstated = await a.client.post('/api/forms/frm_inspection/records', {
      data: { f_invoice: [{ ...secret, size: secret.size + 1 }] },
    });
    expect(expectError(misstated, 422).details[0]?.message).toContain('no uploaded file');

    const mine = await create(a.client, 'frm_inspection', { f_plate_no: '浙A00001' });
    const patched = await a.client.patch(`/api/forms/frm_inspection/records/${mine.id}`, {
      rev: mine.rev,
      data: { f_invoice: [secret] },
    });
    expect(expectError(patched, 422).details[0]?.path).toBe('/f_invoice/0');
    const batch = await a.client.post('/api/forms/frm_inspection/records/batch', {
      records: [{ f_plate_no: 'x' }, { f_invoice: [secret] }],
    });
    expect(expectError(batch, 422).details[0]?.path).toBe('/records/1/f_invoice/0');
    expectError(await a.client.get(`/api/files/${secret.fileId}`), 404);

    // Their own upload, and a file on their own record kept through a change, stay fine.
    const own = (await uploadFile(a.client, 'f_invoice', 'a.pdf', 'application/pdf', PDF)).body;
    const withOwn = await create(a.client, 'frm_inspection', { f_invoice: [own] });
    const kept = await a.client.patch(`/api/forms/frm_inspection/records/${withOwn.id}`, {
      rev: withOwn.rev,
      data: { f_plate_no: '浙A00002' },
    });
    expect(kept.status, JSON.stringify(kept.body)).toBe(200);
    // Once on a record, another record may take it only from someone who can read that record.
    const copied = await a.client.post('/api/forms/frm_inspection/records', { data: { f_invoice: [own] } });
    expect(copied.status, JSON.stringify(copied.body)).toBe(201);
    expect(
      (await b.client.post('/api/forms/frm_inspection/records', { data: { f_invoice: [own] } })).status,
    ).toBe(422);
    // Whoever may read the record holding it (the admin) may reuse it.
    const reused = await t.admin.post('/api/forms/frm_inspection/records', { data: { f_invoice: [secret] } });
    expect(reused.status, JSON.stringify(reused.body)).toBe(201);
  });
});
