import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../support/app';
import { launchBrowser, openPage, screenshot } from '../support/browser';
import { shanghaiDay } from '../support/days';
import { field, form } from '../support/dealership/fields';
import { create, installForms } from '../support/dealership/install';
import { logIn } from '../support/log-in';

/**
 * Drafts and the edit page's buttons in Debian's Chromium against the real server: opening a form with an
 * expression default and leaving it writes no draft; a restored draft keeps the date the user typed over
 * the default; "放弃草稿" really throws the draft away (a reload brings nothing back); a save whose submit
 * is refused leaves the editor on the new revision; 提交审批 only where the record page offers it; logging
 * out removes the user's drafts. Screenshot: tests/output/screenshots/fill-draft-restored-desktop.png.
 */

// A quote valid for a week unless the salesperson says otherwise (like sales.ts's quote).
const offer = form('frm_offer', 'app_sales', '报价', 'Offer', [
  field('f_customer', 'text', '客户', 'Customer'),
  field('f_valid_until', 'date', '有效期至', 'Valid until', {
    default: { kind: 'expression', expression: '$addDays($today(), 7)' },
  }),
]);

// A form with an approval flow.
const estimate = form('frm_estimate', 'app_service', '维修报价', 'Estimate', [
  field('f_item', 'text', '项目', 'Item', { required: true }),
  field('f_amount', 'money', '金额', 'Amount'),
]);

let t: TestApp;
let url: string;
let browser: Browser;

beforeAll(async () => {
  t = await testApp();
  await installForms(t.admin, [offer, estimate]);
  const adminId = (await t.admin.get('/api/me')).body.user.id as string;
  const flow = {
    nodes: [
      { id: 'start', type: 'start' },
      {
        id: 'manager',
        type: 'approval',
        mode: 'any',
        label: { zh: '经理审批', en: 'Manager' },
        approvers: [{ kind: 'users', userIds: [adminId] }],
      },
      { id: 'end', type: 'end' },
    ],
    edges: [
      { id: 'e1', from: 'start', to: 'manager' },
      { id: 'e2', from: 'manager', to: 'end' },
    ],
  };
  expect((await t.admin.put(`/api/forms/${estimate.id}/workflow`, flow)).status).toBe(200);
  expect((await t.admin.post(`/api/forms/${estimate.id}/workflow/publish`)).status).toBe(200);
  url = await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const draftKeys = (page: Page) =>
  page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('forecourt.draft')));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// A validity typed over the default (today + 7): a month ahead, whatever today is.
const LATER = shanghaiDay(30);

