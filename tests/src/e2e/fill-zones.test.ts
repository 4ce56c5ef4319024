import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../support/app';
import { launchBrowser, openPage, screenshot } from '../support/browser';
import { field, form } from '../support/dealership/fields';
import { installForms } from '../support/dealership/install';
import { logIn } from '../support/log-in';

/**
 * A datetime field with its own time zone is picked on that zone's wall clock, whatever the browser's
 * zone (Asia/Shanghai here), and says which zone it is; one without keeps Shanghai's (the zone records are
 * shown in). Both are stored as the UTC instant they name, and read back the same way on the edit page.
 */
const shipment = form('frm_shipment', 'app_service', '进口配件到货', 'Parts arrival', [
  field('f_departs', 'datetime', '东京发货时间', 'Leaves Tokyo', { timeZone: 'Asia/Tokyo' }),
  field('f_arrives', 'datetime', '到店时间', 'Arrives at the store'),
]);

let t: TestApp;
let url: string;
let browser: Browser;

beforeAll(async () => {
  t = await testApp();
  await installForms(t.admin, [shipment]);
  url = await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('datetime fields in their own time zone', () => {
  it('picks on the field zone’s wall clock and stores the instant it names', async () => {
    const { page, context, problems } = await openPage(browser, 'desktop');
    page.setDefaultTimeout(20_000);
    try {
      await logIn(page, url);
      await page.goto(`${url}/forms/${shipment.id}/new`);
      await page.getByRole('heading', { name: '新建进口配件到货' }).waitFor();
      await page.getByText('Asia/Tokyo 时间（UTC+09:00）').waitFor();
      // Shanghai is the browser's zone: no note on the field without a zone of its own.
      expect(await page.locator('.fill-zone').count()).toBe(1);
      expect(await page.getByLabel('东京发货时间').getAttribute('aria-describedby')).toBe(
        'root_f_departs-zone',
      );
      await page.getByLabel('东京发货时间').fill('2026-03-01 08:30');
      await page.getByLabel('东京发货时间').press('Enter');
      await page.getByLabel('到店时间').fill('2026-03-01 08:30');
      await page.getByLabel('到店时间').press('Enter');
      await screenshot(page, 'fill-zones', 'desktop');
      await page.getByRole('button', { name: /保\s*存/ }).click();
      await page.waitForURL(/\/records\/[^/]+\/edit$/);
      const recordId = page.url().split('/records/')[1]!.split('/')[0]!;
      const { data } = (await t.admin.get(`/api/forms/${shipment.id}/records/${recordId}`)).body;
      expect(data).toMatchObject({
        f_departs: '2026-02-28T23:30:00.000Z',
        f_arrives: '2026-03-01T00:30:00.000Z',
      });
      // Read back on the same wall clocks.
      await page.reload();
      await expect.poll(() => page.getByLabel('东京发货时间').inputValue()).toBe('2026-03-01 08:30');
      expect(await page.getByLabel('到店时间').inputValue()).toBe('2026-03-01 08:30');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
