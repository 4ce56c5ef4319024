import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUser, USER_PASSWORD } from '../support/access';
import { type TestApp, testApp } from '../support/app';
import { launchBrowser, openPage, screenshot, type ViewportName } from '../support/browser';
import { Client } from '../support/client';
import { installForms } from '../support/dealership/install';
import { lead } from '../support/dealership/sales';
import { logIn } from '../support/log-in';

/**
 * The admin console in Chromium against the real server: as the admin, a store under the group, a role,
 * a user in both, a permission set on the lead form giving that user view of their own records, a
 * public link with its address, an API token made and revoked, and all of it in the audit log; a
 * colleague who is no admin sees no console and gets the server's 403 when they go there anyway.
 */
let t: TestApp;
let url: string;
let browser: Browser;

beforeAll(async () => {
  t = await testApp();
  await installForms(t.admin, [lead]);
  await newUser(t, 'colleague@dealer.test', '王同事');
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

/**
 * Opens an antd select (by its label) and picks the option showing `text`, typing it first to search;
 * checks the select then shows it, and picks again if the tap was lost (a list redrawn under it).
 * Only a multiple select's list stays open to be closed with Escape: on a closed single select the key
 * would reach the drawer around it, which closes.
 */
async function pick(page: Page, label: string, text: string, scope: Locator | Page = page) {
  const input = scope.getByLabel(label, { exact: true });
  const select = input.locator('xpath=ancestor::*[contains(concat(" ", @class, " "), " ant-select ")][1]');
  for (let attempt = 1; ; attempt++) {
    await input.click();
    await input.pressSequentially(text);
    const option = page
      .locator('.ant-select-dropdown:visible')
      .locator('.ant-select-item-option, .ant-select-tree-node-content-wrapper')
      .filter({ hasText: text })
      .first();
    await option.click();
    if (await select.evaluate((el) => el.classList.contains('ant-select-multiple')))
      await page.keyboard.press('Escape');
    await page.locator('.ant-select-dropdown:visible').first().waitFor({ state: 'hidden' });
    if (await select.filter({ hasText: text }).count()) return;
    if (attempt === 3) throw new Error(`The select “${label}” does not show “${text}” after three picks.`);
  }
}

async function openConsole(page: Page, phone: boolean) {
  if (phone) {
    await page.getByRole('button', { name: '打开菜单' }).click();
    await page.locator('.ant-drawer').getByRole('menuitem', { name: '管理后台' }).click();
  } else {
    await page.getByRole('menuitem', { name: '管理后台' }).click();
  }
  await page.waitForURL('**/admin/users');
  await page.getByRole('heading', { name: '用户' }).waitFor();
}

async function section(page: Page, name: string, heading: string) {
  await page.locator('.admin-menu').getByRole('menuitem', { name }).click();
  await page.getByRole('heading', { name: heading }).waitFor();
}

describe('the admin console at the desktop viewport', () => {
  it('builds the organisation, grants access, shares a link, makes a token and audits it all', async () => {
    const viewport: ViewportName = 'desktop';
    const { page, context, problems } = await openPage(browser, viewport);
    page.setDefaultTimeout(20_000);
    try {
      await logIn(page, url);
      await openConsole(page, false);
      await screenshot(page, 'admin-users', viewport);

      // A store under the group (the group is the workspace's root department, selected first).
      await section(page, '部门', '部门');
      await button(page, '在「Forecourt」下新建部门').click();
      const newDepartment = page.locator('.ant-modal');
      await newDepartment.getByLabel('名称').fill('杭州西湖店');
      await newDepartment.getByLabel('编码').fill('HZ01');
      await button(newDepartment, '创建').click();
      await page.locator('.ant-tree').getByText('杭州西湖店 (HZ01)').waitFor();
      const tree = (await t.admin.get('/api/departments')).body.departments;
      const store = tree[0].children.find((d: { name: string }) => d.name === '杭州西湖店');
      expect(store).toMatchObject({ kind: 'store', code: 'HZ01', parentId: tree[0].id });
      await screenshot(page, 'admin-departments', viewport);

      // A role.
      await section(page, '角色', '角色');
      await button(page, '新建角色').click();
      const roleModal = page.locator('.ant-modal');
      await roleModal.getByLabel('名称').fill('销售顾问');
      await roleModal.getByLabel('编码').fill('Consultant');
      await button(roleModal, '保存').click();
      await page.locator('.ant-table').getByText('销售顾问').waitFor();
      const role = (await t.admin.get('/api/roles')).body.roles.find(
        (r: { code: string }) => r.code === 'Consultant',
      );
      expect(role).toMatchObject({ name: '销售顾问' });

      // A user in the store with the role.
      await section(page, '用户', '用户');
      await button(page, '新建用户').click();
      const userDrawer = page.locator('.ant-drawer');
      await userDrawer.getByLabel('姓名').fill('陈晓明');
      await userDrawer.getByLabel('邮箱').fill('chen@dealer.test');
      await userDrawer.getByLabel('初始密码').fill(USER_PASSWORD);
      await pick(page, '部门', '杭州西湖店', userDrawer);
      await pick(page, '角色', '销售顾问', userDrawer);
      await screenshot(page, 'admin-user-drawer', viewport);
      await button(userDrawer, '保存').click();
      const row = page.locator('.ant-table-row', { hasText: '陈晓明' });
      await row.getByText('杭州西湖店').waitFor();
      await row.getByText('销售顾问').waitFor();
      const chen = (await t.admin.get('/api/users')).body.users.find(
        (u: { email: string }) => u.email === 'chen@dealer.test',
      );
      expect((await t.admin.get(`/api/users/${chen.id}`)).body).toMatchObject({
        departments: [{ departmentId: store.id, isPrimary: true }],
        roleIds: [role.id],
      });

      // The store now has a member: deleting it is refused by the server, and the page says why.
      await section(page, '部门', '部门');
      await page.locator('.ant-tree').getByText('杭州西湖店 (HZ01)').click();
      const detail = page.locator('.admin-detail-card');
      await detail.getByText('直属成员 1 人').waitFor();
      await detail.locator('.ant-tag', { hasText: '陈晓明' }).waitFor();
      await button(detail, '删除').click();
      await button(page.locator('.ant-popover'), '确定').click();
      const refusal = detail.locator('.ant-alert');
      await refusal.getByText('无法删除这个部门').waitFor();
      await refusal.getByText('This department still has members. Move them first.').waitFor();
      expect((await t.admin.get(`/api/departments/${store.id}`)).status).toBe(200);
      await screenshot(page, 'admin-department-refused', viewport);

      // A permission set on the lead form: view, own records, for 陈晓明.
      await section(page, '应用与权限', '应用与权限');
      await page
        .locator('.ant-list-item', { hasText: '线索' })
        .getByRole('link', { name: /数据权限/ })
        .click();
      await page.waitForURL(`**/admin/forms/${lead.id}/permissions`);
      await page.getByRole('heading', { name: '线索 · 数据权限' }).waitFor();
      await button(page, '新建权限组').click();
      const setDrawer = page.locator('.ant-drawer');
      await setDrawer.getByLabel('名称').fill('顾问看自己的线索');
      expect(await setDrawer.getByRole('checkbox', { name: '查看' }).isChecked()).toBe(true);
      expect(await setDrawer.getByRole('radio', { name: '本人的数据' }).isChecked()).toBe(true);
      await pick(page, '人员', '陈晓明', setDrawer);
      await screenshot(page, 'admin-permission-drawer', viewport);
      await button(setDrawer, '保存').click();
      await page.locator('.ant-table-row', { hasText: '顾问看自己的线索' }).getByText('陈晓明').waitFor();
      const [set] = (await t.admin.get(`/api/forms/${lead.id}/permission-sets`)).body.permissionSets;
      expect(set).toMatchObject({
        name: '顾问看自己的线索',
        preset: null,
        actions: ['view'],
        scope: { kind: 'own' },
        readFields: null,
        assignees: { users: [chen.id], departments: [], roles: [] },
      });
      const chenClient = new Client(t.app);
      expect((await chenClient.login('chen@dealer.test', USER_PASSWORD)).status).toBe(200);
      expect((await chenClient.get(`/api/forms/${lead.id}/records`)).status).toBe(200);
      expect((await chenClient.post(`/api/forms/${lead.id}/records`, { data: {} })).status).toBe(403);
      await screenshot(page, 'admin-permissions', viewport);

      // A public fill link, and its address.
      await page.goto(`${url}/admin/forms/${lead.id}/public-links`);
      await page.getByRole('heading', { name: '线索 · 公开链接' }).waitFor();
      await button(page, '新建公开链接').click();
      const linkDrawer = page.locator('.ant-drawer');
      await linkDrawer.getByLabel('名称').fill('官网预约试驾');
      await button(linkDrawer, '保存').click();
      const created = page.locator('.ant-modal-confirm');
      await created.locator('.ant-modal-confirm-title', { hasText: '链接已创建' }).waitFor();
      const [link] = (await t.admin.get(`/api/forms/${lead.id}/public-links`)).body.links;
      expect(link).toMatchObject({ name: '官网预约试驾', kind: 'fill', enabled: true, hasPassword: false });
      await created.getByText(`${url}/p/${link.token}`).waitFor();
      await screenshot(page, 'admin-public-link-created', viewport);
      await button(created, '知道了').click();
      await page
        .locator('.ant-table-row', { hasText: '官网预约试驾' })
        .getByText(`/p/${link.token}`)
        .waitFor();

      // An API token: its secret shown once and working, then revoked.
      await section(page, 'API 令牌', '我的 API 令牌');
      await button(page, '新建令牌').click();
      const tokenModal = page.locator('.ant-modal');
      await tokenModal.getByLabel('名称').fill('DMS 同步');
      await button(tokenModal, '创建').click();
      const secret = (await page.locator('.admin-secret code').textContent()) ?? '';
      expect(secret).toMatch(/^fct_/);
      expect((await Client.withToken(t.app, secret).get('/api/me')).status).toBe(200);
      await screenshot(page, 'admin-token-secret', viewport);
      await button(page, '我已保存').click();
      const tokenRow = page.locator('.ant-table-row', { hasText: 'DMS 同步' });
      await tokenRow.getByText('有效').waitFor();
      await button(tokenRow, '吊销').click();
      await button(page.locator('.ant-popover'), '确定').click();
      await tokenRow.getByText('已吊销').waitFor();
      expect((await Client.withToken(t.app, secret).get('/api/me')).status).toBe(401);

      // The audit log holds each of these, and narrows to one kind of action.
      await section(page, '审计日志', '审计日志');
      const log = page.locator('.ant-table');
      for (const action of [
        'department.create',
        'role.create',
        'user.create',
        'permission_set.create',
        'public_link.create',
        'token.create',
        'token.revoke',
      ]) {
        await log.getByText(action, { exact: true }).first().waitFor();
      }
      await screenshot(page, 'admin-audit', viewport);
      await pick(page, '动作', 'API 令牌');
      await expect
        .poll(async () => (await log.locator('.ant-table-row code').allTextContents()).sort())
        .toEqual(['token.create', 'token.revoke']);

      // The browser logs the refused delete (409) on the console: that one this test caused on purpose.
      expect(problems.filter((p) => !/status of 409 .*\/api\/departments\//.test(p))).toEqual([]);
    } catch (error) {
      await screenshot(page, 'admin-failure', viewport);
      throw new Error(`${error}\nproblems: ${problems.join('\n')}`);
    } finally {
      await context.close();
    }
  }, 180_000);
});

describe('the admin console on a phone', () => {
  it('shows the console’s pages readable at 390 px', async () => {
    const viewport: ViewportName = 'phone';
    const { page, context, problems } = await openPage(browser, viewport);
    page.setDefaultTimeout(20_000);
    try {
      await logIn(page, url);
      await openConsole(page, true);
      await page.locator('.ant-table-row', { hasText: '王同事' }).waitFor();
      await screenshot(page, 'admin-users', viewport);
      await page.goto(`${url}/admin/departments`);
      await page.locator('.ant-tree').getByText('Forecourt').waitFor();
      await screenshot(page, 'admin-departments', viewport);
      await page.goto(`${url}/admin/forms/${lead.id}/permissions`);
      await page.getByRole('heading', { name: '线索 · 数据权限' }).waitFor();
      await button(page, '新建权限组').click();
      // A row scope by condition, built with the condition rows: records whose owner is the reader.
      const drawer = page.locator('.ant-drawer');
      await drawer.getByLabel('名称').fill('按条件：本人负责');
      await drawer.locator('.ant-radio-button-wrapper', { hasText: '按条件' }).click();
      await button(drawer, '添加条件').click();
      await pick(page, '字段', '数据负责人', drawer);
      await pick(page, '条件', '是当前用户', drawer.locator('.admin-filter-row'));
      await screenshot(page, 'admin-permission-drawer', viewport);
      await button(drawer, '保存').click();
      await page.locator('.ant-table-row', { hasText: '按条件：本人负责' }).waitFor();
      const sets = (await t.admin.get(`/api/forms/${lead.id}/permission-sets`)).body.permissionSets;
      expect(sets.find((s: { name: string }) => s.name === '按条件：本人负责')).toMatchObject({
        actions: ['view'],
        scope: { kind: 'filter', filter: { field: '_owner', op: 'isMe' } },
      });
      await page.goto(`${url}/admin/audit`);
      await page.locator('.ant-table-row').first().waitFor();
      await screenshot(page, 'admin-audit', viewport);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});

describe('a colleague who is no admin', () => {
  for (const viewport of ['desktop', 'phone'] as ViewportName[]) {
    it(`sees no console and gets the server's 403 there at the ${viewport} viewport`, async () => {
      const { page, context, problems } = await openPage(browser, viewport);
      page.setDefaultTimeout(20_000);
      try {
        await logIn(page, url, 'colleague@dealer.test', USER_PASSWORD);
        if (viewport === 'phone') await page.getByRole('button', { name: '打开菜单' }).click();
        await page.getByRole('menuitem', { name: '首页' }).first().waitFor();
        expect(await page.getByRole('menuitem', { name: '管理后台' }).count()).toBe(0);

        const refused: string[] = [];
        page.on('response', (r) => r.status() === 403 && refused.push(new URL(r.url()).pathname));
        await page.goto(`${url}/admin/users`);
        await page.getByText('你没有权限查看这里').waitFor();
        expect(refused).toContain('/api/users');
        expect(await page.locator('.admin-menu').count()).toBe(0);
        await screenshot(page, 'admin-forbidden', viewport);
        await page.goto(`${url}/admin/audit`);
        await page.getByText('你没有权限查看这里').waitFor();
        expect(refused).toContain('/api/audit');
        // The browser reports each refused request on the console; those are the ones this test asked for.
        expect(problems.filter((p) => !/status of 403/.test(p))).toEqual([]);
      } finally {
        await context.close();
      }
    }, 60_000);
  }
});
