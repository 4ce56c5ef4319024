import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, type TestApp, testApp } from '../support/app';
import { launchBrowser, openPage, SCREENSHOTS_DIR } from '../support/browser';
import { lead, quote } from '../support/dealership/sales';
import {
  actOn,
  boxes,
  claim,
  dealershipOrg,
  expenseForm,
  instanceStatus,
  type Org,
  submitNew,
} from '../support/workflow';

/**
 * The visual workflow designer (designer/src/flow) in Chromium at 1440×900, as the workspace admin, on the
 * dealership org of the workflow suite: a two-level expense approval with a condition branch (over ¥5,000
 * the GM approves too) built with the "+" buttons and the people pickers, published, then claims of ¥3,000
 * and ¥8,000 submitted through the API land in the right inboxes. An invalid flow (an unreachable step; an
 * approver role nobody holds) cannot be published, and the problem points at its node, drawn in red. A
 * delay (at 1280×800) waits a set time or until a date field, earlier or later, saved as `wait`.
 */
let t: TestApp;
let org: Org;
let url: string;
let browser: Browser;

beforeAll(async () => {
  t = await testApp();
  org = await dealershipOrg(t);
  const empty = await t.admin.post('/api/roles', { code: 'RegionalManager', name: '区域经理' });
  expect(empty.status, JSON.stringify(empty.body)).toBe(201);
  url = await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function open(phone = false): Promise<{ page: Page; problems: string[]; close(): Promise<void> }> {
  const { page, context, problems } = await openPage(browser, phone ? 'phone' : 'desktop');
  if (!phone) await page.setViewportSize({ width: 1440, height: 900 });
  page.setDefaultTimeout(20_000);
  await page.goto(`${url}/`);
  await page.waitForURL('**/login');
  await page.getByLabel('邮箱').fill(ADMIN.email);
  await page.getByLabel('密码').fill(ADMIN.password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByRole('heading', { name: '你好，Administrator' }).waitFor();
  return { page, problems, close: () => context.close() };
}

async function shot(page: Page, name: string, width = 1440) {
  await page.screenshot({
    path: join(SCREENSHOTS_DIR, `flow-designer-${name}-${width}.png`),
    animations: 'disabled',
  });
}

const node = (page: Page, id: string) => page.locator(`.flow-node[data-node-id="${id}"]`);

/** Picks an option of an antd select found by its accessible name, typing to search first if asked. */
async function choose(page: Page, name: string, option: string, search?: string) {
  await page.getByRole('combobox', { name }).click();
  if (search) await page.keyboard.type(search);
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option })
    .first()
    .click();
  await page.keyboard.press('Escape');
}

async function insert(page: Page, edgeId: string, type: string) {
  await page.locator(`button[data-edge-id="${edgeId}"]`).click();
  await page.getByRole('menuitem', { name: type }).click();
}

async function workflow(formId: string) {
  const answer = await t.admin.get(`/api/forms/${formId}/workflow`);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body as { draft: { nodes: any[]; edges: any[] }; publishedVersion: number | null };
}

describe('the workflow designer', () => {
  it('builds, publishes and runs a two-level approval with a condition branch', async () => {
    const { page, problems, close } = await open();
    try {
      // From the app page's form card to the designer; a form without a flow starts from start → approval → end.
      await page.goto(`${url}/apps/app_admin`);
      await page.getByRole('link', { name: '设计流程' }).click();
      await page.waitForURL('**/design/forms/frm_expense/flow');
      await page.getByRole('heading', { name: '费用报销 · 流程设计' }).waitFor();
      await node(page, 'approval_1').waitFor();
      await page.getByText('草稿已保存').waitFor();
      expect(await page.locator('.flow-node').count()).toBe(3);

      // Level one: the team lead, picked by searching the directory.
      await node(page, 'approval_1').locator('.flow-node__body').click();
      await page.getByLabel('中文名称').fill('部门经理审批');
      await page.getByLabel('英文名称').fill('Manager');
      await page.getByRole('button', { name: '添加审批人规则' }).click();
      await choose(page, '指定成员', 'teamLead', 'team');
      await expect.poll(() => node(page, 'approval_1').textContent()).toContain('teamLead');

      // A condition block after it: split, a branch with a condition, the default, merging at the end.
      await insert(page, 'e_2', '条件分支');
      await node(page, 'condition_1').waitFor();
      expect(await page.locator('.flow-branch').count()).toBe(2);
      await page.locator('.flow-branch[data-edge-id="e_3"] .flow-branch__body').click();
      await page.getByRole('combobox', { name: '条件' }).fill('f_total > 5000');
      await expect
        .poll(() => page.locator('.flow-branch[data-edge-id="e_3"]').textContent())
        .toContain('f_total > 5000');
      // A condition that does not compile says why, inline.
      await page.getByRole('combobox', { name: '条件' }).fill('f_total >');
      await page.locator('.fd-expression-error').waitFor();
      await shot(page, 'condition');
      await page.getByRole('combobox', { name: '条件' }).fill('f_total > 5000');
      await expect.poll(() => page.locator('.fd-expression-error').count()).toBe(0);

      // Level two on that branch: whoever holds the GM role.
      await insert(page, 'e_3', '审批');
      await node(page, 'approval_2').waitFor();
      await page.getByLabel('中文名称').fill('总经理审批');
      await page.getByLabel('英文名称').fill('GM');
      await page.getByRole('button', { name: '添加审批人规则' }).click();
      await choose(page, '审批人类型', '角色');
      await choose(page, '角色', '总经理');
      await expect.poll(() => node(page, 'approval_2').textContent()).toContain('总经理');

      // Nothing left to fix: no red node, no problem list.
      await expect.poll(() => page.locator('.flow-issues').count()).toBe(0);
      expect(await page.locator('.is-invalid').count()).toBe(0);
      await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
      // The designer fills the window below the shell's header: the page itself does not scroll.
      expect(await page.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight)).toBe(
        true,
      );
      // Branch cards sit side by side under their split, in their order (the default last).
      const first = await page.locator('.flow-branch[data-edge-id="e_3"]').boundingBox();
      const otherwise = await page.locator('.flow-branch[data-edge-id="e_4"]').boundingBox();
      expect(first?.y).toBe(otherwise?.y);
      expect(first!.x).toBeLessThan(otherwise!.x);
      await shot(page, 'built');

      await page.getByRole('button', { name: '发布' }).click();
      await page.getByText('已发布为第 1 版').waitFor();
      await page.getByText('已发布 v1').waitFor();
      const saved = await workflow(expenseForm.id);
      expect(saved.publishedVersion).toBe(1);
      expect(saved.draft.nodes.map((n) => `${n.id}:${n.type}`).sort()).toEqual([
        'approval_1:approval',
        'approval_2:approval',
        'condition_1:condition',
        'end:end',
        'start:start',
      ]);
      expect(saved.draft.nodes.find((n) => n.id === 'approval_1').approvers).toEqual([
        { kind: 'users', userIds: [org.people.teamLead.id] },
      ]);
      expect(saved.draft.nodes.find((n) => n.id === 'approval_2').approvers).toEqual([
        { kind: 'roles', roleIds: [org.roles.gm] },
      ]);
      expect(saved.draft.edges.find((e) => e.id === 'e_3')).toEqual({
        id: 'e_3',
        from: 'condition_1',
        to: 'approval_2',
        condition: 'f_total > 5000',
      });

      // Claims of ¥3,000 and ¥8,000: both go to the team lead; only the big one reaches the GM.
      const small = await submitNew(org.people.employee, claim('3000.00'));
      const big = await submitNew(org.people.employee, claim('8000.00'));
      expect(await boxes(org, small.instanceId)).toEqual({ teamLead: ['approval_1'] });
      expect(await boxes(org, big.instanceId)).toEqual({ teamLead: ['approval_1'] });
      await actOn(org.people.teamLead, small.instanceId);
      await actOn(org.people.teamLead, big.instanceId);
      expect(await instanceStatus(org, small.instanceId)).toBe('approved');
      expect(await boxes(org, big.instanceId)).toEqual({ gm: ['approval_2'] });

      // The version history counts the instance still running on v1.
      await page.getByRole('button', { name: '版本历史' }).click();
      const row = page.locator('.flow-versions tbody tr').first();
      await expect.poll(() => row.textContent()).toContain('v1');
      expect(await row.locator('td').nth(3).textContent()).toBe('1');
      expect(await row.locator('td').nth(4).textContent()).toBe('2');
      await shot(page, 'versions');
      // The form had no flow: GET …/workflow answered 404 (the browser logs it) and the designer began one.
      expect(
        problems.filter((p) => !p.includes(`404 (Not Found) (${url}/api/forms/frm_expense/workflow)`)),
      ).toEqual([]);
    } finally {
      await close();
    }
  });

  it('refuses to publish an invalid flow and points at the node', async () => {
    // A draft saved with a step nothing leads to (drafts may be unfinished).
    const teamLead = [{ kind: 'users', userIds: [org.people.teamLead.id] }];
    const draft = {
      nodes: [
        { id: 'start', type: 'start' },
        {
          id: 'manager',
          type: 'approval',
          mode: 'any',
          label: { zh: '经理审批', en: 'Manager' },
          approvers: teamLead,
        },
        {
          id: 'orphan',
          type: 'approval',
          mode: 'any',
          label: { zh: '孤立节点', en: 'Orphan' },
          approvers: teamLead,
        },
        { id: 'end', type: 'end' },
      ],
      edges: [
        { id: 'e1', from: 'start', to: 'manager' },
        { id: 'e2', from: 'manager', to: 'end' },
        { id: 'e3', from: 'orphan', to: 'end' },
      ],
    };
    expect((await t.admin.put(`/api/forms/${quote.id}/workflow`, draft)).status).toBe(200);

    const { page, problems, close } = await open();
    try {
      await page.goto(`${url}/design/forms/${quote.id}/flow`);
      await node(page, 'orphan').waitFor();
      // The browser runs the server's checks: the unreachable step is red and listed.
      await expect.poll(() => node(page, 'orphan').getAttribute('class')).toContain('is-invalid');
      expect(await node(page, 'manager').getAttribute('class')).not.toContain('is-invalid');
      const issue = page.locator('.flow-issue', { hasText: 'cannot be reached from the start' });
      await issue.waitFor();
      await page.getByRole('button', { name: '发布' }).click();
      await page
        .getByText(/还有 \d+ 个问题，处理后才能发布/)
        .first()
        .waitFor();
      expect((await workflow(quote.id)).publishedVersion).toBeNull();
      // A click on the problem selects its node.
      await issue.click();
      await expect.poll(() => node(page, 'orphan').getAttribute('class')).toContain('is-selected');
      await page.locator('[data-panel-node="orphan"]').waitFor();
      await shot(page, 'unreachable');

      // Delete the stray step; then give the manager step a role nobody holds: only the server knows.
      await page.locator('[data-panel-node="orphan"]').getByRole('button', { name: '删除节点' }).click();
      await expect.poll(() => node(page, 'orphan').count()).toBe(0);
      await expect.poll(() => page.locator('.flow-issues').count()).toBe(0);
      await node(page, 'manager').locator('.flow-node__body').click();
      await choose(page, '审批人类型', '角色');
      await choose(page, '角色', '区域经理');
      await page.getByRole('button', { name: '发布' }).click();
      await page.getByText(/发布被拒绝：1 个问题/).waitFor();
      await expect.poll(() => node(page, 'manager').getAttribute('class')).toContain('is-invalid');
      expect(await node(page, 'manager').getAttribute('class')).toContain('is-selected');
      await page.locator('.flow-issue', { hasText: 'Role 区域经理 has no members' }).waitFor();
      expect((await workflow(quote.id)).publishedVersion).toBeNull();
      await shot(page, 'refused');

      // The heads of a department, picked from the tree: it has one, so the flow publishes.
      await choose(page, '审批人类型', '部门负责人');
      await page.getByRole('combobox', { name: '部门负责人' }).click();
      await page
        .locator('.ant-select-dropdown:visible .ant-select-tree-title', { hasText: '财务部' })
        .click();
      await page.keyboard.press('Escape');
      await expect.poll(() => node(page, 'manager').textContent()).toContain('财务部');
      await page.getByRole('button', { name: '发布' }).click();
      await page.getByText('已发布为第 1 版').waitFor();
      await expect.poll(() => node(page, 'manager').getAttribute('class')).not.toContain('is-invalid');
      const published = await workflow(quote.id);
      expect(published.publishedVersion).toBe(1);
      expect(published.draft.nodes.find((n) => n.id === 'manager').approvers).toEqual([
        { kind: 'departmentHeads', departmentIds: [org.departments.finance] },
      ]);

      // An edit, then straight back to the app (well within the 800 ms debounce): leaving saves it.
      await choose(page, '审批人类型', '角色');
      await choose(page, '角色', '区域经理');
      await page.getByRole('link', { name: '返回应用' }).click();
      await page.waitForURL(/\/apps\//);
      await expect
        .poll(
          async () =>
            (await workflow(quote.id)).draft.nodes.find((n) => n.id === 'manager').approvers[0].kind,
        )
        .toBe('roles');
      // The server's 422 is expected; nothing else went wrong.
      expect(problems.filter((p) => !p.includes('422'))).toEqual([]);
    } finally {
      await close();
    }
  });

  it('puts in a delay: a set time, or until a date field of the record, moved earlier', async () => {
    const teamLead = [{ kind: 'users', userIds: [org.people.teamLead.id] }];
    const draft = {
      nodes: [
        { id: 'start', type: 'start' },
        { id: 'manager', type: 'approval', mode: 'any', approvers: teamLead },
        { id: 'end', type: 'end' },
      ],
      edges: [
        { id: 'e1', from: 'start', to: 'manager' },
        { id: 'e2', from: 'manager', to: 'end' },
      ],
    };
    expect((await t.admin.put(`/api/forms/${lead.id}/workflow`, draft)).status).toBe(200);
    const delayOf = async () => (await workflow(lead.id)).draft.nodes.find((n) => n.id === 'delay_1')?.wait;

    const { page, problems, close } = await open();
    try {
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.goto(`${url}/design/forms/${lead.id}/flow`);
      await node(page, 'manager').waitFor();
      // A day's wait as it is put down, saved as minutes.
      await insert(page, 'e2', '延时');
      await node(page, 'delay_1').waitFor();
      await expect.poll(() => node(page, 'delay_1').textContent()).toContain('等待 1天');
      await expect.poll(delayOf).toEqual({ minutes: 1440 });

      // Until the day before the next follow-up (a date field of the lead).
      await page.getByRole('radio', { name: '直到日期字段的时间' }).check();
      await choose(page, '日期字段', '下次跟进');
      await page.getByRole('spinbutton', { name: '天' }).fill('1');
      await expect.poll(() => node(page, 'delay_1').textContent()).toContain('直到 下次跟进 前 1天');
      await expect.poll(delayOf).toEqual({ field: 'f_next_follow_up', offsetMinutes: -1440 });
      await page.locator('label', { hasText: '推后' }).click();
      await expect.poll(delayOf).toEqual({ field: 'f_next_follow_up', offsetMinutes: 1440 });
      await shot(page, 'delay', 1280);

      // Back to a set time: three days and two hours.
      await page.getByRole('radio', { name: '等待一段时间' }).check();
      await page.getByRole('spinbutton', { name: '天' }).fill('3');
      await page.getByRole('spinbutton', { name: '小时' }).fill('2');
      await expect.poll(() => node(page, 'delay_1').textContent()).toContain('等待 3天2小时');
      await expect.poll(delayOf).toEqual({ minutes: 3 * 1440 + 120 });
      expect(await page.locator('.is-invalid').count()).toBe(0);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('tells a phone to use a computer', async () => {
    const { page, problems, close } = await open(true);
    try {
      await page.goto(`${url}/design/forms/${expenseForm.id}/flow`);
      await page.getByText('请在电脑上设计流程：流程图需要更宽的屏幕。').waitFor();
      expect(await page.locator('.react-flow').count()).toBe(0);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});
