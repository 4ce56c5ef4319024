import { sql } from 'kysely';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../support/app';
import { launchBrowser, openPage, screenshot, type ViewportName } from '../support/browser';
import { shanghaiDay, tapDay } from '../support/days';
import { booking, installBooking } from '../support/dealership/booking';

/**
 * The public pages in Chromium, as a customer meets them: no login, no app chrome, a phone first. An
 * admin (through the API) installs the service booking form and makes links; an anonymous visitor books
 * a service on a fill link (a server rule refusing a same-day date shows on the date field), gets the
 * booking number, and finds the booking again on a query link by mobile and plate. Password, expiry,
 * a switched-off link and the rate limit each show their own page. Screenshots: public-*.png.
 */
let t: TestApp;
let url: string;
let browser: Browser;
const token: Record<'fill' | 'query' | 'password' | 'expired' | 'disabled' | 'limited', string> = {
  fill: '',
  query: '',
  password: '',
  expired: '',
  disabled: '',
  limited: '',
};
const PASSWORD = 'spring-2026';

async function newLink(settings: Record<string, unknown>) {
  const response = await t.admin.post(`/api/forms/${booking.id}/public-links`, { kind: 'fill', ...settings });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body as { id: string; token: string; url: string };
}

/** Bookings as stored, with the channel tag (not part of the record API's answer). */
async function storedBookings() {
  const { rows } = await sql<{ id: string; channel: string | null }>`
    select id, channel from records where form_id = ${booking.id} order by created_at, id`.execute(
    t.database.db,
  );
  return rows;
}

