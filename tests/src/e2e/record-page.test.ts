import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grant } from '../support/access';
import { ADMIN, type TestApp, testApp } from '../support/app';
import { type BrowserPage, launchBrowser, screenshot, type ViewportName } from '../support/browser';
import { create } from '../support/dealership/install';
import { emailOf, logInAs } from '../support/inbox-browser';
import {
  actOn,
  approval,
  claim,
  dealershipOrg,
  expenseForm,
  instanceStatus,
  line,
  type Org,
  publishFlow,
  record,
} from '../support/workflow';
import { dueNow, runWorker } from '../support/workflow-jobs';

/**
 * The record page in Debian's Chromium against the real server on a fresh database, as the employee
 * who entered the claim: its fields, the approval's timeline with the approver's comment, its history
 * with field-level diffs, a comment added in the browser (checked through the API), the print view,
 * and submitting then withdrawing another claim from the page. At 1280×800 and 390×844.
 */
let t: TestApp;
let org: Org;
let url: string;
let browser: Browser;
const FORM = expenseForm.id;

beforeAll(async () => {
  t = await testApp();
  org = await dealershipOrg(t);
  // The team lead reads the team's claims (a set that shows them), so the employee may @-mention them.
  await grant(t.admin, FORM, { preset: 'viewAll', users: [org.people.teamLead.id] });
  await publishFlow(
    t,
    FORM,
    line(
      approval('manager', [{ kind: 'users', userIds: [org.people.teamLead.id] }], {
        label: { zh: '部门经理审批', en: 'Manager' },
      }),
    ),
  );
  url = await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** A claim edited twice, then submitted and approved by the team lead with a comment. */
async function approvedClaim(): Promise<string> {
  const { employee, teamLead } = org.people;
  const created = await create(employee.client, FORM, claim('880.00', { f_justification: '初稿' }));
  let rev = created.rev;
  for (const data of [{ f_justification: '客户招待，已报备' }, { f_paid_ref: 'PAY-2026-001' }]) {
    const patched = await employee.client.patch(`/api/forms/${FORM}/records/${created.id}`, { rev, data });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    rev = patched.body.rev;
  }
  const submitted = await employee.client.post(`/api/forms/${FORM}/records/${created.id}/submit`);
  expect(submitted.status).toBe(201);
  await actOn(teamLead, submitted.body.instanceId, { action: 'approve', comment: '同意报销，下周付款' });
  return created.id;
}

const confirmPopup = (page: Page) => page.locator('.ant-popconfirm').getByRole('button', { name: /确\s*定/ });

/**
 * Presses `trigger`, then 确定 in its pop-up once the pop-up has finished opening, and waits for
 * `then`. On a loaded machine a press can be lost to the page redrawing under it (seen at a moved
 * clock beside a CPU hog: the withdrawal never sent); it is made again, up to three times.
 */
async function pressAndConfirm(page: Page, trigger: Locator, then: Locator): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await trigger.click();
    const popup = page.locator('.ant-popconfirm:visible').last();
    await popup.waitFor();
    await expect
      .poll(async () => (await popup.getAttribute('class')) ?? '', { timeout: 10_000 })
      .not.toMatch(/-(appear|enter)\b/);
    await confirmPopup(page).click();
    try {
      await then.waitFor({ timeout: 15_000 });
      return;
    } catch (error) {
      if (attempt === 3 || !(await trigger.isVisible())) throw error;
    }
  }
}

