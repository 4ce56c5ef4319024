import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { type TestApp, testApp } from '../support/app';
import { expectError } from '../support/client';
import { field, form } from '../support/dealership/fields';
import { create, installForms } from '../support/dealership/install';
import { multipart, type Part } from '../support/uploads';

/**
 * Spreadsheets as other programs write them: SheetJS puts the worksheets before workbook.xml in the
 * zip (exceljs's streaming reader crashed on it), people put a merged title row above the header.
 * And exports that Excel can compute with: real dates, numeric amounts, no visible apostrophes.
 */
const invoice = form('frm_ss_invoice', 'app_service', '发票', 'Invoice', [
  field('f_no', 'text', '发票号', 'Invoice no.', { required: true }),
  field('f_day', 'date', '开票日期', 'Day'),
  field('f_at', 'datetime', '到店时间', 'Arrived'),
  field('f_amount', 'money', '金额', 'Amount'),
  field('f_qty', 'number', '数量', 'Qty', { precision: 0 }),
  field('f_total', 'formula', '合计', 'Total', { expression: 'f_amount * f_qty', resultType: 'money' }),
  field('f_double', 'formula', '双倍', 'Double', { expression: 'f_qty * 2', resultType: 'number' }),
]);

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  await installForms(t.admin, [invoice]);
});
afterAll(() => t?.close());

async function upload(file: Buffer, name: string, fields: Record<string, string> = {}) {
  const parts: Part[] = [
    ...Object.entries(fields).map(([key, value]) => ({ name: key, content: value })),
    { name: 'file', filename: name, type: 'application/octet-stream', content: file },
  ];
  const { payload, contentType } = multipart(parts);
  return t.admin.request('POST', '/api/forms/frm_ss_invoice/imports', undefined, {
    payload,
    headers: { 'content-type': contentType },
  });
}

async function importFile(file: Buffer, name: string, fields: Record<string, string> = {}) {
  const response = await upload(file, name, fields);
  expect(response.status, JSON.stringify(response.body)).toBe(202);
  for (;;) {
    const { body } = await t.admin.get(`/api/imports/${response.body.importId}`);
    if (body.status !== 'pending' && body.status !== 'running') return body;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const HEADER = ['发票号', '开票日期', '金额', '数量'];
const ROWS = [
  ['INV-1', '2027-10-12', '199.50', 2],
  ['INV-2', '2027-10-13', '1,200.00', 1],
];

function sheetJsWorkbook(rows: unknown[][]): Buffer {
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows), '发票');
  return XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
}

/** The names of a zip's entries in stored order (local headers, front to back). */
function zipOrder(zip: Buffer): string[] {
  const names: string[] = [];
  for (let at = 0; at + 30 < zip.length && zip.readUInt32LE(at) === 0x04034b50; ) {
    const compressed = zip.readUInt32LE(at + 18);
    const nameLength = zip.readUInt16LE(at + 26);
    const extraLength = zip.readUInt16LE(at + 28);
    names.push(zip.toString('utf8', at + 30, at + 30 + nameLength));
    at += 30 + nameLength + extraLength + compressed;
  }
  return names;
}

describe('workbooks written by other programs', () => {
  it('imports a SheetJS workbook (worksheets before workbook.xml)', async () => {
    const file = sheetJsWorkbook([HEADER, ...ROWS]);
    const order = zipOrder(file);
    expect(order.indexOf('xl/worksheets/sheet1.xml')).toBeLessThan(order.indexOf('xl/workbook.xml'));
    const result = await importFile(file, 'sheetjs.xlsx');
    expect(result).toMatchObject({ status: 'dry_run_done', errorCount: 0, created: 2, headerRow: 1 });
    expect(result.message).toBeNull();
  });

  it('finds the header under a merged title row, and takes an explicit headerRow', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('发票');
    sheet.addRow(['2027年10月 发票登记表']);
    sheet.mergeCells('A1:D1');
    sheet.addRow(HEADER);
    for (const row of ROWS) sheet.addRow(row);
    const file = Buffer.from(await book.xlsx.writeBuffer());

    const found = await importFile(file, 'titled.xlsx');
    expect(found).toMatchObject({
      status: 'dry_run_done',
      errorCount: 0,
      created: 2,
      headerRow: 2,
      totalRows: 2,
    });
    expect(found.headers).toEqual(HEADER);
    expect(found.mapping).toEqual({ 0: 'f_no', 1: 'f_day', 2: 'f_amount', 3: 'f_qty' });

    // Mapping by column index is checked against the chosen header row, not the title.
    const byIndex = await importFile(file, 'titled.xlsx', {
      headerRow: '2',
      mapping: JSON.stringify({ 0: 'f_no', 2: 'f_amount' }),
    });
    expect(byIndex).toMatchObject({ status: 'dry_run_done', errorCount: 0, created: 2, headerRow: 2 });

    const commit = await t.admin.post(`/api/imports/${found.id}/commit`);
    expect(commit.status).toBe(202);
    for (;;) {
      const { body } = await t.admin.get(`/api/imports/${found.id}`);
      if (body.status === 'done') break;
      expect(body.status).not.toBe('failed');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }

    const empty = await upload(file, 'titled.xlsx', { headerRow: '40' });
    expect(expectError(empty, 422).details[0]?.path).toBe('/headerRow');
    expect(expectError(await upload(file, 'titled.xlsx', { headerRow: 'two' }), 400).details[0]?.path).toBe(
      '/headerRow',
    );
  });
});

describe('xlsx exports', () => {
  it('writes dates as Excel dates, amounts and number results as numbers, text without apostrophes', async () => {
    await create(t.admin, 'frm_ss_invoice', {
      f_no: '=1+1',
      f_day: '2027-10-12',
      f_at: '2027-10-12T08:30:00.000Z',
      f_amount: '199.50',
      f_qty: 3,
    });
    const xlsx = await t.admin.get(
      '/api/forms/frm_ss_invoice/export?format=xlsx&columns=f_no,f_day,f_at,f_amount,f_total,f_double',
    );
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.raw.rawPayload as unknown as ExcelJS.Buffer);
    let row: ExcelJS.Row | undefined;
    book.worksheets[0]!.eachRow((r) => {
      if (r.getCell(1).value === '=1+1') row = r;
    });
    expect(row, 'the text cell holds =1+1 as typed, with no apostrophe').toBeDefined();
    expect(row!.getCell(1).type).toBe(ExcelJS.ValueType.String);
    expect(row!.getCell(2).type).toBe(ExcelJS.ValueType.Date);
    expect(row!.getCell(2).value).toEqual(new Date('2027-10-12T00:00:00Z'));
    expect(row!.getCell(2).numFmt).toBe('yyyy-mm-dd');
    // 08:30Z is 16:30 in Shanghai: Excel shows the wall-clock time.
    expect(row!.getCell(3).value).toEqual(new Date('2027-10-12T16:30:00Z'));
    expect(row!.getCell(3).numFmt).toBe('yyyy-mm-dd hh:mm:ss');
    expect(row!.getCell(4).value).toBe(199.5);
    expect(row!.getCell(4).numFmt).toBe('#,##0.00');
    expect(row!.getCell(5).value).toBe(598.5);
    expect(row!.getCell(6).value).toBe(6);

    // And it imports back exactly (dates, the date-time and the amount as stored).
    const back = await importFile(Buffer.from(xlsx.raw.rawPayload), 'export.xlsx', {
      mapping: JSON.stringify({ 0: 'f_no', 1: 'f_day', 2: 'f_at', 3: 'f_amount' }),
    });
    expect(back).toMatchObject({ status: 'dry_run_done', errorCount: 0 });
  });
});
