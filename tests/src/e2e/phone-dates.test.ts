import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../support/app';
import { launchBrowser, openPage, screenshot } from '../support/browser';
import { expectPopupOnScreen, nextWeekday, shanghaiInstant, tapDay, tapTime } from '../support/days';
import { booking, installBooking } from '../support/dealership/booking';
import { field, form } from '../support/dealership/fields';
import { installForms } from '../support/dealership/install';
import { logIn } from '../support/log-in';

/**
 * Picking days on a 390×844 phone, where antd's date-time popup once sat at left −160 px and hid the
 * Monday to Wednesday columns. A customer books a Monday, a Tuesday and a Wednesday on the public
 * booking page; a service advisor picks the same weekdays in a date and a date-time field on the staff
 * fill page (the date-time in two steps: the day, then the time). Each popup must lie on the screen,
 * and the stored values are checked through the API. The days are the next ones from today, so the
 * test means the same on any date. Screenshots: phone-dates-*.png.
 */
let t: TestApp;
let url: string;
let browser: Browser;
let token = '';

const WEEKDAYS = [
  ['Monday', 1],
  ['Tuesday', 2],
  ['Wednesday', 3],
] as const;

const visit = form('frm_visit', 'app_service', '到店安排', 'Visit plan', [
  field('f_customer', 'text', '客户', 'Customer', { required: true }),
  field('f_day', 'date', '到店日期', 'Day', { required: true }),
  field('f_at', 'datetime', '交车时间', 'Hand-over at', { required: true }),
]);

beforeAll(async () => {
  t = await testApp();
  await installBooking(t.admin);
  await installForms(t.admin, [visit]);
  const link = await t.admin.post(`/api/forms/${booking.id}/public-links`, { kind: 'fill', name: '预约' });
  expect(link.status, JSON.stringify(link.body)).toBe(201);
  token = link.body.token as string;
  url = await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('picking days on a phone', () => {
  it('books a Monday, a Tuesday and a Wednesday on the public booking page', async () => {
    const { page, context, problems } = await openPage(browser, 'phone');
    page.setDefaultTimeout(20_000);
    try {
      for (const [name, weekday] of WEEKDAYS) {
        const day = nextWeekday(weekday, 2);
        await page.goto(`${url}/p/${token}`);
        await page.getByLabel('姓名').fill(`客户${name}`);
        await page.getByLabel('手机号').fill('139 1234 5678');
        await page.getByLabel('车牌号').fill('沪AD12345');
        await page.getByRole('radio', { name: '常规保养' }).check();
        await page
          .locator('.ant-form-item')
          .filter({ has: page.getByLabel('时间段', { exact: true }) })
          .locator('.ant-select')
          .click();
        await page
          .locator('.ant-select-dropdown .ant-select-item-option', { hasText: '10:00–11:30' })
          .click();
        await tapDay(page, page.getByLabel('预约日期', { exact: true }), day);
        if (weekday === 1) {
          await page.getByLabel('预约日期', { exact: true }).click();
          await expectPopupOnScreen(page);
          await screenshot(page, 'phone-dates-public-popup', 'phone');
          await page.keyboard.press('Escape');
        }
        expect(await page.getByLabel('预约日期', { exact: true }).inputValue()).toBe(day);
        await page.getByRole('button', { name: /提\s*交/ }).click();
        await page.getByText('提交成功').waitFor();
      }
      const listed = await t.admin.get(`/api/forms/${booking.id}/records`);
      const booked = (listed.body.records as { data: Record<string, string> }[]).map((r) => [
        r.data.f_name,
        r.data.f_date,
      ]);
      expect(booked.sort()).toEqual(
        WEEKDAYS.map(([name, weekday]) => [`客户${name}`, nextWeekday(weekday, 2)]).sort(),
      );
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('picks the same weekdays in a date and a date-time field on the staff fill page', async () => {
    const { page, context, problems } = await openPage(browser, 'phone');
    page.setDefaultTimeout(20_000);
    try {
      await logIn(page, url);
      for (const [name, weekday] of WEEKDAYS) {
        const day = nextWeekday(weekday);
        await page.goto(`${url}/forms/${visit.id}/new`);
        await page.getByLabel('客户').fill(name);
        await tapDay(page, page.getByLabel('到店日期', { exact: true }), day);
        // The date-time in two steps: its day, then its time, each in a popup that fits the screen.
        await tapDay(page, page.getByLabel('交车时间', { exact: true }), day);
        await page.getByLabel('交车时间（时间）').click();
        await tapTime(page, '10', '30');
        if (weekday === 3) await screenshot(page, 'phone-dates-staff-time', 'phone');
        await page.keyboard.press('Escape');
        await expect.poll(() => page.getByLabel('交车时间（时间）').inputValue()).toBe('10:30');
        expect(await page.getByLabel('交车时间', { exact: true }).inputValue()).toBe(day);
        await page.getByRole('button', { name: /保\s*存/ }).click();
        await page.waitForURL(/\/records\/[^/]+\/edit$/);
        const recordId = page.url().split('/records/')[1]!.split('/')[0]!;
        const saved = (await t.admin.get(`/api/forms/${visit.id}/records/${recordId}`)).body;
        expect(saved.data).toMatchObject({
          f_customer: name,
          f_day: day,
          f_at: shanghaiInstant(day, '10:30'),
        });
      }
      await screenshot(page, 'phone-dates-staff-saved', 'phone');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
