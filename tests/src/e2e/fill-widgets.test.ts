import { FIELD_TYPES } from '@forecourt/schemas';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUser } from '../support/access';
import { type TestApp, testApp } from '../support/app';
import { launchBrowser, openPage, screenshot } from '../support/browser';
import { field, form, options } from '../support/dealership/fields';
import { create, installForms } from '../support/dealership/install';
import { customer } from '../support/dealership/service';
import { logIn } from '../support/log-in';

/**
 * One field of every type on one form, filled in the browser through its widget and saved: what the
 * server stores is what each widget meant (exact money, percent as a fraction, codes of the address, ids of
 * people and records, uploaded file ids). At 390×844 the same form renders with a widget per field.
 */
const every = form('frm_every', 'app_service', '全部控件', 'Every widget', [
  field('f_text', 'text', '单行文本', 'Text'),
  field('f_textarea', 'textarea', '多行文本', 'Long text'),
  field('f_email', 'email', '邮箱', 'Email'),
  field('f_url', 'url', '链接', 'Link'),
  field('f_phone', 'phone', '电话', 'Phone'),
  // Data linkage: the name of the customer with this phone number, looked up as it is typed.
  field('f_linked', 'text', '客户姓名', 'Customer name', {
    default: {
      kind: 'linkage',
      form: 'frm_customer',
      field: 'f_name',
      match: [{ sourceField: 'f_mobile', thisField: 'f_phone' }],
    },
  }),
  field('f_plate', 'plate', '车牌号', 'Plate'),
  field('f_vin', 'vin', '车架号', 'VIN'),
  field('f_resident_id', 'resident_id', '身份证号', 'Resident ID'),
  field('f_number', 'number', '数字', 'Number', { precision: 1, unit: 'km' }),
  field('f_mileage', 'mileage', '里程', 'Mileage'),
  field('f_money', 'money', '金额', 'Amount'),
  field('f_percent', 'percent', '百分比', 'Percent'),
  field('f_date', 'date', '日期', 'Date'),
  field('f_datetime', 'datetime', '日期时间', 'Date and time'),
  field('f_boolean', 'boolean', '是否', 'Yes/no'),
  field('f_select', 'select', '单选', 'Choice', {
    display: 'radio',
    options: [
      { value: 'A', label: { zh: '甲', en: 'A' }, color: '#52c41a' },
      { value: 'B', label: { zh: '乙', en: 'B' }, color: '#faad14' },
    ],
  }),
  field('f_multiselect', 'multiselect', '多选', 'Choices', {
    display: 'tags',
    options: options(['oil', '机油'], ['filter', '机滤'], ['tyre', '轮胎']),
  }),
  field('f_rating', 'rating', '评分', 'Rating'),
  field('f_nps', 'nps', '推荐值', 'NPS'),
  field('f_member', 'member', '成员', 'Member'),
  field('f_department', 'department', '部门', 'Department'),
  field('f_divider', 'divider', '分割线', 'Divider', { title: { zh: '更多信息', en: 'More' } }),
  field('f_description', 'description', '说明', 'Description', {
    content: { zh: '请如实填写以下内容。', en: 'Fill in truthfully.' },
  }),
  field('f_address', 'address', '地址', 'Address'),
  field('f_location', 'location', '定位', 'Location'),
  field('f_relation', 'relation', '客户', 'Customer', { target: 'frm_customer' }),
  field('f_lookup', 'lookup', '客户手机', 'Customer mobile', {
    relation: 'f_relation',
    targetField: 'f_mobile',
    resultType: 'text',
  }),
  field('f_rows', 'subform', '明细', 'Rows', {
    fields: [field('f_item', 'text', '项目', 'Item'), field('f_price', 'money', '价格', 'Price')],
  }),
  field('f_rollup', 'rollup', '明细合计', 'Rows total', {
    source: { subform: 'f_rows' },
    aggregate: 'sum',
    field: 'f_price',
    resultType: 'money',
  }),
  field('f_formula', 'formula', '公式', 'Formula', { expression: 'f_number * 2', resultType: 'number' }),
  field('f_serial', 'serial', '编号', 'No.', { pattern: 'EV-{seq:3}' }),
  field('f_image', 'image', '图片', 'Images'),
  field('f_attachment', 'attachment', '附件', 'Attachments'),
  field('f_signature', 'signature', '签名', 'Signature'),
]);

// A 1×1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

let t: TestApp;
let url: string;
let browser: Browser;
let advisor: string;
let department: string;
let chen: string;

beforeAll(async () => {
  t = await testApp();
  await installForms(t.admin, [customer, every]);
  department = (await t.admin.post('/api/departments', { name: '售后部', kind: 'department' })).body.id;
  advisor = (await newUser(t, 'advisor@dealer.test', '王顾问', { departments: [department] })).id;
  chen = (await create(t.admin, customer.id, { f_name: '陈志强', f_mobile: '13900139000' })).id;
  url = await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function pick(page: Page, id: string, text: string, search?: string) {
  await page.locator(`#${id}`).click();
  if (search) await page.locator(`#${id}`).fill(search);
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text })
    .first()
    .click();
}

