import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../support/app';
import { launchBrowser, openPage, screenshot, type ViewportName } from '../support/browser';
import { nextWeekday, shanghaiInstant, tapDay, tapTime } from '../support/days';
import { field, form } from '../support/dealership/fields';
import { create, installForms } from '../support/dealership/install';
import { customer, laborOperation, part, repairOrder, vehicle } from '../support/dealership/service';
import { logIn } from '../support/log-in';

/**
 * Filling the repair order in Debian's Chromium against the real server (in-process, fresh PGlite), on a
 * showroom PC and on a phone: pick the vehicle (its plate is copied), add parts rows, see each line's
 * amount and the order's totals computed live before saving; a discount only the server rejects (an
 * expression validation) shows on its field; the draft survives a reload; the saved record holds what
 * was typed. Screenshots: tests/output/screenshots/fill-*.png.
 */

// The discount rule is checked on the server only (validations are not run in the browser).
const order = {
  ...repairOrder,
  fields: repairOrder.fields.map((f) =>
    f.id === 'f_discount'
      ? {
          ...f,
          validations: [
            {
              kind: 'expression' as const,
              expression: 'f_discount <= f_labor_total + f_parts_total',
              message: { zh: '优惠不能超过工时与配件合计', en: 'The discount exceeds the total' },
            },
          ],
        }
      : f,
  ),
};

// A form with an approval flow: a saved estimate goes to the manager.
const estimate = form('frm_estimate', 'app_service', '维修报价', 'Estimate', [
  field('f_item', 'text', '项目', 'Item', { required: true }),
  field('f_amount', 'money', '金额', 'Amount'),
]);

let t: TestApp;
let url: string;
let browser: Browser;
let adminId: string;
const parts: Record<string, string> = {};
let oilChange: string;

beforeAll(async () => {
  t = await testApp();
  await installForms(t.admin, [part, laborOperation, customer, vehicle, order, estimate]);
  adminId = (await t.admin.get('/api/me')).body.user.id as string;
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
  const owner = await create(t.admin, customer.id, { f_name: '陈志强', f_mobile: '13900139000' });
  await create(t.admin, vehicle.id, { f_vin: 'LSVAU2180N2183294', f_plate: '浙A12345', f_owner: owner.id });
  for (const [no, name, price] of [
    ['15400-RTA-003', '机油滤清器', '68.00'],
    ['08798-9036', '全合成机油 4L', '420.00'],
  ] as const)
    parts[no] = (await create(t.admin, part.id, { f_part_no: no, f_name: name, f_price_retail: price })).id;
  oilChange = (
    await create(t.admin, laborOperation.id, { f_op_code: 'LOF01', f_name: '更换机油机滤', f_std_hours: 1 })
  ).id;
  url = await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** Opens an antd select (by its input id) and picks the option whose text contains `text`. */
async function pick(page: Page, id: string, text: string) {
  await page.locator(`#${id}`).click();
  const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text });
  await option.first().click();
  // A closing dropdown still matches :visible for a moment; the next pick must not click into it.
  await expect.poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0);
}

/** The promised hand-over: next Tuesday 10:00 in Shanghai, whatever day the test runs on. */
const PROMISED_DAY = nextWeekday(2);

/** Typed on a desktop; on a phone (no keyboard for pickers) the day, then the time, picked in popups. */
async function pickDateTime(page: Page, id: string, phone: boolean) {
  const input = page.locator(`#${id}`);
  if (!phone) {
    await input.click();
    await input.fill(`${PROMISED_DAY} 10:00`);
    await input.press('Enter');
    return;
  }
  await tapDay(page, input, PROMISED_DAY);
  await page.locator(`#${id}-time`).click();
  await tapTime(page, '10', '00');
  await page.keyboard.press('Escape');
  await expect.poll(() => page.locator(`#${id}-time`).inputValue()).toBe('10:00');
}

async function typeNumber(page: Page, id: string, value: string) {
  const input = page.locator(`#${id}`);
  await input.fill(value);
  await input.blur();
}

const computed = (page: Page, id: string) => page.locator(`output#${id}`);

