import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../support/app';
import { launchBrowser, openPage, screenshot } from '../support/browser';
import { field, form, options } from '../support/dealership/fields';
import { installForms } from '../support/dealership/install';
import { logIn } from '../support/log-in';

/**
 * The records grid on 10,000 vehicles in stock, in Chromium against the real server (in-process, a fresh
 * PGlite database): the server's filter, sort and keyset paging through the filter builder and the
 * headers, virtual rows while scrolling through all 10k, a saved view's round trip, the column chooser,
 * keyboard navigation, bulk edit (a percent typed as 15 is stored as 15%) and bulk delete of selected
 * rows; on a phone, the cards and the filter drawer. The import wizard is in import-wizard.test.ts.
 */
const TOTAL = 10_000;
const MODELS = ['CR-V', 'Accord', 'Civic', 'HR-V', 'eNS1'];

const stock = form('frm_stock', 'app_sales', '车辆库存', 'Vehicle stock', [
  field('f_stock_no', 'text', '库存编号', 'Stock no.', { required: true }),
  field('f_model', 'select', '车型', 'Model', {
    required: true,
    options: options(
      ['CR-V', 'CR-V'],
      ['Accord', '雅阁'],
      ['Civic', '思域'],
      ['HR-V', 'HR-V'],
      ['eNS1', 'e:NS1'],
    ),
  }),
  field('f_price', 'money', '售价', 'Price'),
  field('f_arrival', 'date', '到店日期', 'Arrived'),
  field('f_sold', 'boolean', '已售', 'Sold'),
  field('f_note', 'text', '备注', 'Note'),
  field('f_discount', 'percent', '折扣', 'Discount', { min: 0, max: 1 }),
]);
const base = `/api/forms/${stock.id}`;

function vehicle(i: number) {
  const day = new Date(Date.UTC(2026, 0, 1) + (i % 300) * 86_400_000).toISOString().slice(0, 10);
  return {
    f_stock_no: `VS${String(i).padStart(5, '0')}`,
    f_model: MODELS[i % MODELS.length],
    f_price: String(100_000 + ((i * 7919) % 90_000)),
    f_arrival: day,
    f_sold: i % 7 === 0,
  };
}

let t: TestApp;
let url: string;
let browser: Browser;