/** Waits until no select dropdown is open (a closing one still matches :visible for a moment). */
async function closed(page: Page) {
  await expect.poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0);
}

describe('a widget for every field type', () => {
  it('covers every registered type', async () => {
    const types = new Set(every.fields.map((f) => f.type));
    const system = ['created_by', 'created_at', 'updated_by', 'updated_at', 'flow_state'];
    expect(FIELD_TYPES.filter((type) => !types.has(type) && !system.includes(type))).toEqual([]);
  });

  it('fills each widget and stores what it meant at the desktop viewport', async () => {
    const { page, context, problems } = await openPage(browser, 'desktop');
    page.setDefaultTimeout(20_000);
    try {
      await logIn(page, url);
      await page.goto(`${url}/forms/${every.id}/new`);
      await page.getByRole('heading', { name: '新建全部控件' }).waitFor();
      // Widgets load per type (form/registry.ts): each arrives, once.
      for (const f of every.fields.filter((f) => !['divider', 'description'].includes(f.type))) {
        await page.locator(`#root_${f.id}`).first().waitFor({ state: 'attached' });
        expect(await page.locator(`#root_${f.id}`).count(), f.type).toBe(1);
      }
      await page.getByText('更多信息').waitFor();
      await page.getByText('请如实填写以下内容。').waitFor();

      await page.getByLabel('单行文本').fill('前保险杠刮擦');
      await page.getByLabel('多行文本').fill('客户反映：\n左前轮异响');
      await page.getByLabel('邮箱').fill('Wang@Dealer.TEST');
      await page.getByLabel('链接').fill('https://www.autohome.com.cn/');
      await page.getByLabel('电话').fill('139 0013 9000');
      await expect.poll(() => page.getByLabel('客户姓名').inputValue()).toBe('陈志强');
      await page.getByLabel('车牌号').fill('浙a12345');
      expect(await page.getByLabel('车牌号').inputValue()).toBe('浙A12345');
      await page.getByLabel('车架号').fill('lsvau2180n2183294');
      await page.getByLabel('身份证号').fill('11010519491231002x');
      await page.getByLabel('数字').fill('12.3');
      await page.getByLabel('里程').fill('12345');
      await page.getByLabel('里程').blur();
      // Whole kilometres, grouped as they are read on an odometer.
      expect(await page.getByLabel('里程').inputValue()).toBe('12,345');
      await page.getByLabel('金额').fill('12345678901234.56');
      await page.getByLabel('百分比').fill('15.25');
      await page.getByLabel('日期', { exact: true }).fill('2026-03-01');
      await page.getByLabel('日期', { exact: true }).press('Enter');
      await page.getByLabel('日期时间').fill('2026-03-01 08:30');
      await page.getByLabel('日期时间').press('Enter');
      await page.getByLabel('是否').click();
      await page.getByText('乙', { exact: true }).click();
      await pick(page, 'root_f_multiselect', '机油');
      await pick(page, 'root_f_multiselect', '轮胎');
      await page.keyboard.press('Escape');
      await closed(page);
      await page.locator('#root_f_rating li').nth(3).click();
      await page.locator('#root_f_nps').getByText('9', { exact: true }).click();
      await pick(page, 'root_f_member', '王顾问', '王');
      await closed(page);
      await page.locator('#root_f_department').click();
      await page.locator('.ant-select-tree-node-content-wrapper', { hasText: '售后部' }).click();
      await page.locator('#root_f_address').click();
      for (const name of ['浙江省', '杭州市', '西湖区'])
        await page
          .locator('.ant-cascader-dropdown:visible .ant-cascader-menu-item', { hasText: name })
          .first()
          .click();
      await page.getByLabel('详细地址').fill('文三路 90 号');
      await page.getByLabel('经度').fill('120.15507');
      await page.getByLabel('纬度').fill('30.274084');
      await pick(page, 'root_f_relation', '陈志强');
      await closed(page);
      await expect.poll(() => page.locator('output#root_f_lookup').textContent()).toBe('+8613900139000');
      await page
        .locator('#root_f_rows')
        .getByRole('button', { name: /添加一行/ })
        .click();
      await page.locator('#root_f_rows_0_f_item').fill('洗车');
      await page.locator('#root_f_rows_0_f_price').fill('0.1');
      await page
        .locator('#root_f_rows')
        .getByRole('button', { name: /添加一行/ })
        .click();
      await page.locator('#root_f_rows_1_f_price').fill('0.2');
      await page.locator('#root_f_rows_1_f_price').blur();
      // Exact decimals: 0.1 + 0.2 is 0.30, not 0.30000000000000004.
      await expect.poll(() => page.locator('output#root_f_rollup').textContent()).toBe('¥0.30');
      await expect.poll(() => page.locator('output#root_f_formula').textContent()).toBe('24.6');

      // Uploads with progress, then the file id in the field.
      await page
        .locator('input[type=file]#root_f_image')
        .setInputFiles({ name: '前杠.png', mimeType: 'image/png', buffer: PNG });
      await page.locator('input[type=file]#root_f_attachment').setInputFiles({
        name: '报价单.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n'),
      });
      const item = (id: string) => page.locator('.ant-form-item', { has: page.locator(`#${id}`) });
      await item('root_f_image').locator('.ant-upload-list-item-done').waitFor();
      await item('root_f_attachment')
        .locator('.ant-upload-list-item-done', { hasText: '报价单.pdf' })
        .waitFor();
      // A signature drawn with the mouse, then kept.
      const pad = page.locator('canvas#root_f_signature');
      await pad.scrollIntoViewIfNeeded();
      const box = (await pad.boundingBox())!;
      await page.mouse.move(box.x + 20, box.y + 40);
      await page.mouse.down();
      await page.mouse.move(box.x + 120, box.y + 90, { steps: 8 });
      await page.mouse.move(box.x + 200, box.y + 50, { steps: 8 });
      await page.mouse.up();
      await page.getByRole('button', { name: '确认签名' }).click();
      await page.locator('img#root_f_signature').waitFor();
      await screenshot(page, 'fill-widgets', 'desktop');

      await page.getByRole('button', { name: /保\s*存/ }).click();
      await page.waitForURL(/\/records\/[^/]+\/edit$/);
      const recordId = page.url().split('/records/')[1]!.split('/')[0]!;
      const { data } = (await t.admin.get(`/api/forms/${every.id}/records/${recordId}`)).body;
      expect(data).toMatchObject({
        f_text: '前保险杠刮擦',
        f_textarea: '客户反映：\n左前轮异响',
        f_email: 'Wang@dealer.test',
        f_url: 'https://www.autohome.com.cn/',
        f_phone: '+8613900139000',
        f_linked: '陈志强',
        f_plate: '浙A12345',
        f_vin: 'LSVAU2180N2183294',
        f_resident_id: '11010519491231002X',
        f_number: 12.3,
        f_mileage: 12345,
        f_money: '12345678901234.56',
        f_percent: 0.1525,
        f_date: '2026-03-01',
        f_datetime: '2026-03-01T00:30:00.000Z',
        f_boolean: true,
        f_select: 'B',
        f_multiselect: ['oil', 'tyre'],
        f_rating: 4,
        f_nps: 9,
        f_member: advisor,
        f_department: department,
        f_address: { province: '330000', city: '330100', district: '330106', detail: '文三路 90 号' },
        f_location: { lng: 120.15507, lat: 30.274084 },
        f_relation: chen,
        f_lookup: '+8613900139000',
        f_rollup: '0.30',
        f_formula: 24.6,
        f_serial: 'EV-001',
      });
      expect(data.f_rows).toMatchObject([{ f_item: '洗车', f_price: '0.10' }, { f_price: '0.20' }]);
      expect(data.f_image).toMatchObject([{ name: '前杠.png', mime: 'image/png' }]);
      expect(data.f_attachment).toMatchObject([{ name: '报价单.pdf', mime: 'application/pdf' }]);
      expect(data.f_signature.fileId).toEqual(expect.any(String));
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('renders a widget for every field on a phone', async () => {
    const { page, context, problems } = await openPage(browser, 'phone');
    page.setDefaultTimeout(20_000);
    try {
      await logIn(page, url);
      await page.goto(`${url}/forms/${every.id}/new`);
      await page.getByRole('heading', { name: '新建全部控件' }).waitFor();
      // Widgets load per type (form/registry.ts): each arrives, once.
      for (const f of every.fields.filter((f) => !['divider', 'description'].includes(f.type))) {
        await page.locator(`#root_${f.id}`).first().waitFor({ state: 'attached' });
        expect(await page.locator(`#root_${f.id}`).count(), f.type).toBe(1);
      }
      // Nothing wider than the screen.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await screenshot(page, 'fill-widgets', 'phone');
      await page.locator('#root_f_address').scrollIntoViewIfNeeded();
      await screenshot(page, 'fill-widgets-lower', 'phone');
      // Opening a form and leaving it writes no draft (recomputed formulas alone are no change).
      await page.waitForTimeout(500);
      await page.reload();
      await page.getByRole('heading', { name: '新建全部控件' }).waitFor();
      await page.locator('#root_f_text').waitFor();
      expect(await page.getByText('已恢复上次未保存的内容。').count()).toBe(0);
      expect(
        await page.evaluate(() =>
          Object.keys(localStorage).filter((key) => key.startsWith('forecourt.draft')),
        ),
      ).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
