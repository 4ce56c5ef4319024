import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../support/app';
import { launchBrowser, openPage, screenshot, type ViewportName } from '../support/browser';
import { field, form } from '../support/dealership/fields';
import { installForms } from '../support/dealership/install';
import { logIn } from '../support/log-in';

/**
 * Sections of a form definition as people fill it: the fields of no section first, then each section's
 * title, description and fields in the order `sections` lists them (not the order of `fields`); a section
 * whose fields are all hidden by a rule is not shown. Staff pages, a phone (cards) and the designer preview.
 */
const delivery = {
  ...form('frm_delivery', 'app_service', '交车确认', 'Delivery', [
    field('f_plate', 'text', '车牌', 'Plate'),
    field('f_payment', 'select', '付款方式', 'Payment', {
      layout: { section: 'pay' },
      options: [
        { value: 'cash', label: { zh: '现金', en: 'Cash' } },
        { value: 'loan', label: { zh: '贷款', en: 'Loan' } },
      ],
    }),
    field('f_bank', 'text', '贷款银行', 'Bank', {
      layout: { section: 'loan' },
      visibleIf: "f_payment = 'loan'",
    }),
    field('f_customer', 'text', '客户姓名', 'Customer', { layout: { section: 'who' } }),
    field('f_mobile', 'phone', '联系电话', 'Mobile', { layout: { section: 'who', width: 2 } }),
  ]),
  sections: [
    {
      id: 'who',
      title: { zh: '客户信息', en: 'Customer' },
      description: { zh: '与行驶证一致', en: 'As on the registration' },
    },
    { id: 'pay', title: { zh: '付款', en: 'Payment' } },
    { id: 'loan', title: { zh: '贷款信息', en: 'Loan' } },
  ],
};

let t: TestApp;
let url: string;
let browser: Browser;

beforeAll(async () => {
  t = await testApp();
  // Created without sections (creating takes fields only), then saved whole as the designer saves a draft.
  await installForms(t.admin, [{ ...delivery, fields: delivery.fields.slice(0, 1) }]);
  const draft = (await t.admin.get(`/api/forms/${delivery.id}`)).body.form.draft;
  const saved = await t.admin.put(`/api/forms/${delivery.id}`, {
    ...draft,
    fields: delivery.fields,
    sections: delivery.sections,
  });
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  expect((await t.admin.post(`/api/forms/${delivery.id}/publish`)).status).toBe(200);
  url = await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** Section titles and field ids in the order they stand on the page. */
function layoutOrder(page: Page, root = 'body') {
  return page.evaluate(
    (selector) =>
      [...document.querySelectorAll(`${selector} .fill-section-title, ${selector} [id^="root_f_"]`)]
        .map((node) => (node.classList.contains('fill-section-title') ? `# ${node.textContent}` : node.id))
        .filter((entry, index, all) => all.indexOf(entry) === index),
    root,
  );
}

describe('form sections', () => {
  for (const viewport of ['desktop', 'phone'] as ViewportName[])
    it(`shows each section with its title and fields in definition order at the ${viewport} viewport`, async () => {
      const { page, context, problems } = await openPage(browser, viewport);
      page.setDefaultTimeout(20_000);
      try {
        await logIn(page, url);
        await page.goto(`${url}/forms/${delivery.id}/new`);
        await page.getByRole('heading', { name: '新建交车确认' }).waitFor();
        await page.locator('#root_f_mobile').waitFor();
        const who = page.getByRole('region', { name: '客户信息' });
        await who.getByText('与行驶证一致').waitFor();
        expect(await who.getByLabel('客户姓名').count()).toBe(1);
        expect(await who.getByLabel('联系电话').count()).toBe(1);
        // The loan section's only field is hidden until a loan is chosen: no empty heading.
        // Widgets load per type on first use: the layout settles once each has come.
        await expect
          .poll(() => layoutOrder(page, '.fill-form'))
          .toEqual([
            'root_f_plate',
            '# 客户信息',
            'root_f_customer',
            'root_f_mobile',
            '# 付款',
            'root_f_payment',
          ]);
        await page.locator('#root_f_payment').click();
        await page
          .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '贷款' })
          .click();
        await page.getByRole('region', { name: '贷款信息' }).getByLabel('贷款银行').waitFor();
        await expect
          .poll(async () => (await layoutOrder(page, '.fill-form')).slice(-2))
          .toEqual(['# 贷款信息', 'root_f_bank']);
        if (viewport === 'phone') {
          const card = await who.evaluate((node) => getComputedStyle(node).borderTopStyle);
          expect(card).toBe('solid');
          const overflow = await page.evaluate(
            () => document.documentElement.scrollWidth - window.innerWidth,
          );
          expect(overflow).toBeLessThanOrEqual(0);
        }
        await screenshot(page, 'fill-sections', viewport);
        expect(problems).toEqual([]);
      } finally {
        await context.close();
      }
    });

  it('shows the sections in the form designer preview', async () => {
    const { page, context, problems } = await openPage(browser, 'desktop');
    page.setDefaultTimeout(20_000);
    try {
      await logIn(page, url);
      await page.goto(`${url}/design/forms/${delivery.id}`);
      await page.getByRole('button', { name: '预览' }).click();
      const preview = page.locator('.fd-preview-frame');
      await preview.locator('#root_f_mobile').waitFor();
      await preview.getByRole('region', { name: '客户信息' }).getByText('与行驶证一致').waitFor();
      await expect
        .poll(() => layoutOrder(page, '.fd-preview-frame'))
        .toEqual([
          'root_f_plate',
          '# 客户信息',
          'root_f_customer',
          'root_f_mobile',
          '# 付款',
          'root_f_payment',
        ]);
      await screenshot(page, 'fill-sections-preview', 'desktop');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