describe('filling a form in a browser', () => {
  for (const viewport of ['desktop', 'phone'] as ViewportName[]) {
    it(`fills the repair order with live totals, a server error, a draft and a save at the ${viewport} viewport`, async () => {
      const phone = viewport === 'phone';
      const { page, context, problems } = await openPage(browser, viewport);
      page.setDefaultTimeout(20_000);
      try {
        await logIn(page, url);
        await page.goto(`${url}/forms/${order.id}/records`);
        await page.getByRole('button', { name: /新\s*建/ }).click();
        await page.waitForURL(`**/forms/${order.id}/new`);
        await page.getByRole('heading', { name: '新建维修委托书' }).waitFor();

        // Labels are bound to their inputs.
        await page.getByLabel('进厂里程').fill('12345');
        await pick(page, 'root_f_vehicle', '浙A12345');
        // The relation's copy fills the plate at once.
        await expect.poll(() => page.locator('#root_f_plate').inputValue()).toBe('浙A12345');
        await pick(page, 'root_f_type', '客户付费');
        // The goodwill reason shows only for goodwill repairs (a visibility rule).
        expect(await page.locator('#root_f_goodwill_reason').count()).toBe(0);
        await pickDateTime(page, 'root_f_promised_at', phone);

        // Parts: two rows with quantities and prices; line amounts and totals computed as typed.
        const addRow = page.locator('#root_f_parts').getByRole('button', { name: /添加一行/ });
        await addRow.click();
        await addRow.click();
        await pick(page, 'root_f_parts_0_f_part', '15400-RTA-003');
        await typeNumber(page, 'root_f_parts_0_f_qty', '2');
        await typeNumber(page, 'root_f_parts_0_f_price', '120.5');
        await pick(page, 'root_f_parts_1_f_part', '08798-9036');
        await typeNumber(page, 'root_f_parts_1_f_qty', '1.5');
        await typeNumber(page, 'root_f_parts_1_f_price', '80');
        await expect.poll(() => computed(page, 'root_f_parts_0_f_amount').textContent()).toBe('¥241.00');
        await expect.poll(() => computed(page, 'root_f_parts_1_f_amount').textContent()).toBe('¥120.00');
        await expect.poll(() => computed(page, 'root_f_parts_total').textContent()).toBe('¥361.00');
        // Without labour lines the labour total is empty, and so is the order total (as on the server).
        await expect.poll(() => computed(page, 'root_f_total').textContent()).toBe('—');
        await page
          .locator('#root_f_labor')
          .getByRole('button', { name: /添加一行/ })
          .click();
        await pick(page, 'root_f_labor_0_f_op', 'LOF01');
        await typeNumber(page, 'root_f_labor_0_f_hours', '1.5');
        await typeNumber(page, 'root_f_labor_0_f_rate', '200');
        await expect.poll(() => computed(page, 'root_f_labor_0_f_amount').textContent()).toBe('¥300.00');
        await expect.poll(() => computed(page, 'root_f_total').textContent()).toBe('¥661.00');
        await typeNumber(page, 'root_f_discount', '11');
        await expect.poll(() => computed(page, 'root_f_total').textContent()).toBe('¥650.00');
        await page.locator('#root_f_parts').scrollIntoViewIfNeeded();
        await screenshot(page, 'fill-totals', viewport);

        // A discount larger than the total: only the server knows the rule; its message shows on the field.
        await typeNumber(page, 'root_f_discount', '700');
        await page.getByRole('button', { name: /保\s*存/ }).click();
        const discountItem = page.locator('.ant-form-item', { has: page.locator('#root_f_discount') });
        await discountItem.getByText('优惠不能超过工时与配件合计').waitFor();
        await page.getByText(/有 1 处需要修改/).waitFor();
        await discountItem.scrollIntoViewIfNeeded();
        await screenshot(page, 'fill-server-error', viewport);
        expect(page.url()).toContain('/new');

        // A reload loses nothing: the draft comes back.
        await page.waitForTimeout(500);
        await page.reload();
        await page.getByText('已恢复上次未保存的内容。').waitFor();
        expect(await page.locator('#root_f_odometer_in').inputValue()).toBe('12345');
        expect(await page.locator('#root_f_parts_1_f_qty').inputValue()).toBe('1.50');
        await expect.poll(() => computed(page, 'root_f_parts_total').textContent()).toBe('¥361.00');
        await expect.poll(() => page.locator('#root_f_discount').inputValue()).toBe('700.00');

        // Fixed and saved.
        await typeNumber(page, 'root_f_discount', '11');
        await page.getByRole('button', { name: /保\s*存/ }).click();
        await page.waitForURL(/\/records\/[^/]+\/edit$/);
        await page.getByRole('heading', { name: '编辑维修委托书' }).waitFor();
        if (!phone) await screenshot(page, 'fill-saved', viewport);
        const recordId = page.url().split('/records/')[1]!.split('/')[0]!;
        const saved = (await t.admin.get(`/api/forms/${order.id}/records/${recordId}`)).body;
        expect(saved.data).toMatchObject({
          f_odometer_in: 12345,
          f_plate: '浙A12345',
          f_type: 'CustomerPay',
          f_promised_at: shanghaiInstant(PROMISED_DAY, '10:00'),
          f_advisor: adminId,
          f_discount: '11.00',
          f_parts_total: '361.00',
          f_labor_total: '300.00',
          f_total: '650.00',
        });
        expect(saved.data.f_ro_no).toMatch(/^RO-\d{6}-\d{4}$/);
        expect(saved.data.f_labor).toMatchObject([{ f_op: oilChange, f_hours: 1.5, f_rate: '200.00' }]);
        expect(
          (saved.data.f_parts as Record<string, unknown>[]).map(({ f_part, f_qty, f_price, f_amount }) => ({
            f_part,
            f_qty,
            f_price,
            f_amount,
          })),
        ).toEqual([
          { f_part: parts['15400-RTA-003'], f_qty: 2, f_price: '120.50', f_amount: '241.00' },
          { f_part: parts['08798-9036'], f_qty: 1.5, f_price: '80.00', f_amount: '120.00' },
        ]);
        // The draft is gone once the server has the record.
        const drafts = await page.evaluate(() =>
          Object.keys(localStorage).filter((key) => key.startsWith('forecourt.draft')),
        );
        expect(drafts).toEqual([]);

        if (!phone) {
          // This form has no approval flow (the form says so, `hasFlow`): nothing to submit to.
          expect(await page.getByRole('button', { name: '提交审批' }).count()).toBe(0);
          // Someone else changes the record meanwhile: saving over it is refused and said clearly.
          const other = await t.admin.patch(`/api/forms/${order.id}/records/${recordId}`, {
            rev: saved.rev,
            data: { f_odometer_in: 12346 },
          });
          expect(other.status, JSON.stringify(other.body)).toBe(200);
          await page.getByLabel('进厂里程').fill('12400');
          await page.getByRole('button', { name: /保\s*存/ }).click();
          await page.getByText(/这条记录在你编辑期间已被他人修改/).waitFor();
          await screenshot(page, 'fill-conflict', viewport);
          expect(
            (await t.admin.get(`/api/forms/${order.id}/records/${recordId}`)).body.data.f_odometer_in,
          ).toBe(12346);
          // Reloaded, the draft comes back on top of the newest revision and saves only what this user changed.
          await page.getByRole('button', { name: '重新加载' }).click();
          await page.getByText(/这条记录在你离开后已被修改/).waitFor();
          expect(await page.locator('#root_f_odometer_in').inputValue()).toBe('12400');
          await page.getByRole('button', { name: /保\s*存/ }).click();
          await page.locator('.fill-alerts').getByText('已保存').waitFor();
          // A second save in a row sends the revision the first one answered.
          await typeNumber(page, 'root_f_discount', '12');
          await page.getByRole('button', { name: /保\s*存/ }).click();
          await page.locator('.fill-alerts').getByText('已保存').waitFor();
          await expect
            .poll(async () => (await t.admin.get(`/api/forms/${order.id}/records/${recordId}`)).body.data)
            .toMatchObject({ f_odometer_in: 12400, f_discount: '12.00', f_total: '649.00' });
        }

        // The browser logs the refusals it was meant to get (422 for the discount; on a desktop 409 once);
        // nothing else may go wrong.
        const expected = (p: string) => /status of (422|409)/.test(p);
        expect(problems.filter((p) => !expected(p))).toEqual([]);
        expect(problems.filter(expected)).toHaveLength(phone ? 1 : 2);
      } finally {
        await context.close();
      }
    });
  }

  it('saves a record and submits it for approval', async () => {
    const { page, context, problems } = await openPage(browser, 'desktop');
    page.setDefaultTimeout(20_000);
    try {
      await logIn(page, url);
      await page.goto(`${url}/forms/${estimate.id}/new`);
      await page.getByLabel('项目').fill('更换刹车片');
      await page.getByLabel('金额').fill('860');
      await page.getByRole('button', { name: /保\s*存/ }).click();
      await page.waitForURL(/\/records\/[^/]+\/edit$/);
      const recordId = page.url().split('/records/')[1]!.split('/')[0]!;
      await page.getByRole('button', { name: '提交审批' }).click();
      await page.waitForURL(`**/forms/${estimate.id}/records/${recordId}`);
      const record = (await t.admin.get(`/api/forms/${estimate.id}/records/${recordId}`)).body;
      expect(record.flowState).toBe('running');
      expect(record.data).toMatchObject({ f_item: '更换刹车片', f_amount: '860.00' });
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