describe('drafts while filling a form', () => {
  it('writes no draft for an untouched form, keeps typed values over defaults, and discards for good', async () => {
    const { page, context, problems } = await openPage(browser, 'desktop');
    page.setDefaultTimeout(20_000);
    try {
      await logIn(page, url);
      const validUntil = page.locator('#root_f_valid_until');

      // Opening the form fills in the default; leaving it writes nothing.
      await page.goto(`${url}/forms/${offer.id}/new`);
      await expect.poll(() => validUntil.inputValue()).toBe(shanghaiDay(7));
      await sleep(800); // longer than the draft writer's 300 ms debounce
      expect(await draftKeys(page)).toEqual([]);
      await page.goto(`${url}/forms/${offer.id}/records`);
      expect(await draftKeys(page)).toEqual([]);

      // Typed values, among them a date over the default, come back after a reload.
      await page.goto(`${url}/forms/${offer.id}/new`);
      await expect.poll(() => validUntil.inputValue()).toBe(shanghaiDay(7));
      await page.getByLabel('客户').fill('陈志强');
      await validUntil.click();
      await validUntil.fill(LATER);
      await validUntil.press('Enter');
      await expect.poll(async () => page.evaluate(() => JSON.stringify(localStorage))).toContain(LATER);
      await page.reload();
      const notice = page.getByText('已恢复上次未保存的内容。');
      await notice.waitFor();
      await expect.poll(() => page.getByLabel('客户').inputValue()).toBe('陈志强');
      await sleep(800); // the live pass (expression defaults) has run
      expect(await validUntil.inputValue()).toBe(LATER);
      await screenshot(page, 'fill-draft-restored', 'desktop');

      // Discarding reloads a blank form, and the draft stays gone.
      await page.getByRole('button', { name: '放弃草稿' }).click();
      await page.waitForLoadState('load');
      await expect.poll(() => validUntil.inputValue()).toBe(shanghaiDay(7));
      expect(await page.getByLabel('客户').inputValue()).toBe('');
      expect(await notice.count()).toBe(0);
      expect(await draftKeys(page)).toEqual([]);
      await page.reload();
      await expect.poll(() => validUntil.inputValue()).toBe(shanghaiDay(7));
      expect(await notice.count()).toBe(0);
      expect(await page.getByLabel('客户').inputValue()).toBe('');
      expect(await draftKeys(page)).toEqual([]);

      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('stays on the saved revision when the submit after a save is refused', async () => {
    const { page, context, problems } = await openPage(browser, 'desktop');
    page.setDefaultTimeout(20_000);
    try {
      await logIn(page, url);
      const record = await create(t.admin, estimate.id, { f_item: '更换刹车片', f_amount: '860' });
      // The approval service says no this once (as if the flow had just been unpublished).
      await page.route(`**/records/${record.id}/submit`, (route) =>
        route.fulfill({
          status: 422,
          contentType: 'application/json',
          body: JSON.stringify({ error: { code: 'no_flow', message: 'no flow', details: [{ path: '/' }] } }),
        }),
      );
      await page.goto(`${url}/forms/${estimate.id}/records/${record.id}/edit`);
      await page.getByLabel('金额').fill('900');
      await page.getByRole('button', { name: '提交审批' }).click();
      await page.getByText('此表单没有已发布的审批流程。').waitFor();
      await expect
        .poll(async () => (await t.admin.get(`/api/forms/${estimate.id}/records/${record.id}`)).body.data)
        .toMatchObject({ f_amount: '900.00' });

      // The next save sends the new revision: no "changed by someone else" (409).
      await page.getByLabel('金额').fill('950');
      await page.getByRole('button', { name: /保\s*存/ }).click();
      await page.locator('.fill-alerts').getByText('已保存').waitFor();
      const stored = (await t.admin.get(`/api/forms/${estimate.id}/records/${record.id}`)).body;
      expect(stored.data).toMatchObject({ f_amount: '950.00' });
      expect(stored.flowState).not.toBe('running');

      expect(problems.filter((p) => !/status of 422/.test(p))).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('offers 提交审批 on the edit page only where the record page does', async () => {
    const { page, context, problems } = await openPage(browser, 'desktop');
    page.setDefaultTimeout(20_000);
    try {
      // An approved record is settled: the record page offers no submit, so neither does the edit page.
      const record = await create(t.admin, estimate.id, { f_item: '四轮定位', f_amount: '300' });
      const submitted = await t.admin.post(`/api/forms/${estimate.id}/records/${record.id}/submit`);
      expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
      const todo = (await t.admin.get('/api/tasks?box=todo')).body.items as {
        taskId: string;
        instanceId: string;
      }[];
      const task = todo.find((i) => i.instanceId === submitted.body.instanceId)!;
      expect((await t.admin.post(`/api/tasks/${task.taskId}/actions`, { action: 'approve' })).status).toBe(
        200,
      );
      const approvals = await t.admin.get(`/api/forms/${estimate.id}/records/${record.id}/approvals`);
      expect(approvals.body.actions).not.toContain('submit');
      const fresh = await create(t.admin, estimate.id, { f_item: '空调清洗', f_amount: '200' });

      await logIn(page, url);
      await page.goto(`${url}/forms/${estimate.id}/records/${record.id}/edit`);
      await page.getByRole('button', { name: /保\s*存/ }).waitFor();
      await sleep(500); // the approvals answer has arrived
      expect(await page.getByRole('button', { name: '提交审批' }).count()).toBe(0);

      await page.goto(`${url}/forms/${estimate.id}/records/${fresh.id}/edit`);
      await page.getByRole('button', { name: '提交审批' }).waitFor();

      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("removes the user's drafts on logout and loads the login page afresh", async () => {
    const { page, context, problems } = await openPage(browser, 'desktop');
    page.setDefaultTimeout(20_000);
    try {
      await logIn(page, url);
      await page.goto(`${url}/forms/${offer.id}/new`);
      await page.getByLabel('客户').fill('王芳');
      await expect.poll(() => draftKeys(page)).toHaveLength(1);
      // A marker on window: a client-side navigation keeps it, a full page load does not.
      await page.evaluate(() => {
        (window as unknown as { marker: boolean }).marker = true;
      });

      await page.getByRole('button', { name: '用户菜单' }).click();
      await page.getByRole('menuitem', { name: '退出登录' }).click();
      await page.waitForURL('**/login');
      await page.getByRole('button', { name: /登\s*录/ }).waitFor();
      expect(await page.evaluate(() => (window as unknown as { marker?: boolean }).marker)).toBeUndefined();
      expect(await draftKeys(page)).toEqual([]);
      expect((await page.request.get(`${url}/api/me`)).status()).toBe(401);

      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