describe('the record page', () => {
  for (const viewport of ['desktop', 'phone'] as ViewportName[]) {
    it(`shows fields, timeline, history diffs, comments and the print view at the ${viewport} viewport`, async () => {
      const { employee } = org.people;
      const recordId = await approvedClaim();
      const contexts: BrowserPage[] = [];
      try {
        const opened = await logInAs(browser, url, viewport, emailOf(employee));
        contexts.push(opened);
        const { page } = opened;
        await page.goto(`${url}/forms/${FORM}/records/${recordId}`);
        await page.getByRole('heading', { name: /费用报销/ }).waitFor();

        // Fields, with the member field read as a name, and the timeline with the approver's comment.
        const fields = page.locator('.record-main .ant-descriptions').first();
        await fields.getByText('客户招待，已报备').waitFor();
        await fields.getByText('employee', { exact: true }).waitFor();
        const timeline = page.locator('.approval-timeline');
        await timeline.getByText('同意报销，下周付款').waitFor();
        expect(await timeline.textContent()).toContain('teamLead');
        expect(await timeline.locator('.timeline-status').textContent()).toBe('已通过');
        await screenshot(page, 'record-page', viewport);

        // History: newest first, each change as before → after.
        await page.getByRole('tab', { name: '修改记录' }).click();
        const history = page.locator('.record-history');
        await history.waitFor();
        const edit = history.locator('.history-entry').filter({ hasText: '超预算说明' }).first();
        expect(await edit.locator('.diff-before').textContent()).toBe('初稿');
        expect(await edit.locator('.diff-after').textContent()).toBe('客户招待，已报备');
        expect(await history.locator('.history-entry').count()).toBeGreaterThanOrEqual(3);
        await history.scrollIntoViewIfNeeded();
        await screenshot(page, 'record-history', viewport);

        // A comment, added in the browser and read back through the API.
        await page.getByLabel('评论', { exact: true }).fill('纸质发票已交财务');
        await page.locator('#comment-mentions').pressSequentially('teamLead');
        await page.locator('.ant-select-dropdown').getByText('teamLead').first().click();
        await page.keyboard.press('Escape');
        await page.getByRole('button', { name: '发表评论' }).click();
        await page.locator('.comment-list').getByText('纸质发票已交财务').waitFor();
        expect(await page.locator('.comment-list .comment-mention').textContent()).toContain('@teamLead');
        const comments = (await employee.client.get(`/api/forms/${FORM}/records/${recordId}/comments`)).body
          .comments;
        expect(comments).toEqual([
          expect.objectContaining({
            body: '纸质发票已交财务',
            author: { id: employee.id, name: 'employee' },
            mentions: [{ id: org.people.teamLead.id, name: 'teamLead' }],
          }),
        ]);
        const notes = (await org.people.teamLead.client.get('/api/notifications')).body.notifications;
        expect(notes[0]).toMatchObject({ kind: 'comment.mention', details: { recordId } });
        await page.locator('.record-comments').scrollIntoViewIfNeeded();
        await screenshot(page, 'record-comments', viewport);

        // The print view: the app's frame hidden, the fields and the approval's steps on the sheet.
        await page.getByRole('button', { name: /打\s*印/ }).click();
        const sheet = page.locator('.print-sheet');
        await sheet.getByRole('heading', { name: '费用报销' }).waitFor();
        await sheet.getByText('同意报销，下周付款').waitFor();
        expect(await sheet.textContent()).toContain('PAY-2026-001');
        expect(await page.locator('.shell-header').isVisible()).toBe(false);
        await screenshot(page, 'record-print', viewport);
        await page.emulateMedia({ media: 'print' });
        expect(await page.locator('.print-toolbar').isVisible()).toBe(false);
        await screenshot(page, 'record-print-media', viewport);
        await page.emulateMedia({ media: 'screen' });
        await page.getByRole('button', { name: /返\s*回/ }).click();
        await page.locator('.shell-header').waitFor();

        // Another claim: submitted from its page, then withdrawn from it.
        const fresh = (await create(employee.client, FORM, claim('45.00'))).id;
        await page.goto(`${url}/forms/${FORM}/records/${fresh}`);
        const submit = page.getByRole('button', { name: '提交审批' });
        const withdraw = page.getByRole('button', { name: /撤\s*回/ });
        await pressAndConfirm(page, submit, withdraw);
        expect((await record(employee, fresh)).flowState).toBe('running');
        await screenshot(page, 'record-running', viewport);
        await pressAndConfirm(page, withdraw, submit);
        expect((await record(employee, fresh)).flowState).toBe('withdrawn');
        const instanceId = (await employee.client.get(`/api/forms/${FORM}/records/${fresh}/approvals`)).body
          .approvals[0].id;
        expect(await instanceStatus(org, instanceId)).toBe('withdrawn');

        expect(opened.problems).toEqual([]);
      } finally {
        for (const { context } of contexts) await context.close();
      }
    });
  }

  it('shows a failed automatic action to an admin, who retries it from the page', async () => {
    // A receiver on 127.0.0.1 (allow-listed for the test worker) that is down until we say.
    let up = false;
    const receiver: Server = createServer((_req, res) => {
      res.statusCode = up ? 200 : 500;
      res.end('{}');
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const contexts: BrowserPage[] = [];
    try {
      const port = (receiver.address() as AddressInfo).port;
      await publishFlow(
        t,
        FORM,
        line({
          id: 'hook',
          type: 'action',
          label: { zh: '通知财务系统', en: 'Tell the finance system' },
          actions: [{ kind: 'webhook', url: `http://127.0.0.1:${port}/claims` }],
        }),
      );
      const { employee } = org.people;
      const created = await create(employee.client, FORM, claim('66.00'));
      const submitted = await employee.client.post(`/api/forms/${FORM}/records/${created.id}/submit`);
      const instanceId = submitted.body.instanceId as string;
      for (let i = 0; i < 12; i++) {
        await runWorker(org, { allowFailures: true });
        if ((await t.admin.get(`/api/instances/${instanceId}`)).body.instance.failure) break;
        await dueNow(org, instanceId);
      }

      const opened = await logInAs(browser, url, 'desktop', ADMIN.email, ADMIN.password);
      contexts.push(opened);
      const { page } = opened;
      await page.goto(`${url}/forms/${FORM}/records/${created.id}`);
      const failure = page.locator('.action-failure');
      await failure.getByText('“通知财务系统”的自动操作在尝试 8 次后失败').waitFor();
      expect(await failure.textContent()).toContain('接收方返回 HTTP 500');
      await screenshot(page, 'record-action-failed', 'desktop');
      up = true;
      await failure.getByRole('button', { name: /重\s*试/ }).click();
      await page.locator('.approval-timeline').getByText('已重试操作').waitFor();
      await runWorker(org);
      expect(await instanceStatus(org, instanceId)).toBe('approved');
      await page.reload();
      await page.locator('.approval-timeline').getByText('已推送 Webhook').waitFor();
      expect(await page.locator('.action-failure').count()).toBe(0);
      expect(opened.problems).toEqual([]);
    } finally {
      for (const { context } of contexts) await context.close();
      receiver.close();
    }
  });
});