beforeAll(async () => {
  t = await testApp();
  await installBooking(t.admin);
  token.fill = (await newLink({ name: '微信服务号预约', channel: 'wechat-2026' })).token;
  token.query = (
    await newLink({
      kind: 'query',
      name: '预约查询',
      queryFields: ['f_mobile', 'f_plate'],
      resultFields: ['f_no', 'f_date', 'f_slot', 'f_service_type', 'f_status'],
    })
  ).token;
  token.password = (await newLink({ name: '老客户专享', password: PASSWORD })).token;
  const expired = await newLink({
    name: '春季活动',
    expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
  });
  // An expiry must lie ahead when it is set; let this one pass as time would.
  await sql`update public_links set expires_at = now() - interval '1 day' where id = ${expired.id}`.execute(
    t.database.db,
  );
  token.expired = expired.token;
  const disabled = await newLink({ name: '已停用' });
  expect((await t.admin.patch(`/api/public-links/${disabled.id}`, { enabled: false })).status).toBe(200);
  token.disabled = disabled.token;
  token.limited = (await newLink({ name: '限流', rateLimit: 1 })).token;
  url = await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** The page has none of the staff app's frame and nothing wider than the screen. */
async function expectPublicFrame(page: Page, width: number) {
  expect(await page.locator('.shell, .shell-sider, .phone-tabs, .nav-menu').count()).toBe(0);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
}

/** Every control a thumb uses is at least 44 px tall. */
async function expectTouchTargets(page: Page, selector: string) {
  const heights = await page.locator(selector).evaluateAll((elements) =>
    elements
      // An input with a prefix or suffix is drawn by its wrapper; that is what the thumb hits.
      .map((e) => e.closest('.ant-input-affix-wrapper, .ant-input-number') ?? e)
      .map((e) => [e.className, e.getBoundingClientRect().height] as const),
  );
  expect(heights.length).toBeGreaterThan(0);
  for (const [name, height] of heights) expect(height, String(name)).toBeGreaterThanOrEqual(44);
}

/** Refused public calls make the browser log "Failed to load resource"; those the test expects are fine. */
function unexpected(problems: string[], statuses: number[]): string[] {
  return problems.filter(
    (p) => !(p.includes('/api/public/') && statuses.some((s) => p.includes(`status of ${s}`))),
  );
}

/** Opens the dropdown of the field labelled `label` and picks `option`. */
async function choose(page: Page, label: string, option: string) {
  await page
    .locator('.ant-form-item')
    .filter({ has: page.getByLabel(label, { exact: true }) })
    .locator('.ant-select')
    .click();
  await page.locator('.ant-select-dropdown .ant-select-item-option', { hasText: option }).click();
}

describe('public pages in a browser', () => {
  it('lets an anonymous customer book a service on a phone and shows the server’s verdict on its field', async () => {
    const viewport: ViewportName = 'phone';
    const { page, context, problems } = await openPage(browser, viewport);
    page.setDefaultTimeout(20_000);
    try {
      await page.goto(`${url}/p/${token.fill}`);
      await page.getByRole('heading', { name: '预约保养维修' }).waitFor();
      await page.getByText('提交后服务顾问会在 30 分钟内电话确认').waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
      expect(await page.title()).toBe('预约保养维修');
      await page.getByLabel('姓名').waitFor();
      await screenshot(page, 'public-fill', viewport);
      await expectPublicFrame(page, 390);
      await expectTouchTargets(
        page,
        '.public-form input.ant-input, .public-form .ant-select, .public-form .ant-input-number, .public-form .ant-picker, .public-fill .ant-radio-wrapper, .public-submit, .public-language',
      );
      // What an anonymous visitor must never see: the store's own status field, people, computed serials.
      expect(await page.getByLabel('预约状态').count()).toBe(0);
      expect(await page.getByLabel('预约号').count()).toBe(0);

      // The browser asks for the required fields first.
      await page.getByRole('button', { name: /提\s*交/ }).click();
      await page.getByText('请填写姓名').waitFor();
      await page.getByText('请选择服务类型').waitFor();

      await page.getByLabel('姓名').fill('李伟');
      await page.getByLabel('手机号').fill('139 1234 5678');
      await page.getByLabel('车牌号').fill('沪AD12345');
      await page.getByLabel('车型').fill('CR-V 2023款');
      await page.getByLabel('当前里程').fill('19870');
      await page.getByRole('radio', { name: '常规保养' }).check();
      await choose(page, '时间段', '08:30–10:00');
      await page.getByLabel('备注 / 故障描述').fill('刹车有异响');
      // Today: only the server's rule knows a same-day booking cannot be planned; it names the field.
      await tapDay(page, page.getByLabel('预约日期', { exact: true }), shanghaiDay(0));
      await page.getByRole('button', { name: /提\s*交/ }).click();
      const dateItem = page.locator('.ant-form-item').filter({ has: page.getByLabel('预约日期') });
      await dateItem.getByText('请选择明天或以后的日期').waitFor();
      expect(await storedBookings()).toEqual([]);
      await screenshot(page, 'public-fill-error', viewport);

      await tapDay(page, page.getByLabel('预约日期', { exact: true }), shanghaiDay(3));
      await page.getByRole('button', { name: /提\s*交/ }).click();
      await page.getByText('提交成功').waitFor();
      const shown = page.getByTestId('public-reference').locator('.public-reference-value');
      const reference = ((await shown.textContent()) ?? '').trim();
      expect(reference).toMatch(/^BK-\d{6}-0001$/);
      const summary = page.locator('.public-summary');
      await summary.getByText('李伟').waitFor();
      await summary.getByText('常规保养').waitFor();
      await summary.getByText('08:30–10:00').waitFor();
      await expectPublicFrame(page, 390);
      await screenshot(page, 'public-fill-done', viewport);

      // The store sees it: normalised, defaulted, no owner, tagged with the link's channel.
      const listed = await t.admin.get(`/api/forms/${booking.id}/records`);
      expect(listed.status).toBe(200);
      expect(listed.body.records).toHaveLength(1);
      const record = listed.body.records[0];
      expect(record).toMatchObject({
        ownerId: null,
        data: {
          f_no: reference,
          f_name: '李伟',
          f_mobile: '+8613912345678',
          f_plate: '沪AD12345',
          f_service_type: 'Maintenance',
          f_slot: '0830',
          f_date: shanghaiDay(3),
          f_odometer: 19870,
          f_status: 'Submitted',
          f_remarks: '刹车有异响',
        },
      });
      expect(await storedBookings()).toEqual([{ id: record.id, channel: 'wechat-2026' }]);
      expect(unexpected(problems, [422])).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('finds the booking by mobile and plate on the query link, as cards of the result fields', async () => {
    const viewport: ViewportName = 'phone';
    const { page, context, problems } = await openPage(browser, viewport);
    page.setDefaultTimeout(20_000);
    try {
      await page.goto(`${url}/p/${token.query}`);
      await page.getByRole('heading', { name: '预约保养维修' }).waitFor();
      await expectPublicFrame(page, 390);
      // Not a mobile number: the server says so on the field (its English words inside a Chinese sentence).
      await page.getByLabel('手机号').fill('12345');
      await page.getByLabel('车牌号').fill('沪AD12345');
      await page.getByRole('button', { name: /查\s*询/ }).click();
      const mobileItem = page.locator('.ant-form-item').filter({ has: page.getByLabel('手机号') });
      await mobileItem.getByText(/^此项填写有误（.+）$/).waitFor();
      // A plate that is not on file: nothing, said plainly.
      await page.getByLabel('手机号').fill('13912345678');
      await page.getByLabel('车牌号').fill('沪AD99999');
      await page.getByRole('button', { name: /查\s*询/ }).click();
      await page.getByText('没有找到匹配的记录').waitFor();

      // Typed the way people type it: spaces in the mobile; matched after the server's normalisation.
      await page.getByLabel('手机号').fill('139 1234 5678');
      await page.getByLabel('车牌号').fill('沪AD12345');
      await page.getByRole('button', { name: /查\s*询/ }).click();
      await page.getByText('找到 1 条记录').waitFor();
      const card = page.locator('.public-card');
      expect(await card.count()).toBe(1);
      const text = (await card.textContent()) ?? '';
      expect(text).toMatch(/BK-\d{6}-0001/);
      expect(text).toContain('常规保养');
      expect(text).toContain('08:30–10:00');
      expect(text).toContain('已提交');
      // Only the result fields: not the name, nor the remarks.
      expect(await page.getByText('李伟').count()).toBe(0);
      expect(await page.getByText('刹车有异响').count()).toBe(0);
      await expectTouchTargets(page, '.public-form input.ant-input, .public-submit');
      await expectPublicFrame(page, 390);
      await screenshot(page, 'public-query', viewport);
      expect(unexpected(problems, [422])).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('asks for a password, and says plainly when a link has expired, is switched off or is busy', async () => {
    const viewport: ViewportName = 'phone';
    const { page, context, problems } = await openPage(browser, viewport);
    page.setDefaultTimeout(20_000);
    try {
      await page.goto(`${url}/p/${token.password}`);
      await page.getByText('请输入访问密码', { exact: true }).first().waitFor();
      await expectPublicFrame(page, 390);
      await page.getByLabel('访问密码').fill('wrong-password');
      await page.getByRole('button', { name: /继\s*续/ }).click();
      await page.getByText('密码不正确，请重新输入').waitFor();
      await screenshot(page, 'public-password', viewport);
      await page.getByLabel('访问密码').fill(PASSWORD);
      await page.getByRole('button', { name: /继\s*续/ }).click();
      await page.getByRole('heading', { name: '预约保养维修' }).waitFor();
      // The password goes with the submission too.
      await page.getByLabel('姓名').fill('周女士');
      await page.getByLabel('手机号').fill('13700137000');
      await page.getByLabel('车牌号').fill('沪C88888');
      await page.getByRole('radio', { name: '年检' }).check();
      await tapDay(page, page.getByLabel('预约日期', { exact: true }), shanghaiDay(2));
      await choose(page, '时间段', '10:00–11:30');
      await page.getByRole('button', { name: /提\s*交/ }).click();
      await page.getByText('提交成功').waitFor();
      expect(await storedBookings()).toHaveLength(2);

      await page.goto(`${url}/p/${token.expired}`);
      await page.getByText('链接已过期').waitFor();
      await page.getByText('请联系门店获取新的链接').waitFor();
      await expectPublicFrame(page, 390);
      await screenshot(page, 'public-expired', viewport);

      await page.goto(`${url}/p/${token.disabled}`);
      await page.getByText('链接不可用').waitFor();
      await screenshot(page, 'public-disabled', viewport);
      await page.goto(`${url}/p/no-such-link-token`);
      await page.getByText('链接不可用').waitFor();

      // The link allows one request a minute: the next visitor waits, and is told for how long.
      expect((await t.anonymous().get(`/api/public/${token.limited}`)).status).toBe(200);
      await page.goto(`${url}/p/${token.limited}`);
      await page.getByText('访问过于频繁').waitFor();
      await page.getByText(/请等待 \d+ 秒后再试/).waitFor();
      expect(await page.getByRole('button', { name: /重\s*试/ }).isDisabled()).toBe(true);
      await expectPublicFrame(page, 390);
      await screenshot(page, 'public-rate-limited', viewport);

      expect(unexpected(problems, [401, 403, 404, 429])).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('books on a desktop browser in English after the language switch', async () => {
    const viewport: ViewportName = 'desktop';
    const { page, context, problems } = await openPage(browser, viewport);
    page.setDefaultTimeout(20_000);
    try {
      await page.goto(`${url}/p/${token.fill}`);
      await page.getByRole('heading', { name: '预约保养维修' }).waitFor();
      await page.getByRole('button', { name: '切换语言' }).click();
      await page.getByRole('heading', { name: 'Service booking' }).waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
      await page.getByLabel('Name').fill('Anna Wu');
      await page.getByLabel('Mobile').fill('13800138000');
      await page.getByLabel('Plate').fill('沪B54321');
      await page.getByRole('radio', { name: 'Tyres' }).check();
      await tapDay(page, page.getByLabel('Date', { exact: true }), shanghaiDay(5));
      await choose(page, 'Time slot', '14:30–16:00');
      await expectPublicFrame(page, 1280);
      await screenshot(page, 'public-fill-en', viewport);
      await page.getByRole('button', { name: 'Send' }).click();
      await page.getByText('Sent', { exact: true }).waitFor();
      await page.locator('.public-summary').getByText('Tyres').waitFor();
      await screenshot(page, 'public-fill-done-en', viewport);
      const stored = await storedBookings();
      expect(stored).toHaveLength(3);
      expect(stored[2]!.channel).toBe('wechat-2026');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
