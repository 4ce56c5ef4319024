import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../support/app';
import { expectError } from '../support/client';
import { field, form } from '../support/dealership/fields';
import { create, installForms } from '../support/dealership/install';
import { part } from '../support/dealership/service';
import { testDatabaseKind } from '../support/env';
import { multipart, type Part } from '../support/uploads';

/** Stock movements: negative quantities and amounts, dates, yes/no and a table, to round-trip every kind of cell. */
const movement = form('frm_stock_move', 'app_service', '出入库', 'Stock movement', [
  field('f_ref', 'text', '单号', 'Ref', { required: true, unique: true }),
  field('f_qty', 'number', '数量', 'Qty', { precision: 2 }),
  field('f_amount', 'money', '金额', 'Amount'),
  field('f_note', 'textarea', '备注', 'Note'),
  field('f_day', 'date', '日期', 'Day'),
  field('f_at', 'datetime', '时间', 'At'),
  field('f_ok', 'boolean', '已核对', 'Checked'),
  field('f_lines', 'subform', '明细', 'Lines', {
    fields: [
      field('f_sku', 'text', '货号', 'SKU'),
      field('f_n', 'number', '件数', 'Count', { precision: 0 }),
    ],
  }),
  field('f_twice', 'formula', '两倍', 'Twice', { expression: 'f_qty * 2', resultType: 'number' }),
]);

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  await installForms(t.admin, [part, movement]);
});
afterAll(() => t?.close());

const HEADERS = ['配件号', '名称', '零售价', '类别', '供应商'];
const CATEGORIES = ['滤清器', '制动', '油品'];

/** The parts workbook of the acceptance test: 10,000 rows, prices as numeric cells, an unknown column. */
function partRows(count: number): unknown[][] {
  return Array.from({ length: count }, (_, i) => [
    `P-${String(i + 1).padStart(5, '0')}`,
    `配件 ${i + 1}`,
    Math.round((i % 997) * 10.5 + 1) / 10,
    CATEGORIES[i % 3],
    '某供应商',
  ]);
}

