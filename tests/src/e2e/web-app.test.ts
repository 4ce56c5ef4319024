import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grant, newUser } from '../support/access';
import { ADMIN, type TestApp, testApp } from '../support/app';
import { launchBrowser, openPage, screenshot, type ViewportName } from '../support/browser';
import type { Client } from '../support/client';
import { installForms } from '../support/dealership/install';
import { lead } from '../support/dealership/sales';

/**
 * The web app in Debian's Chromium against the real server (in-process, a fresh PGlite database,
 * listening on a free port, serving runtime-ui/dist), on a showroom PC and on a phone: log in, home with
 * the to-do count, an app's records in the virtualised grid sorted by the server, a record, the inbox,
 * approving a task, the language switch, logging out. Screenshots go to tests/output/screenshots.
 */
const LEADS = 250;
const SOURCES = ['WalkIn', 'PhoneIn', 'Autohome', 'Douyin', 'Referral'];

let t: TestApp;
let url: string;
let browser: Browser;
let consultant: { id: string; client: Client };

function leadData(i: number) {
  return {
    f_name: `客户${String(i).padStart(3, '0')}`,
    f_mobile: `1380013${String(i).padStart(4, '0')}`,
    f_source: SOURCES[i % SOURCES.length],
    f_intent: ['H', 'A', 'B', 'C'][i % 4],
    f_models: i % 2 ? ['SUV', 'NEV'] : ['Sedan'],
    f_trade_in: i % 3 === 0,
    f_next_follow_up: `2026-12-${String((i % 28) + 1).padStart(2, '0')}`,
  };
}

