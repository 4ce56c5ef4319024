import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../support/app';
import { type BrowserPage, launchBrowser, screenshot, type ViewportName } from '../support/browser';
import { emailOf, logInAs, openTask, pendingTask, taskStatus } from '../support/inbox-browser';
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
  type Submitted,
  submitNew,
  tasks,
  timeline,
  todo,
} from '../support/workflow';

/**
 * The inbox in Debian's Chromium against the real server on a fresh database, with each person in a
 * browser context of their own: the employee submits expense claims (through the API), the team lead
 * (approver 1) approves, returns, transfers, adds a signer and batch-approves in the browser, the
 * finance head approves what was transferred to them, the GM (approver 2) watches a task arrive in
 * an open inbox without reloading and approves it, and the employee withdraws a claim. Every result
 * is checked through the API. At 1280×800 and 390×844.
 */
let t: TestApp;
let org: Org;
let url: string;
let browser: Browser;

beforeAll(async () => {
  t = await testApp();
  org = await dealershipOrg(t);
  const users = (key: keyof Org['people']) => [{ kind: 'users', userIds: [org.people[key].id] }];
  await publishFlow(
    t,
    expenseForm.id,
    line(
      approval('manager', users('teamLead'), { label: { zh: '部门经理审批', en: 'Manager' } }),
      // The GM fills in the payment reference, never sees the internal note, and signs by hand.
      approval('gm', users('gm'), {
        label: { zh: '总经理审批', en: 'GM' },
        fieldPermissions: { f_paid_ref: 'required', f_internal_note: 'hidden' },
        requireSignature: true,
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

const button = (page: Page, name: RegExp) => page.getByRole('button', { name });
const row = (page: Page, href: string) => page.locator(`li.inbox-row:has(a[href="${href}"])`);

/**
 * Picks a colleague in the open people dialog by typing their name. The options come from a search
 * that may answer again while the list opens; a tap lost to a list redrawn under it is made again (up
 * to three times) until the dialog's confirm button is enabled, as a person would.
 */
async function pickPerson(page: Page, name: string) {
  const dialog = page.locator('.ant-modal');
  const input = dialog.locator('#task-person');
  const confirm = dialog.locator('.ant-modal-footer .ant-btn-primary');
  await input.pressSequentially(name);
  for (let tap = 1; ; tap++) {
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')
      .getByText(name, { exact: false })
      .first()
      .click();
    try {
      await expect.poll(() => confirm.isEnabled(), { timeout: 3_000 }).toBe(true);
      return;
    } catch (error) {
      if (tap === 3) throw error;
      await input.fill(name);
    }
  }
}

/** Signs on the task's signature pad with a few strokes of the pointer. */
async function drawSignature(page: Page) {
  const pad = page.locator('.signature-canvas');
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  await page.mouse.move(box.x + 20, box.y + 100);
  await page.mouse.down();
  await page.mouse.move(box.x + 90, box.y + 30, { steps: 8 });
  await page.mouse.move(box.x + 160, box.y + 110, { steps: 8 });
  await page.mouse.move(box.x + 240, box.y + 40, { steps: 8 });
  await page.mouse.up();
  await page.getByText('已签名').waitFor();
}

/** The GM opens their task on the instance and returns it to the chosen step, resuming as chosen. */
async function gmReturns(page: Page, viewport: ViewportName, instanceId: string, to: string, resume: string) {
  const taskId = await pendingTask(org, org.people.gm, instanceId);
  await openTask(page, url, taskId);
  await button(page, /^退\s*回$/).click();
  const dialog = page.locator('.ant-modal');
  // Nearest first: the team lead's step, then the submitter.
  expect(await dialog.getByRole('radio').first().getAttribute('value')).toBe('manager');
  await dialog.getByRole('radio', { name: to }).check();
  await dialog.getByRole('radio', { name: resume }).check();
  await screenshot(page, 'task-return', viewport);
  await dialog.getByRole('button', { name: /^退\s*回$/ }).click();
  await page.waitForURL('**/inbox');
  expect(await taskStatus(org, taskId)).toBe('returned');
}

describe('the inbox, as different people in their own browsers', () => {
  for (const viewport of ['desktop', 'phone'] as ViewportName[]) {
    it(`approves, returns, transfers, adds a signer, batch-approves and withdraws at the ${viewport} viewport`, async () => {
      const { employee, teamLead, gm, financeHead, consultant } = org.people;
      const claims: Record<string, Submitted> = {};
      for (const [key, amount] of [
        ['approve', '1200.00'],
        ['return', '300.00'],
        ['transfer', '450.00'],
        ['signer', '80.00'],
        ['batch1', '60.00'],
        ['batch2', '70.00'],
        ['withdraw', '999.00'],
        ['backToStart', '510.00'],
        ['backToLead', '520.00'],
      ] as const)
        claims[key] = await submitNew(employee, claim(amount));
      // Two claims wait at the GM, who returns one to the submitter and one to the team lead.
      for (const key of ['backToStart', 'backToLead']) await actOn(teamLead, claims[key]!.instanceId);

      const contexts: BrowserPage[] = [];
      try {
        const lead = await logInAs(browser, url, viewport, emailOf(teamLead));
        const boss = await logInAs(browser, url, viewport, emailOf(gm));
        const finance = await logInAs(browser, url, viewport, emailOf(financeHead));
        const submitter = await logInAs(browser, url, viewport, emailOf(employee));
        contexts.push(lead, boss, finance, submitter);

        // Approver 2 keeps the inbox open; a marker on window shows it is never reloaded.
        await boss.page.goto(`${url}/inbox`);
        await boss.page.getByRole('heading', { name: '待办中心' }).waitFor();
        await boss.page.evaluate(() => {
          (window as unknown as { stayed: boolean }).stayed = true;
        });
        const bossTodo = (await gm.client.get('/api/tasks/counts')).body.todo as number;

        // Approver 1: the to-do box lists the claims; approve one with a comment.
        await lead.page.goto(`${url}/inbox`);
        await lead.page.getByRole('heading', { name: '待办中心' }).waitFor();
        const approveTask = await pendingTask(org, teamLead, claims.approve!.instanceId);
        await lead.page.locator(`a.inbox-item[href="/tasks/${approveTask}"]`).waitFor();
        expect(await lead.page.locator('.inbox-item').first().textContent()).toContain('部门经理审批');
        // Each item names its record (the claim number, the form's first text field) and submitter.
        const approveRow = row(lead.page, `/tasks/${approveTask}`);
        expect(await approveRow.locator('.inbox-record-title').textContent()).toMatch(/^EX-\d{6}-\d{5}$/);
        expect(await approveRow.textContent()).toContain('提交人：employee');
        expect(await approveRow.textContent()).toContain('提交于');
        await screenshot(lead.page, 'inbox-todo', viewport);
        const approveTitle = await approveRow.locator('.inbox-record-title').textContent();
        await openTask(lead.page, url, approveTask);
        expect(await lead.page.locator('.page-heading h3').textContent()).toContain(approveTitle!);
        expect(await lead.page.locator('.task-submitted').textContent()).toContain('提交人：employee');
        await screenshot(lead.page, 'task-header', viewport);
        await lead.page.getByLabel('审批意见').fill('票据齐全，同意');
        await screenshot(lead.page, 'task-approve', viewport);
        await button(lead.page, /^同\s*意$/).click();
        await lead.page.waitForURL('**/inbox');
        expect(await taskStatus(org, approveTask)).toBe('approved');

        // The GM's open inbox shows the new task without a reload, with the count.
        const bossTask = await pendingTask(org, gm, claims.approve!.instanceId);
        await boss.page.locator(`a.inbox-item[href="/tasks/${bossTask}"]`).waitFor({ timeout: 15_000 });
        await expect
          .poll(() => boss.page.locator('.inbox-tab').first().textContent())
          .toContain(String(bossTodo + 1));
        expect(await boss.page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
        await screenshot(boss.page, 'inbox-live', viewport);
        await boss.page.locator(`a.inbox-item[href="/tasks/${bossTask}"]`).click();
        await boss.page.getByLabel('付款凭证号').fill(`PAY-${viewport}`);
        expect(await boss.page.getByText('内部备注').count()).toBe(0);
        await drawSignature(boss.page);
        await screenshot(boss.page, 'task-edit-sign', viewport);
        await button(boss.page, /^同\s*意$/).click();
        await boss.page.waitForURL('**/inbox');
        expect(await instanceStatus(org, claims.approve!.instanceId)).toBe('approved');
        const approved = await employee.client.get(
          `/api/forms/${expenseForm.id}/records/${claims.approve!.recordId}`,
        );
        expect(approved.body.data.f_paid_ref).toBe(`PAY-${viewport}`);
        const signed = await t.database.db
          .selectFrom('flow_tasks')
          .select('signature_file_id')
          .where('id', '=', bossTask)
          .executeTakeFirstOrThrow();
        expect(signed.signature_file_id).toMatch(/^fil_/);

        // Return: the first approver can only send the claim back to the submitter.
        const returnTask = await pendingTask(org, teamLead, claims.return!.instanceId);
        await openTask(lead.page, url, returnTask);
        await lead.page.getByLabel('审批意见').fill('请补充发票');
        await button(lead.page, /^退\s*回$/).click();
        const leadDialog = lead.page.locator('.ant-modal');
        expect(await leadDialog.getByRole('radio').count()).toBe(3);
        expect(await leadDialog.getByRole('radio', { name: '发起人（重新提交）' }).isChecked()).toBe(true);
        await leadDialog.getByRole('button', { name: /^退\s*回$/ }).click();
        await lead.page.waitForURL('**/inbox');
        expect(await taskStatus(org, returnTask)).toBe('returned');
        const back = (await employee.client.get('/api/tasks?box=todo')).body.items.find(
          (i: { instanceId: string }) => i.instanceId === claims.return!.instanceId,
        );
        expect(back).toMatchObject({ nodeId: 'start', taskStatus: 'pending' });

        // The GM returns one claim straight back to the submitter (it comes back to the GM, not the
        // team lead, once resubmitted), and another to the team lead to go through again.
        await gmReturns(
          boss.page,
          viewport,
          claims.backToStart!.instanceId,
          '发起人（重新提交）',
          '直接回到我这里审批',
        );
        expect(await todo(employee, claims.backToStart!.instanceId)).toMatchObject([{ nodeId: 'start' }]);
        const returned = await timeline(employee, claims.backToStart!.instanceId);
        expect(returned.find((e) => e.action === 'task.returned')).toMatchObject({
          action: 'task.returned',
          details: { to: 'start', resume: 'direct' },
        });
        await actOn(employee, claims.backToStart!.instanceId);
        expect(await todo(teamLead, claims.backToStart!.instanceId)).toEqual([]);
        expect(await todo(gm, claims.backToStart!.instanceId)).toMatchObject([{ nodeId: 'gm' }]);
        await gmReturns(
          boss.page,
          viewport,
          claims.backToLead!.instanceId,
          '部门经理审批',
          '按流程重新逐级审批',
        );
        expect(await todo(teamLead, claims.backToLead!.instanceId)).toMatchObject([{ nodeId: 'manager' }]);
        expect(await todo(employee, claims.backToLead!.instanceId)).toEqual([]);
        expect(await todo(gm, claims.backToLead!.instanceId)).toEqual([]);

        // Transfer to the finance head, picked by name; they approve it in their own browser.
        const transferTask = await pendingTask(org, teamLead, claims.transfer!.instanceId);
        await openTask(lead.page, url, transferTask);
        await button(lead.page, /^转\s*交$/).click();
        await pickPerson(lead.page, 'financeHead');
        await screenshot(lead.page, 'task-transfer', viewport);
        await lead.page
          .locator('.ant-modal')
          .getByRole('button', { name: /^转\s*交$/ })
          .click();
        await lead.page.waitForURL('**/inbox');
        expect(await taskStatus(org, transferTask)).toBe('transferred');
        const transferred = await pendingTask(org, financeHead, claims.transfer!.instanceId);
        await openTask(finance.page, url, transferred);
        await button(finance.page, /^同\s*意$/).click();
        await finance.page.waitForURL('**/inbox');
        expect(await taskStatus(org, transferred)).toBe('approved');
        expect(await pendingTask(org, gm, claims.transfer!.instanceId)).toEqual(expect.any(String));

        // Add a signer after me: my approval counts, the consultant must still sign at this node.
        const signerTask = await pendingTask(org, teamLead, claims.signer!.instanceId);
        await openTask(lead.page, url, signerTask);
        await button(lead.page, /^加\s*签$/).click();
        await pickPerson(lead.page, 'consultant');
        await lead.page.getByText('后加签（我同意后再由对方审批）').click();
        await screenshot(lead.page, 'task-add-signer', viewport);
        await lead.page
          .locator('.ant-modal')
          .getByRole('button', { name: /^加\s*签$/ })
          .click();
        await lead.page.waitForURL('**/inbox');
        expect(await tasks(org, claims.signer!.instanceId)).toEqual([
          'manager:consultant:pending',
          'manager:teamLead:approved',
        ]);
        expect(await pendingTask(org, consultant, claims.signer!.instanceId)).toEqual(expect.any(String));

        // Batch approve: select two rows of the to-do box.
        const batch = [
          await pendingTask(org, teamLead, claims.batch1!.instanceId),
          await pendingTask(org, teamLead, claims.batch2!.instanceId),
        ];
        await lead.page.reload();
        for (const taskId of batch)
          await row(lead.page, `/tasks/${taskId}`).locator('.ant-checkbox-input').check();
        await button(lead.page, /批量同意（2）/).waitFor();
        await screenshot(lead.page, 'inbox-batch', viewport);
        await button(lead.page, /批量同意/).click();
        await lead.page.getByText('已同意 2 条').waitFor();
        for (const taskId of batch) expect(await taskStatus(org, taskId)).toBe('approved');
        for (const taskId of batch)
          await lead.page.locator(`a[href="/tasks/${taskId}"]`).waitFor({ state: 'detached' });

        // The submitter withdraws a claim nobody has acted on, from the initiated box.
        await submitter.page.goto(`${url}/inbox?box=initiated`);
        const mine = row(submitter.page, `/forms/${expenseForm.id}/records/${claims.withdraw!.recordId}`);
        await mine.getByRole('button', { name: /^撤\s*回$/ }).click();
        await screenshot(submitter.page, 'inbox-withdraw', viewport);
        await submitter.page
          .locator('.ant-popconfirm')
          .getByRole('button', { name: /^撤\s*回$/ })
          .click();
        await submitter.page.getByText('已撤回').first().waitFor();
        expect(await instanceStatus(org, claims.withdraw!.instanceId)).toBe('withdrawn');

        for (const { problems } of contexts) expect(problems).toEqual([]);
      } finally {
        for (const { context } of contexts) await context.close();
      }
    });
  }
});