async function workbook(headers: string[], rows: unknown[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('配件');
  sheet.addRow(headers);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function upload(formId: string, file: Buffer, name: string, fields: Record<string, string> = {}) {
  const parts: Part[] = [
    ...Object.entries(fields).map(([key, value]) => ({ name: key, content: value })),
    { name: 'file', filename: name, type: 'application/octet-stream', content: file },
  ];
  const { payload, contentType } = multipart(parts);
  return t.admin.request('POST', `/api/forms/${formId}/imports`, undefined, {
    payload,
    headers: { 'content-type': contentType },
  });
}

/** Polls the import until it stops working; returns it and every processedRows value seen on the way. */
async function settle(importId: string) {
  const seen: number[] = [];
  for (;;) {
    const { status, body } = await t.admin.get(`/api/imports/${importId}`);
    expect(status, JSON.stringify(body)).toBe(200);
    seen.push(body.processedRows);
    if (body.status !== 'pending' && body.status !== 'running') return { ...body, seen };
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function importFile(formId: string, file: Buffer, name: string, fields: Record<string, string> = {}) {
  const response = await upload(formId, file, name, fields);
  expect(response.status, JSON.stringify(response.body)).toBe(202);
  return settle(response.body.importId);
}

async function storedRecords(formId: string) {
  const rows = await t.database.db
    .selectFrom('records')
    .select(['id', 'rev', 'data'])
    .where('form_id', '=', formId)
    .where('deleted_at', 'is', null)
    .orderBy('id')
    .execute();
  return rows;
}

function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  return work().finally(() =>
    console.info(`${testDatabaseKind()}: ${label} ${Math.round(performance.now() - started)} ms`),
  );
}

describe('importing 10,000 parts', () => {
  const rows = partRows(10_000);
  const bad = rows.map((row) => [...row]);
  bad[99]![2] = '十二块'; // row 101: not an amount
  bad[4999]![3] = '轮胎'; // row 5001: not a category
  bad[9998]![0] = 'P-00002'; // row 10000: repeats the part number of row 3

  it('names exactly the 3 bad rows in the dry run, reports progress, and writes nothing', async () => {
    const file = await workbook(HEADERS, bad);
    const result = await timed('10k dry run', () => importFile('frm_part', file, 'parts.xlsx'));
    expect(result).toMatchObject({ status: 'dry_run_done', totalRows: 10_000, processedRows: 10_000 });
    expect(result.mapping).toEqual({ 0: 'f_part_no', 1: 'f_name', 2: 'f_price_retail', 3: 'f_category' });
    expect(result.errorCount).toBe(3);
    expect(result.badRows).toBe(3);
    expect(result.problems).toEqual([
      { row: 101, column: '零售价', field: 'f_price_retail', message: expect.any(String) },
      { row: 5001, column: '类别', field: 'f_category', message: expect.stringContaining('轮胎') },
      { row: 10_000, column: '配件号', field: 'f_part_no', message: expect.stringContaining('row 3') },
    ]);
    // Progress grows chunk by chunk up to the total.
    expect(result.seen).toEqual([...result.seen].sort((a: number, b: number) => a - b));
    expect(result.seen.some((n: number) => n > 0 && n < 10_000)).toBe(true);
    expect(await storedRecords('frm_part')).toHaveLength(0);
    const commit = await t.admin.post(`/api/imports/${result.id}/commit`);
    expectError(commit, 422);
  }, 120_000);

  it('imports the fixed file, all 10,000 rows in one go, with history via import', async () => {
    const dryRun = await timed('10k dry run (clean)', async () =>
      importFile('frm_part', await workbook(HEADERS, rows), 'parts.xlsx'),
    );
    expect(dryRun).toMatchObject({ status: 'dry_run_done', errorCount: 0, created: 10_000 });
    const commit = await t.admin.post(`/api/imports/${dryRun.id}/commit`);
    expect(commit.status, JSON.stringify(commit.body)).toBe(202);
    const done = await timed('10k commit', () => settle(dryRun.id));
    expect(done).toMatchObject({ status: 'done', created: 10_000, processedRows: 10_000, errorCount: 0 });
    const stored = await storedRecords('frm_part');
    expect(stored).toHaveLength(10_000);
    const first = stored.find((r) => r.data.f_part_no === 'P-00001');
    expect(first?.data).toMatchObject({ f_name: '配件 1', f_price_retail: '0.10', f_category: 'Filter' });
    const { count } = await t.database.db
      .selectFrom('record_history')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('form_id', '=', 'frm_part')
      .where('via', '=', 'import')
      .executeTakeFirstOrThrow();
    expect(Number(count)).toBe(10_000);
    expectError(await t.admin.post(`/api/imports/${dryRun.id}/commit`), 409);
  }, 180_000);

  it('round-trips export → import (upsert by part number) without changing a record', async () => {
    await create(t.admin, 'frm_part', {
      f_part_no: 'X-1',
      f_name: '=HYPERLINK("http://x")',
      f_category: 'Oil',
    });
    const before = await storedRecords('frm_part');
    for (const format of ['xlsx', 'csv']) {
      const exported = await timed(`export ${format}`, () =>
        t.admin.get(`/api/forms/frm_part/export?format=${format}`),
      );
      expect(exported.status).toBe(200);
      const result = await timed(`round trip ${format}`, () =>
        importFile('frm_part', exported.raw.rawPayload, `parts.${format}`, {
          upsertBy: 'f_part_no',
          mode: 'commit',
        }),
      );
      const counts = { status: 'done', created: 0, updated: 0, unchanged: 10_001 };
      expect(result, JSON.stringify(result.problems.slice(0, 5))).toMatchObject(counts);
    }
    expect(await storedRecords('frm_part')).toEqual(before);
  }, 180_000);

  it('updates matching rows and creates the others when upserting', async () => {
    const file = await workbook(HEADERS, [
      ['P-00001', '机油滤清器', 68, '滤清器'],
      ['P-99999', '新配件', 5, '油品'],
    ]);
    const result = await importFile('frm_part', file, 'p.xlsx', { upsertBy: 'f_part_no', mode: 'commit' });
    expect(result).toMatchObject({ status: 'done', created: 1, updated: 1, unchanged: 0 });
    const [updated] = (await storedRecords('frm_part')).filter((r) => r.data.f_part_no === 'P-00001');
    expect(updated).toMatchObject({ rev: 2, data: { f_name: '机油滤清器', f_price_retail: '68.00' } });
  });
});

describe('formula injection', () => {
  it('escapes cells starting with = + - @ in CSV; in xlsx they are string cells as typed, numbers numeric', async () => {
    await create(t.admin, 'frm_stock_move', {
      f_ref: '=1+1',
      f_qty: -5,
      f_amount: '-12.50',
      f_note: '@SUM(A1)',
    });
    const xlsx = await t.admin.get('/api/forms/frm_stock_move/export?format=xlsx');
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.headers['content-disposition']).toMatch(
      /^attachment; filename=".*"; filename\*=UTF-8''%E5%87%BA/,
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.raw.rawPayload as unknown as ExcelJS.Buffer);
    const row = book.worksheets[0]!.getRow(2);
    // A string cell is never run as a formula: no apostrophe to see in Excel.
    expect(row.getCell(1).value).toBe('=1+1');
    expect(row.getCell(1).type).toBe(ExcelJS.ValueType.String);
    expect(row.getCell(2).value).toBe(-5);
    expect(row.getCell(3).value).toBe(-12.5);
    expect(row.getCell(4).value).toBe('@SUM(A1)');
    const csv = await t.admin.get('/api/forms/frm_stock_move/export?format=csv');
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.raw.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.body).toContain("'=1+1,'-5,'-12.50,'@SUM(A1)");
  });

  it('keeps =HYPERLINK in a part name a string cell in xlsx, and escapes it in the CSV text', async () => {
    const xlsx = await t.admin.get('/api/forms/frm_part/export?format=xlsx&columns=f_part_no,f_name');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.raw.rawPayload as unknown as ExcelJS.Buffer);
    const names: unknown[] = [];
    const types: unknown[] = [];
    book.worksheets[0]!.eachRow((row) => {
      names.push(row.getCell(2).value);
      types.push(row.getCell(2).type);
    });
    expect(names).toContain('=HYPERLINK("http://x")');
    expect(types).not.toContain(ExcelJS.ValueType.Formula);
    const csv = await t.admin.get('/api/forms/frm_part/export?format=csv&columns=f_part_no,f_name');
    expect(csv.body).toContain('X-1,"\'=HYPERLINK(""http://x"")"\r\n');
  });
});