beforeAll(async () => {
  t = await testApp();
  await installForms(t.admin, [stock]);
  for (let start = 0; start < TOTAL; start += 100) {
    const records = Array.from({ length: 100 }, (_, k) => vehicle(start + k));
    const batch = await t.admin.post(`${base}/records/batch`, { records });
    expect(batch.status, JSON.stringify(batch.body)).toBe(201);
  }
  url = await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchBrowser();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** What the server answers for a query: the stock numbers in order, and the count. */
async function server(query: Record<string, unknown>, limit = 100) {
  const answer = await t.admin.post(`${base}/records/query`, { ...query, limit, count: true });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  const records = answer.body.records as { id: string; data: Record<string, unknown> }[];
  return {
    numbers: records.map((r) => r.data.f_stock_no as string),
    records,
    count: answer.body.count.value,
  };
}

/** Chooses an option of the antd select labelled `label`. */
async function pick(page: Page, label: string, option: string) {
  await page.getByLabel(label, { exact: true }).click();
  await page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
    .filter({ hasText: new RegExp(`^${option.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) })
    .first()
    .click();
}

/** The stock numbers of the first `n` rows the grid shows (from the top). */
async function shownNumbers(page: Page, n: number): Promise<string[]> {
  await page.locator('.grid-scroll').evaluate((el) => {
    el.scrollTop = 0;
  });
  const numbers: string[] = [];
  for (let i = 0; i < n; i++) {
    const row = page.locator(`.record-grid tbody tr[aria-rowindex="${i + 2}"]`);
    numbers.push((await row.locator('td').nth(1).textContent()) ?? '');
  }
  return numbers;
}

/** Scrolls the grid to its end until everything the query matches is loaded. */
async function loadAll(page: Page, total: number) {
  const scroller = page.locator('.grid-scroll');
  let most = 0;
  await expect
    .poll(
      async () => {
        await scroller.evaluate((el) => {
          el.scrollTop = el.scrollHeight;
        });
        most = Math.max(most, await page.locator('.record-grid tbody tr, .record-card').count());
        return page.getByText(`共 ${total} 条`).isVisible();
      },
      { timeout: 120_000, interval: 200 },
    )
    .toBe(true);
  return most;
}

const civicHigh = {
  filter: {
    and: [
      { field: 'f_model', op: 'eq', value: 'Civic' },
      // Money leaves the filter builder as a decimal string, never a float.
      { field: 'f_price', op: 'gte', value: '150000' },
    ],
  },
};

describe('the records grid on 10,000 records', () => {
  it('filters, sorts, pages, saves views, edits and deletes in bulk at 1280×800', async () => {
    const { page, context, problems } = await openPage(browser, 'desktop');
    page.setDefaultTimeout(20_000);
    try {
      await logIn(page, url);
      await page.goto(`${url}/forms/${stock.id}/records`);
      await page.getByRole('heading', { name: '车辆库存' }).waitFor();
      await page.getByText('已加载 100 条，向下滚动加载更多').waitFor();
      await page.getByText('符合条件 10000 条').waitFor();

      // Virtualised: scrolling through all 10k loaded rows never renders more than a screenful or two.
      const rows = page.locator('.record-grid tbody tr');
      const most = await loadAll(page, TOTAL);
      expect(most).toBeLessThan(60);
      expect(await rows.count()).toBeLessThan(60);
      expect(await page.locator('.record-grid').getAttribute('aria-rowcount')).toBe(String(TOTAL + 1));
      await screenshot(page, 'grid-10k', 'desktop');

      // The filter builder: model is Civic and price at least 150,000, applied on the server.
      await page.getByRole('button', { name: /筛\s*选/ }).click();
      await page.getByRole('button', { name: '添加条件' }).click();
      await pick(page, '条件 1 的字段', '车型');
      await pick(page, '条件 1 的运算', '等于');
      await pick(page, '条件 1 的值', '思域');
      await page.getByRole('button', { name: '添加条件' }).click();
      await pick(page, '条件 2 的字段', '售价');
      await pick(page, '条件 2 的运算', '大于等于');
      await page.getByLabel('条件 2 的值').fill('150000');
      await screenshot(page, 'grid-filter', 'desktop');
      await page.getByRole('button', { name: /应\s*用/ }).click();
      const filtered = await server(civicHigh);
      expect(filtered.count).toBeGreaterThan(100);
      await page.getByText(`符合条件 ${filtered.count} 条`).waitFor();
      expect(await shownNumbers(page, 12)).toEqual(filtered.numbers.slice(0, 12));

      // Sorted by the server: price ascending, then descending (the header toggles).
      await page.getByRole('button', { name: '售价' }).click();
      const ascending = await server({ ...civicHigh, sort: [{ field: 'f_price', dir: 'asc' }] });
      await expect.poll(() => shownNumbers(page, 12)).toEqual(ascending.numbers.slice(0, 12));
      await page.getByRole('button', { name: '售价' }).click();
      const descending = await server({ ...civicHigh, sort: [{ field: 'f_price', dir: 'desc' }] });
      await expect.poll(() => shownNumbers(page, 12)).toEqual(descending.numbers.slice(0, 12));
      expect(await page.locator('th[aria-sort="descending"]').textContent()).toContain('售价');
      // Keyset paging within the filter: every matching row, in the server's order.
      await loadAll(page, filtered.count);
      await screenshot(page, 'grid-filtered', 'desktop');

      // Export of the current filter: an xlsx with exactly those rows, in the grid's order.
      const downloading = page.waitForEvent('download');
      await page.getByRole('button', { name: /导\s*出/ }).click();
      await page.getByRole('menuitem', { name: '导出当前筛选结果' }).click();
      const download = await downloading;
      expect(download.suggestedFilename()).toMatch(/^车辆库存-\d{8}\.xlsx$/);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load((await readFile((await download.path())!)) as unknown as ExcelJS.Buffer);
      const sheet = book.worksheets[0]!;
      expect(sheet.rowCount).toBe(filtered.count + 1);
      expect(sheet.getRow(1).getCell(1).value).toBe('库存编号');
      expect(sheet.getRow(2).getCell(1).value).toBe(descending.numbers[0]);

      // The column chooser: hide the note, move the price before the model.
      await page.getByRole('button', { name: '显示列' }).click();
      await page.locator('.column-chooser').getByText('备注').click();
      await page.getByRole('button', { name: '上移 售价' }).click();
      await screenshot(page, 'grid-columns', 'desktop');
      await page.keyboard.press('Escape');
      await page.getByRole('heading', { name: '车辆库存' }).click();
      const headers = await page.locator('.record-grid thead th').allTextContents();
      expect(headers.slice(1, 4)).toEqual(['库存编号', '售价', '车型']);
      expect(headers).not.toContain('备注');

      // Saved view: save, leave it, come back, rename, delete.
      await page.getByRole('button', { name: '视图操作' }).click();
      await page.getByRole('menuitem', { name: '另存为新视图' }).click();
      await page.getByLabel('视图名称').fill('高价思域');
      await page
        .getByRole('dialog')
        .getByRole('button', { name: /确\s*定|OK/ })
        .click();
      await page.getByText('视图已保存').waitFor();
      const saved = ((await t.admin.get(`${base}/views`)).body.views as any[]).find(
        (v) => v.name.zh === '高价思域',
      );
      expect(saved.query).toEqual({ ...civicHigh, sort: [{ field: 'f_price', dir: 'desc' }] });
      expect(saved.columns.map((c: { field: string }) => c.field).slice(0, 3)).toEqual([
        'f_stock_no',
        'f_price',
        'f_model',
      ]);
      await pick(page, '视图', '全部数据');
      await page.getByText('符合条件 10000 条').waitFor();
      expect(await page.locator('.record-grid thead th').allTextContents()).toContain('备注');
      await pick(page, '视图', '高价思域');
      await page.getByText(`符合条件 ${filtered.count} 条`).waitFor();
      await expect.poll(() => shownNumbers(page, 5)).toEqual(descending.numbers.slice(0, 5));
      await page.getByRole('button', { name: '视图操作' }).click();
      await page.getByRole('menuitem', { name: '重命名视图' }).click();
      await page.getByLabel('视图名称').fill('思域 15 万以上');
      await page
        .getByRole('dialog')
        .getByRole('button', { name: /确\s*定|OK/ })
        .click();
      await expect
        .poll(async () => (await t.admin.get(`/api/views/${saved.id}`)).body.name?.zh)
        .toBe('思域 15 万以上');
      await page.getByRole('button', { name: '视图操作' }).click();
      await page.getByRole('menuitem', { name: '删除视图' }).click();
      await page.getByRole('dialog').getByRole('button', { name: '删除视图' }).click();
      await expect.poll(async () => (await t.admin.get(`/api/views/${saved.id}`)).status).toBe(404);
      await page.getByText('符合条件 10000 条').waitFor();

      // Search (the server's full-text contains), then cleared.
      const search = page.getByRole('searchbox', { name: '搜索' }).or(page.getByLabel('搜索'));
      await search.first().fill('VS0999');
      await search.first().press('Enter');
      const searched = await server({ search: 'VS0999' });
      await page.getByText(`共 ${searched.count} 条`).waitFor();
      expect(await shownNumbers(page, searched.count)).toEqual(searched.numbers);
      await search.first().fill('');
      await search.first().press('Enter');
      await page.getByText('符合条件 10000 条').waitFor();

      // Keyboard: Tab into the rows, arrows move the focus (visible), Enter opens the record.
      const first = page.locator('.record-grid tbody tr[aria-rowindex="2"]');
      await first.focus();
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-rowindex'))).toBe('4');
      const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
      expect(outline).toBe('solid');
      await screenshot(page, 'grid-focus', 'desktop');
      const third = (await page.locator('.record-grid tbody tr[aria-rowindex="4"] td').nth(1).textContent())!;
      await page.keyboard.press('Enter');
      await page.waitForURL('**/records/rec_*');
      await page.getByText(third).waitFor();
      await page.goBack();
      await page.getByText('符合条件 10000 条').waitFor();

      // Bulk edit: select three rows, set the note on them.
      const newest = await server({}, 5);
      for (const n of [2, 3, 4]) await page.getByLabel(`选择第 ${n} 行`).check();
      await page.getByText('已选 3 条').waitFor();
      await page.getByRole('button', { name: '批量修改' }).click();
      await pick(page, '修改字段', '备注');
      await page.getByRole('dialog').getByLabel('修改为').fill('展厅 A 区');
      await screenshot(page, 'grid-bulk-edit', 'desktop');
      await page
        .getByRole('dialog')
        .getByRole('button', { name: /修\s*改/ })
        .click();
      await page.getByText('已修改 3 条数据').waitFor();
      for (const record of newest.records.slice(1, 4)) {
        const after = (await t.admin.get(`${base}/records/${record.id}`)).body;
        expect(after.data.f_note).toBe('展厅 A 区');
        expect(after.rev).toBe(2);
      }
      expect(
        (await t.admin.get(`${base}/records/${newest.records[0]!.id}`)).body.data.f_note,
      ).toBeUndefined();

      // A percent is typed as 15 and stored as the fraction 0.15 (15%), not 15 (1500%).
      for (const n of [2, 3]) await page.getByLabel(`选择第 ${n} 行`).check();
      await page.getByRole('button', { name: '批量修改' }).click();
      await pick(page, '修改字段', '折扣');
      await page.getByRole('dialog').getByLabel('修改为').fill('15');
      await page
        .getByRole('dialog')
        .getByRole('button', { name: /修\s*改/ })
        .click();
      await page.getByText('已修改 2 条数据').waitFor();
      for (const record of newest.records.slice(1, 3))
        expect((await t.admin.get(`${base}/records/${record.id}`)).body.data.f_discount).toBe(0.15);
      expect((await server({ filter: { field: 'f_discount', op: 'gte', value: '0.15' } })).count).toBe(2);

      // Bulk delete: two rows, confirmed, into the recycle bin.
      await expect
        .poll(() => page.locator('.record-grid tbody tr[aria-rowindex="2"] td').nth(1).textContent())
        .toBe(newest.numbers[0]);
      for (const n of [1, 2]) await page.getByLabel(`选择第 ${n} 行`).check();
      await page.getByRole('button', { name: /删\s*除/ }).click();
      await page.getByText('删除所选的 2 条数据？').waitFor();
      await screenshot(page, 'grid-bulk-delete', 'desktop');
      await page
        .getByRole('dialog')
        .getByRole('button', { name: /删\s*除/ })
        .click();
      await page.getByText('已删除 2 条数据').waitFor();
      for (const record of newest.records.slice(0, 2))
        expect((await t.admin.get(`${base}/records/${record.id}`)).status).toBe(404);
      expect(JSON.stringify((await t.admin.get(`${base}/recycle-bin`)).body)).toContain(
        newest.records[0]!.id,
      );
      await page.getByText(`符合条件 ${TOTAL - 2} 条`).waitFor();

      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('shows cards and filters in a drawer at 390×844', async () => {
    const { page, context, problems } = await openPage(browser, 'phone');
    page.setDefaultTimeout(20_000);
    try {
      await logIn(page, url);
      await page.goto(`${url}/forms/${stock.id}/records`);
      await page.getByRole('heading', { name: '车辆库存' }).waitFor();
      await page.getByText('已加载 100 条，向下滚动加载更多').waitFor();
      const cards = page.locator('.record-card');
      expect(await cards.count()).toBeLessThan(20);
      await screenshot(page, 'grid-cards', 'phone');

      await page.getByRole('button', { name: /筛\s*选/ }).click();
      await page.getByRole('button', { name: '添加条件' }).click();
      await pick(page, '条件 1 的字段', '车型');
      await pick(page, '条件 1 的值', '思域');
      await page.getByRole('button', { name: '添加条件' }).click();
      await pick(page, '条件 2 的字段', '已售');
      await pick(page, '条件 2 的值', '是');
      await screenshot(page, 'grid-filter', 'phone');
      await page.getByRole('button', { name: /应\s*用/ }).click();
      const civicSold = await server({
        filter: {
          and: [
            { field: 'f_model', op: 'eq', value: 'Civic' },
            { field: 'f_sold', op: 'eq', value: true },
          ],
        },
      });
      await page
        .getByText(`共 ${civicSold.count} 条`)
        .or(page.getByText(`符合条件 ${civicSold.count} 条`))
        .waitFor();
      await expect
        .poll(() => cards.first().locator('.record-card-title').textContent())
        .toBe(civicSold.numbers[0]);
      expect(await cards.nth(1).locator('.record-card-title').textContent()).toBe(civicSold.numbers[1]);
      expect(await page.locator('.filter-count, .ant-badge-count').first().textContent()).toBe('2');
      // Nothing wider than the phone.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await screenshot(page, 'grid-filtered', 'phone');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
