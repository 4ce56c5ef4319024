import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../support/app';
import { launchBrowser, openPage, screenshot } from '../support/browser';
import { create, installForms } from '../support/dealership/install';
import { lead } from '../support/dealership/sales';
import { card, DESIGNER, drag, paletteItem, props, settled, waitSaved } from '../support/form-designer';
import { logIn } from '../support/log-in';

/**
 * The form designer changing published forms: a type change on a form with records shows how many
 * values convert before publishing and keeps every value; a new option never reuses a deleted option's
 * value; edits made just before following a toolbar link are saved, and a draft the server refuses
 * asks before it is left behind.
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

async function savedDraft(formId: string) {
  return (await t.admin.get(`/api/forms/${formId}`)).body.form.draft as { fields: Record<string, any>[] };
}

/** The Chinese labels of the draft's first field's options. */
async function optionLabels(formId: string): Promise<string[]> {
  const options = ((await savedDraft(formId)).fields[0]?.options ?? []) as { label: { zh: string } }[];
  return options.map((o) => o.label.zh);
}

describe('the form designer changing published forms', () => {
  it('shows how many values a type change converts before publishing, and keeps every value', async () => {
    // A form with a text field of stock numbers, three records; one value is not a number.
    const created = await t.admin.post(`/api/apps/${lead.app}/forms`, {
      id: 'frm_stock',
      title: { zh: '库存登记', en: 'Stock' },
      fields: [
        { id: 'f_model', type: 'text', label: { zh: '车型', en: 'Model' } },
        { id: 'f_count', type: 'text', label: { zh: '数量', en: 'Count' } },
      ],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect((await t.admin.post('/api/forms/frm_stock/publish')).status).toBe(200);
    const values = { 'CR-V': '12', 雅阁: '7', 思域: '待盘点' };
    for (const [model, count] of Object.entries(values))
      await create(t.admin, 'frm_stock', { f_model: model, f_count: count });

    const { page, context, problems } = await openPage(browser, 'desktop');
    await page.setViewportSize(DESIGNER);
    page.setDefaultTimeout(20_000);
    try {
      await logIn(page, url);
      await page.goto(`${url}/design/forms/frm_stock`);
      await card(page, 'f_count').click();
      const type = props(page).getByLabel('字段类型');
      await type.click();
      await page
        .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '数字' })
        .first()
        .click();
      await expect.poll(() => card(page, 'f_count').textContent()).toContain('数字');
      await waitSaved(page);
      await page.getByRole('button', { name: /发\s*布/ }).click();
      const change = page.getByTestId('publish-summary').locator('.fd-type-change[data-field-id="f_count"]');
      await change.getByText('2 条记录的值可以转换').waitFor();
      await change.getByText('1 条记录的值无法转换').waitFor();
      await settled(page);
      await screenshot(page, 'form-designer-type-change', 'desktop');
      await page.getByRole('button', { name: /确认发布/ }).click();
      await page.getByText('已发布版本 2').waitFor();
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
    // In English: the same designer, every string translated (a select's options in the panel).
    const english = await openPage(browser, 'desktop', { locale: 'en' });
    try {
      await english.page.setViewportSize(DESIGNER);
      await logIn(english.page, url);
      await english.page.goto(`${url}/design/forms/frm_stock`);
      await drag(
        english.page,
        paletteItem(english.page, 'select'),
        english.page.locator('.fd-zone-end').first(),
      );
      await english.page.getByRole('tab', { name: 'Field' }).waitFor();
      await screenshot(english.page, 'form-designer-en', 'desktop');
      expect(english.problems).toEqual([]);
    } finally {
      await english.context.close();
    }
    // On a phone the designer says to use a PC, and links to the records.
    const phone = await openPage(browser, 'phone');
    try {
      await logIn(phone.page, url);
      await phone.page.goto(`${url}/design/forms/frm_stock`);
      await phone.page.getByText('表单设计需要在电脑上进行').waitFor();
      await screenshot(phone.page, 'form-designer', 'phone');
      expect(phone.problems).toEqual([]);
    } finally {
      await phone.context.close();
    }
    const records = (await t.admin.get('/api/forms/frm_stock/records')).body.records as {
      data: Record<string, unknown>;
      unconverted: Record<string, { type: string; value: unknown }> | null;
    }[];
    expect(records).toHaveLength(3);
    const byModel = Object.fromEntries(records.map((r) => [r.data.f_model, r]));
    expect(byModel['CR-V']?.data.f_count).toBe(12);
    expect(byModel.雅阁?.data.f_count).toBe(7);
    // The value that did not convert is kept on its record, not lost.
    expect(byModel.思域?.data.f_count ?? null).toBeNull();
    expect(byModel.思域?.unconverted).toEqual({ f_count: { type: 'text', value: '待盘点' } });
  });

  it('never reuses a deleted option value, and saves the last edit when a toolbar link is followed', async () => {
    const colour = (n: number, zh: string, en: string) => ({ value: `option_${n}`, label: { zh, en } });
    const created = await t.admin.post(`/api/apps/${lead.app}/forms`, {
      id: 'frm_colour',
      title: { zh: '车身颜色登记', en: 'Colours' },
      fields: [
        {
          id: 'f_colour',
          type: 'select',
          label: { zh: '颜色', en: 'Colour' },
          options: [colour(1, '白', 'White'), colour(2, '黑', 'Black'), colour(3, '红', 'Red')],
        },
      ],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect((await t.admin.post('/api/forms/frm_colour/publish')).status).toBe(200);

    const { page, context, problems } = await openPage(browser, 'desktop');
    await page.setViewportSize(DESIGNER);
    page.setDefaultTimeout(20_000);
    try {
      await logIn(page, url);
      await page.goto(`${url}/design/forms/frm_colour`);
      await card(page, 'f_colour').click();
      // Delete 红 (option_3), add an option: its value is new, not option_3 again.
      await props(page).getByRole('button', { name: '删除选项' }).nth(2).click();
      await props(page).getByRole('button', { name: '添加选项' }).click();
      await props(page).getByLabel('选项 3（中文）').fill('蓝');
      await waitSaved(page);
      const options = (await savedDraft('frm_colour')).fields[0]?.options as { value: string }[];
      expect(options.map((o) => o.value).slice(0, 2)).toEqual(['option_1', 'option_2']);
      expect(options[2]?.value).toMatch(/^option_[0-9a-z]{6}$/);

      // Two options named the same: the server refuses the draft, and leaving asks first.
      await props(page).getByLabel('选项 2（中文）').fill('白');
      await expect
        .poll(() => page.locator('.fd-save').getAttribute('data-status'), { timeout: 15_000 })
        .toBe('invalid');
      await page.getByRole('link', { name: '权限设置' }).click();
      const dialog = page.getByRole('dialog').filter({ hasText: '草稿未能保存' });
      await dialog.waitFor();
      await settled(page);
      await screenshot(page, 'form-designer-leave-invalid', 'desktop');
      await dialog.getByRole('button', { name: /取\s*消/ }).click();
      await dialog.waitFor({ state: 'hidden' });
      expect(page.url()).toContain('/design/forms/frm_colour');

      // A valid edit, then the link at once (well within the 800 ms debounce): the edit is saved.
      await props(page).getByLabel('选项 2（中文）').fill('黑');
      await props(page).getByLabel('选项 3（中文）').fill('天空蓝');
      await page.getByRole('link', { name: '权限设置' }).click();
      await page.waitForURL(/\/admin\/forms\/frm_colour\/permissions/);
      expect(await optionLabels('frm_colour')).toEqual(['白', '黑', '天空蓝']);

      // Back in the designer (a page load), an edit then the browser's back button: the page goes away
      // before the debounce, and the keepalive request sent on pagehide saves the edit.
      await page.goto(`${url}/design/forms/frm_colour`);
      await card(page, 'f_colour').click();
      await props(page).getByLabel('选项 3（中文）').fill('海蓝');
      await page.goBack();
      await expect.poll(async () => (await optionLabels('frm_colour'))[2]).toBe('海蓝');
      // The browser logs the refusals of the duplicate label, as it was meant to get them.
      expect(problems.filter((p) => !/status of 422 .*\/api\/forms\/frm_colour\)/.test(p))).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