describe('every kind of cell', () => {
  it('round-trips negative numbers, dates, yes/no, tables and quotes through xlsx and CSV', async () => {
    await create(t.admin, 'frm_stock_move', {
      f_ref: "'quoted",
      f_qty: 0.1,
      f_amount: '123456789012.34',
      f_note: '-减少, "库存"\n第二行',
      f_day: '2026-03-01',
      f_at: '2026-03-01T08:30:00+08:00',
      f_ok: true,
      f_lines: [{ f_sku: 'A-1', f_n: -2 }],
    });
    const before = await storedRecords('frm_stock_move');
    for (const format of ['xlsx', 'csv']) {
      const exported = await t.admin.get(`/api/forms/frm_stock_move/export?format=${format}`);
      const result = await importFile('frm_stock_move', exported.raw.rawPayload, `m.${format}`, {
        upsertBy: 'f_ref',
        mode: 'commit',
      });
      expect(result, JSON.stringify(result.problems)).toMatchObject({ status: 'done', unchanged: 2 });
    }
    expect(await storedRecords('frm_stock_move')).toEqual(before);
  });

  it('reads Excel date cells as dates in Asia/Shanghai', async () => {
    const file = await workbook(
      ['单号', '日期', '时间'],
      [['D-1', new Date(Date.UTC(2026, 4, 20)), new Date(Date.UTC(2026, 4, 20, 9, 15))]],
    );
    const result = await importFile('frm_stock_move', file, 'd.xlsx', { mode: 'commit' });
    expect(result).toMatchObject({ status: 'done', created: 1 });
    const [stored] = (await storedRecords('frm_stock_move')).filter((r) => r.data.f_ref === 'D-1');
    expect(stored?.data).toMatchObject({ f_day: '2026-05-20', f_at: '2026-05-20T01:15:00.000Z' });
  });
});

