import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../support/app';
import { field, form } from '../support/dealership/fields';
import { create, installForms } from '../support/dealership/install';
import { multipart } from '../support/uploads';

/**
 * A commit that rolls back is never `done`: whatever made a chunk fail at commit time (a unique
 * value taken since the dry run, a linked record deleted since, a database error), the import ends
 * `failed` with a stable reason code, and its counts say what is stored: nothing.
 */
const supplier = form('frm_cf_supplier', 'app_service', '供应商', 'Supplier', [
  field('f_name', 'text', '名称', 'Name', { required: true }),
]);
const order = form('frm_cf_order', 'app_service', '采购单', 'Purchase order', [
  field('f_no', 'text', '单号', 'No.', { required: true, unique: true }),
  field('f_supplier', 'relation', '供应商', 'Supplier', { target: 'frm_cf_supplier' }),
]);
/** The same without a unique field: before the fix its re-check found nothing and the import was `done`. */
const delivery = form('frm_cf_delivery', 'app_service', '到货单', 'Delivery', [
  field('f_no', 'text', '单号', 'No.', { required: true }),
  field('f_supplier', 'relation', '供应商', 'Supplier', { target: 'frm_cf_supplier' }),
]);

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  await installForms(t.admin, [supplier, order, delivery]);
});
afterAll(() => t?.close());

async function workbook(rows: unknown[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('orders');
  sheet.addRow(['单号', '供应商']);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function settle(importId: string) {
  for (;;) {
    const { status, body } = await t.admin.get(`/api/imports/${importId}`);
    expect(status, JSON.stringify(body)).toBe(200);
    if (body.status !== 'pending' && body.status !== 'running') return body;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Uploads the rows and waits for a clean dry run. */
async function cleanDryRun(rows: unknown[][], formId = 'frm_cf_order') {
  const { payload, contentType } = multipart([
    {
      name: 'file',
      filename: 'orders.xlsx',
      type: 'application/octet-stream',
      content: await workbook(rows),
    },
  ]);
  const response = await t.admin.request('POST', `/api/forms/${formId}/imports`, undefined, {
    payload,
    headers: { 'content-type': contentType },
  });
  expect(response.status, JSON.stringify(response.body)).toBe(202);
  const dryRun = await settle(response.body.importId);
  expect(dryRun).toMatchObject({ status: 'dry_run_done', errorCount: 0, created: rows.length });
  return dryRun.id as string;
}

async function commit(importId: string) {
  const response = await t.admin.post(`/api/imports/${importId}/commit`);
  expect(response.status, JSON.stringify(response.body)).toBe(202);
  return settle(importId);
}

async function storedOrders(formId = 'frm_cf_order'): Promise<string[]> {
  const rows = await t.database.db
    .selectFrom('records')
    .select('data')
    .where('form_id', '=', formId)
    .where('deleted_at', 'is', null)
    .execute();
  return rows.map((r) => String(r.data.f_no)).sort();
}

describe('a commit that rolls back', () => {
  it('fails, naming the row, when a unique value was taken between dry run and commit', async () => {
    const importId = await cleanDryRun([
      ['PO-1', ''],
      ['PO-2', ''],
      ['PO-3', ''],
    ]);
    await create(t.admin, 'frm_cf_order', { f_no: 'PO-2' }); // someone else, meanwhile
    const result = await commit(importId);
    expect(result).toMatchObject({ status: 'failed', created: 0, updated: 0 });
    expect(result.errorCount).toBeGreaterThan(0);
    expect(result.problems).toEqual([expect.objectContaining({ row: 3, field: 'f_no' })]);
    expect(result.reason).toEqual({ code: 'import_commit_refused', params: { errorCount: 1, badRows: 1 } });
    expect(await storedOrders()).toEqual(['PO-2']);
  });

  for (const formId of ['frm_cf_delivery', 'frm_cf_order']) {
    it(`fails when a linked record was deleted between dry run and commit (${formId})`, async () => {
      const acme = await create(t.admin, 'frm_cf_supplier', { f_name: 'Acme' });
      const importId = await cleanDryRun(
        [
          [`${formId}-10`, ''],
          [`${formId}-11`, acme.id],
        ],
        formId,
      );
      const removed = await t.admin.request('DELETE', `/api/forms/frm_cf_supplier/records/${acme.id}`);
      expect(removed.status, JSON.stringify(removed.body)).toBe(204);
      const result = await commit(importId);
      // Before the fix: `done` with 0 created (no unique field), or phantom "must be unique" problems
      // (the re-check saw the chunk's own rolled-back inserts).
      expect(result).toMatchObject({ status: 'failed', created: 0, updated: 0 });
      expect(result.problems).toEqual([
        { row: 3, column: '供应商', field: 'f_supplier', message: expect.stringContaining(acme.id) },
      ]);
      expect(result.reason).toEqual({ code: 'import_commit_refused', params: { errorCount: 1, badRows: 1 } });
      expect(await storedOrders(formId)).not.toContain(`${formId}-10`);
    });
  }

  it('fails with the rows of the chunk when the database refuses a write', async () => {
    // A rule only the database knows: the dry run and the re-check cannot see it.
    await sql`create function cf_refuse() returns trigger language plpgsql as $$
      begin
        if new.data ->> 'f_no' = 'PO-BOOM' then raise exception 'refused by the database'; end if;
        return new;
      end $$`.execute(t.database.db);
    await sql`create trigger cf_refuse before insert on records for each row execute function cf_refuse()`.execute(
      t.database.db,
    );
    try {
      const importId = await cleanDryRun([
        ['PO-20', ''],
        ['PO-BOOM', ''],
        ['PO-21', ''],
      ]);
      const result = await commit(importId);
      expect(result).toMatchObject({ status: 'failed', created: 0, updated: 0 });
      expect(result.reason).toEqual({ code: 'import_commit_error', params: { fromRow: 2, toRow: 4 } });
      expect(result.message).toMatch(/rows 2–4/);
      expect(await storedOrders()).not.toContain('PO-20');
    } finally {
      await sql`drop trigger cf_refuse on records`.execute(t.database.db);
    }
  });

  it('is done, with the counts of what it stored, when nothing got in the way', async () => {
    const importId = await cleanDryRun([
      ['PO-30', ''],
      ['PO-31', ''],
    ]);
    const result = await commit(importId);
    expect(result).toMatchObject({ status: 'done', created: 2, errorCount: 0, reason: null });
    expect(await storedOrders()).toEqual(expect.arrayContaining(['PO-30', 'PO-31']));
  });
});
