import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, type TestApp, testApp } from '../support/app';
import { launchBrowser, openPage, screenshot } from '../support/browser';
import { field, form, options } from '../support/dealership/fields';
import { installForms } from '../support/dealership/install';

/**
 * The grid's import wizard in Chromium against the real server (in-process, a fresh PGlite database):
 * a dry run names the bad row and writes nothing; the fixed file is checked again and committed.
 */
const stock = form('frm_stock', 'app_sales', '车辆库存', 'Vehicle stock', [
  field('f_stock_no', 'text', '库存编号', 'Stock no.', { required: true }),
  field('f_model', 'select', '车型', 'Model', {
    required: true,
    options: options(['CR-V', 'CR-V'], ['Accord', '雅阁'], ['Civic', '思域']),
  }),
  field('f_price', 'money', '售价', 'Price'),
  field('f_arrival', 'date', '到店日期', 'Arrived'),
]);
const base = `/api/forms/${stock.id}`;

let t: TestApp;
let url: string;
let browser: Browser;

beforeAll(async () => {
  t = await testApp();
  await installForms(t.admin, [stock]);
  url = await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function stockNumbered(prefix: string) {
  const answer = await t.admin.post(`${base}/records/query`, {
    filter: { field: 'f_stock_no', op: 'startsWith', value: prefix },
    limit: 100,
    count: true,
  });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body as { records: { data: Record<string, unknown> }[]; count: { value: number } };
}

describe('the import wizard', () => {
  it('names the bad row of a dry run, then commits the fixed file at 1280×800', async () => {
    const { page, context, problems } = await openPage(browser, 'desktop');
    page.setDefaultTimeout(20_000);
    try {
      await page.goto(`${url}/login`);
      await page.getByLabel('邮箱').fill(ADMIN.email);
      await page.getByLabel('密码').fill(ADMIN.password);
      await page.getByRole('button', { name: /登\s*录/ }).click();
      await page.getByRole('heading', { name: '你好，Administrator' }).waitFor();
      await page.goto(`${url}/forms/${stock.id}/records`);
      await page.getByRole('heading', { name: '车辆库存' }).waitFor();

      const header = '库存编号,车型,售价,到店日期\r\n';
      const bad = `${header}NEW001,思域,158000,2026-11-20\r\nNEW002,雅阁,很贵,2026-11-21\r\nNEW003,CR-V,189000,2026-11-22\r\n`;
      await page.getByRole('button', { name: /导\s*入/ }).click();
      const upload = page.locator('.import-wizard input[type=file]');
      await upload.setInputFiles({ name: 'stock.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
      await page.getByRole('button', { name: /检\s*查/ }).click();
      await page.getByText('发现 1 个问题，涉及 1 行').waitFor();
      const problem = page.locator('.import-problems tbody tr').first();
      expect(await problem.locator('td').first().textContent()).toBe('3');
      expect(await problem.textContent()).toContain('售价');
      expect(await page.getByRole('button', { name: /导入 3 行/ }).isDisabled()).toBe(true);
      expect((await stockNumbered('NEW')).count.value).toBe(0);
      await screenshot(page, 'grid-import-problems', 'desktop');
      await page.getByRole('button', { name: '重新选择文件' }).click();
      const good = bad.replace('很贵', '226000');
      await upload.setInputFiles({ name: 'stock.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
      await page.getByRole('button', { name: /检\s*查/ }).click();
      await page.getByText('检查通过：3 行数据，将新增 3 条').waitFor();
      await page.getByRole('button', { name: /导入 3 行/ }).click();
      await page.getByText('已导入 3 条数据').waitFor();
      await screenshot(page, 'grid-import-done', 'desktop');
      await page.getByRole('button', { name: /完\s*成/ }).click();
      await page.locator('.record-grid tbody tr[aria-rowindex="4"]').waitFor();
      const imported = await stockNumbered('NEW');
      expect(imported.count.value).toBe(3);
      expect(imported.records.find((r) => r.data.f_stock_no === 'NEW002')?.data.f_price).toBe('226000.00');

      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