/** GBK bytes for a text, built from the decoder Node has (it has no GBK encoder). */
function gbk(text: string): Buffer {
  const table = new Map<string, number[]>();
  const decoder = new TextDecoder('gb18030');
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail !== 0x7f) table.set(decoder.decode(new Uint8Array([lead, trail])), [lead, trail]);
    }
  }
  return Buffer.from([...text].flatMap((c) => (c.charCodeAt(0) < 0x80 ? [c.charCodeAt(0)] : table.get(c)!)));
}

describe('files from Chinese Excel', () => {
  it('imports a GBK-encoded CSV with Chinese headers', async () => {
    const csv = gbk('配件号,名称,零售价,类别\r\nG-1,刹车盘,"1,280.00",制动\r\nG-2,空气滤芯,45,滤清器\r\n');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(csv)).toThrow();
    const result = await importFile('frm_part', csv, 'gbk.csv', { mode: 'commit' });
    expect(result).toMatchObject({ status: 'done', created: 2, format: 'csv' });
    const [disc] = (await storedRecords('frm_part')).filter((r) => r.data.f_part_no === 'G-1');
    expect(disc?.data).toMatchObject({ f_name: '刹车盘', f_price_retail: '1280.00', f_category: 'Brake' });
  });
});

describe('refusals', () => {
  it('refuses computed targets, a non-unique upsert field, unknown columns, and too many rows', async () => {
    const file = await workbook(['单号', '两倍'], [['R-1', 2]]);
    const computed = await upload('frm_stock_move', file, 'r.xlsx', {
      mapping: '{"两倍": "f_twice", "0": "f_ref"}',
    });
    expect(expectError(computed, 422).details).toEqual([
      { path: '/mapping/两倍', message: expect.stringContaining('computed') },
    ]);
    const notUnique = await upload('frm_stock_move', file, 'r.xlsx', { upsertBy: 'f_note' });
    expect(expectError(notUnique, 422).details.map((d) => d.path)).toEqual(['/upsertBy']);
    const unknown = await upload('frm_stock_move', file, 'r.xlsx', { mapping: '{"7": "f_ref"}' });
    expect(expectError(unknown, 422).details.map((d) => d.path)).toEqual(['/mapping/7']);
    const huge = Buffer.from(`单号\r\n${'x\r\n'.repeat(100_001)}`);
    expect(expectError(await upload('frm_stock_move', huge, 'big.csv'), 422).message).toMatch(/100,000 rows/);
    // The header row is kept with the report: a few KB of shared strings may not make it megabytes.
    const wide = await workbook(
      Array.from({ length: 3000 }, () => 'x'.repeat(1000)),
      [['R-1']],
    );
    expect(wide.length).toBeLessThan(64 * 1024);
    expect(expectError(await upload('frm_stock_move', wide, 'wide.xlsx'), 422).message).toMatch(
      /500 columns/,
    );
    const long = await workbook(['单号', 'y'.repeat(201)], [['R-1', 1]]);
    expect(expectError(await upload('frm_stock_move', long, 'long.xlsx'), 422).details).toEqual([
      { path: '/file', message: 'Column 2 of the header row is longer.' },
    ]);
    expectError(await upload('frm_nope', file, 'r.xlsx'), 404);
    expectError(await t.admin.get('/api/imports/imp_doesnotexist0'), 404);
  });

  it('refuses a file over 50 MB with 413', async () => {
    const response = await upload('frm_stock_move', Buffer.alloc(50 * 1024 * 1024 + 10, 0x61), 'big.csv');
    expectError(response, 413, 'payload_too_large');
  });
});