beforeAll(async () => {
  t = await testApp();
  await installForms(t.admin, [lead]);
  const adminId = (await t.admin.get('/api/me')).body.user.id as string;
  consultant = await newUser(t, 'consultant@dealer.test', '王顾问');
  await grant(t.admin, lead.id, { preset: 'submitAndManageOwn', users: [consultant.id] });
  const flow = {
    nodes: [
      { id: 'start', type: 'start' },
      {
        id: 'manager',
        type: 'approval',
        mode: 'any',
        label: { zh: '销售经理审批', en: 'Sales manager' },
        approvers: [{ kind: 'users', userIds: [adminId] }],
      },
      { id: 'end', type: 'end' },
    ],
    edges: [
      { id: 'e1', from: 'start', to: 'manager' },
      { id: 'e2', from: 'manager', to: 'end' },
    ],
  };
  expect((await t.admin.put(`/api/forms/${lead.id}/workflow`, flow)).status).toBe(200);
  expect((await t.admin.post(`/api/forms/${lead.id}/workflow/publish`)).status).toBe(200);
  for (let start = 0; start < LEADS; start += 100) {
    const records = Array.from({ length: Math.min(100, LEADS - start) }, (_, k) => leadData(start + k));
    const batch = await t.admin.post(`/api/forms/${lead.id}/records/batch`, { records });
    expect(batch.status, JSON.stringify(batch.body)).toBe(201);
  }
  // Two of the consultant's leads wait for the admin's approval: one for each viewport to approve.
  for (const name of ['陈先生', '林女士']) {
    const created = await consultant.client.post(`/api/forms/${lead.id}/records`, {
      data: {
        ...leadData(900),
        f_name: name,
        f_follow_ups: [
          { f_type: 'Visit', f_at: '2026-11-20T10:30:00+08:00', f_outcome: '试驾 CR-V，关注置换补贴' },
        ],
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const submitted = await consultant.client.post(`/api/forms/${lead.id}/records/${created.body.id}/submit`);
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
  }
  url = await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** Opens the home page, is sent to the login page, and fills it in (the test submits it after a screenshot). */
async function fillLoginFromHome(page: Page) {
  await page.goto(`${url}/`);
  await page.waitForURL('**/login');
  await page.getByLabel('邮箱').fill(ADMIN.email);
  await page.getByLabel('密码').fill(ADMIN.password);
}

/** Scrolls the grid (or the phone's card list) to its end until every record is loaded. */
async function loadAll(page: Page, total: number) {
  const scroller = page.locator('.grid-scroll');
  await expect
    .poll(
      async () => {
        await scroller.evaluate((el) => {
          el.scrollTop = el.scrollHeight;
        });
        return page.getByText(`共 ${total} 条`).isVisible();
      },
      { timeout: 30_000, interval: 300 },
    )
    .toBe(true);
}

async function toTop(page: Page) {
  await page.locator('.grid-scroll').evaluate((el) => {
    el.scrollTop = 0;
  });
}

describe('the web app in a browser', () => {
  for (const viewport of ['desktop', 'phone'] as ViewportName[]) {
    it(`logs in, browses records and approves a task at the ${viewport} viewport`, async () => {
      const phone = viewport === 'phone';
      const { page, context, problems } = await openPage(browser, viewport);
      page.setDefaultTimeout(20_000);
      try {
        // Login, in Chinese because the browser prefers it.
        await fillLoginFromHome(page);
        expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
        await screenshot(page, 'login', viewport);
        await page.getByRole('button', { name: /登\s*录/ }).click();

        // Home: greeting, the inbox counts, the apps.
        await page.getByRole('heading', { name: '你好，Administrator' }).waitFor();
        const todo = (await t.admin.get('/api/tasks/counts')).body.todo as number;
        expect(todo).toBeGreaterThan(0);
        await expect.poll(() => page.locator('.count-card').first().textContent()).toContain(String(todo));
        await page.locator('.app-grid').getByText('销售').waitFor();
        await screenshot(page, 'home', viewport);

        // The app (on a phone through the menu drawer) and its form.
        if (phone) {
          await page.getByRole('button', { name: '打开菜单' }).click();
          await page.locator('.ant-drawer').getByRole('menuitem', { name: '销售' }).waitFor();
          await screenshot(page, 'menu', viewport);
          await page.locator('.ant-drawer').getByRole('menuitem', { name: '销售' }).click();
        } else {
          await page.locator('.app-grid').getByText('销售').click();
        }
        await page.getByRole('heading', { name: '销售' }).waitFor();
        await screenshot(page, 'app', viewport);
        await page.locator('.app-grid').getByText('线索').click();
        await page.getByRole('heading', { name: '线索' }).waitFor();
        await page.getByText('已加载 100 条，向下滚动加载更多').waitFor();

        const total = LEADS + 2;
        if (!phone) {
          // Virtualised: far fewer rows in the DOM than loaded, however many are loaded.
          const rows = page.locator('.record-grid tbody tr');
          expect(await rows.count()).toBeLessThan(50);
          await loadAll(page, total);
          expect(await rows.count()).toBeLessThan(50);
          expect(await page.locator('.record-grid').getAttribute('aria-rowcount')).toBe(String(total + 1));
          // Sorted by the server: name ascending, then descending.
          const firstRow = page.locator('.record-grid tbody tr[aria-rowindex="2"]');
          await page.getByRole('button', { name: '姓名' }).click();
          await page.getByText('已加载 100 条，向下滚动加载更多').waitFor();
          await toTop(page);
          await expect.poll(() => firstRow.textContent()).toContain('客户000');
          await page.getByRole('button', { name: '姓名' }).click();
          await toTop(page);
          await expect.poll(() => firstRow.textContent()).toContain('陈先生');
          expect(await page.locator('th[aria-sort="descending"]').textContent()).toContain('姓名');
          await screenshot(page, 'records', viewport);
          await firstRow.click();
        } else {
          const cards = page.locator('.record-card');
          expect(await cards.count()).toBeLessThan(20);
          await loadAll(page, total);
          expect(await cards.count()).toBeLessThan(20);
          // Sorted by the server through the phone's sort picker: name, descending.
          await page.locator('.phone-sort .ant-select').click();
          await page.locator('.ant-select-dropdown').getByText('姓名', { exact: true }).click();
          await page.getByText('已加载 100 条，向下滚动加载更多').waitFor();
          await toTop(page);
          await expect.poll(() => cards.first().textContent()).toContain('陈先生');
          await screenshot(page, 'records', viewport);
          await cards.first().click();
        }

        // A record, read-only (names sort by code point: 陈 after 林 after 客).
        await page.getByRole('heading', { name: '线索' }).waitFor();
        await page.getByText('陈先生').waitFor();
        await page.getByText('试驾 CR-V，关注置换补贴').waitFor();
        await screenshot(page, 'record', viewport);

        // The inbox, then a task: approve it with a comment.
        if (phone) await page.locator('.phone-tabs').getByText('待办').click();
        else await page.getByRole('menuitem', { name: /待办/ }).click();
        await page.getByRole('heading', { name: '待办中心' }).waitFor();
        const items = page.locator('.inbox-item');
        await expect.poll(() => items.count()).toBe(todo);
        expect(await items.first().textContent()).toContain('销售经理审批');
        await screenshot(page, 'inbox', viewport);
        await items.first().click();
        await page.getByRole('button', { name: /同\s*意/ }).waitFor();
        const taskId = page.url().split('/tasks/')[1]!;
        await page.getByLabel('审批意见').fill('同意，尽快安排试驾');
        await screenshot(page, 'task', viewport);
        await page.getByRole('button', { name: /同\s*意/ }).click();
        await page.waitForURL('**/inbox');
        await expect.poll(() => items.count()).toBe(todo - 1);
        const handled = (await t.admin.get(`/api/tasks/${taskId}`)).body;
        expect(handled.task.status).toBe('approved');
        expect((await t.admin.get('/api/tasks/counts')).body.todo).toBe(todo - 1);

        if (!phone) {
          // The language switch: the whole UI in English, remembered for the next visit.
          await page.getByRole('button', { name: '语言' }).click();
          await page.getByRole('menuitem', { name: 'English' }).click();
          await page.getByRole('heading', { name: 'Inbox' }).waitFor();
          expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
          await page.getByRole('tab', { name: /Done/ }).click();
          await page.locator('.inbox-item').first().waitFor();
          await screenshot(page, 'inbox-en', viewport);
        }

        // Log out from the user menu.
        await page.getByRole('button', { name: phone ? '用户菜单' : 'User menu' }).click();
        await page.getByRole('menuitem', { name: phone ? '退出登录' : 'Log out' }).click();
        await page.waitForURL('**/login');
        await page.getByRole('button', { name: phone ? /登\s*录/ : 'Log in' }).waitFor();
        if (!phone) await screenshot(page, 'login-en', viewport);
        expect((await page.request.get(`${url}/api/me`)).status()).toBe(401);

        expect(problems).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }
});
