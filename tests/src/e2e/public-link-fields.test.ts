import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, type TestApp, testApp } from '../support/app';
import { launchBrowser, openPage, screenshot, type ViewportName } from '../support/browser';
import { installForms } from '../support/dealership/install';
import { lead } from '../support/dealership/sales';

/**
 * The admin ticks the fields a fill link shows in its drawer; the public page then shows those and
 * nothing else, and follows when the admin ticks another.
 */
let t: TestApp;
let url: string;
let browser: Browser;

beforeAll(async () => {
  t = await testApp();
  await installForms(t.admin, [lead]);
  url = await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** antd puts a space between two Chinese characters of a button ("保 存"); an icon adds its name before. */
function button(scope: Page | Locator, text: string): Locator {
  return scope.getByRole('button', { name: new RegExp(`(^|\\s)${[...text].join('\\s*')}$`) });
}

async function logIn(page: Page) {
  await page.goto(`${url}/`);
  await page.waitForURL('**/login');
  await page.getByLabel('邮箱').fill(ADMIN.email);
  await page.getByLabel('密码').fill(ADMIN.password);
  await button(page, '登录').click();
  await page.getByRole('heading', { name: /^你好/ }).waitFor();
}

/** The labels of the fields the public page shows, in order. */
async function publicLabels(page: Page): Promise<string[]> {
  await page.locator('.public-form .ant-form-item-label').first().waitFor();
  return (await page.locator('.public-form .ant-form-item-label label').allInnerTexts()).map((s) => s.trim());
}

describe("a fill link's fields in the admin drawer", () => {
  it('shows on the public page only the fields ticked in the drawer', async () => {
    const viewport: ViewportName = 'desktop';
    const { page, context, problems } = await openPage(browser, viewport);
    page.setDefaultTimeout(20_000);
    try {
      await logIn(page);
      await page.goto(`${url}/admin/forms/${lead.id}/public-links`);
      await page.getByRole('heading', { name: '线索 · 公开链接' }).waitFor();
      await button(page, '新建公开链接').click();
      const drawer = page.locator('.ant-drawer');
      await drawer.getByLabel('名称').fill('抖音留资');
      const box = (name: string) => drawer.getByRole('checkbox', { name, exact: true });
      // Pre-ticked: every field a public page may show; the rollup over follow-ups is not offered.
      for (const name of ['姓名', '手机', '来源', '意向级别', '意向车型', '置换', '下次跟进', '跟进记录'])
        expect(await box(name).isChecked(), name).toBe(true);
      expect(await box('跟进次数').count()).toBe(0);
      for (const name of ['意向级别', '意向车型', '置换', '跟进记录']) await box(name).uncheck();
      await screenshot(page, 'admin-public-link-fields', viewport);
      await button(drawer, '保存').click();
      const created = page.locator('.ant-modal-confirm');
      await created.locator('.ant-modal-confirm-title', { hasText: '链接已创建' }).waitFor();
      const [link] = (await t.admin.get(`/api/forms/${lead.id}/public-links`)).body.links;
      expect(link.fillFields).toEqual(['f_name', 'f_mobile', 'f_source', 'f_next_follow_up']);
      await button(created, '知道了').click();

      const visitor = await openPage(browser, 'phone');
      try {
        await visitor.page.goto(`${url}/p/${link.token}`);
        expect(await publicLabels(visitor.page)).toEqual(['姓名', '手机', '来源', '下次跟进']);
        await screenshot(visitor.page, 'public-fill-listed-fields', 'phone');

        // The admin ticks one more; the page follows.
        await page
          .locator('.ant-table-row', { hasText: '抖音留资' })
          .getByRole('button', { name: /编\s*辑/ })
          .click();
        const editor = page.locator('.ant-drawer');
        await editor.getByRole('checkbox', { name: '意向车型', exact: true }).check();
        await button(editor, '保存').click();
        await editor.waitFor({ state: 'detached' });
        await visitor.page.reload();
        expect(await publicLabels(visitor.page)).toEqual(['姓名', '手机', '来源', '意向车型', '下次跟进']);
        expect(visitor.problems).toEqual([]);
      } finally {
        await visitor.context.close();
      }
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
