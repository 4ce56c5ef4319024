import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grant } from '../support/access';
import { type TestApp, testApp } from '../support/app';
import { launchBrowser, screenshot, type ViewportName } from '../support/browser';
import { create, installForms } from '../support/dealership/install';
import { lead, quote } from '../support/dealership/sales';
import { customer } from '../support/dealership/service';
import { emailOf, logInAs } from '../support/inbox-browser';
import { claim, dealershipOrg, expenseForm, type Org } from '../support/workflow';

/**
 * Department, member and relation values read as names on the record page and in the grid (table
 * and phone cards), never as the ids they store: departments from the directory (asked once per page
 * load), a relation's records in one query per target form with the reader's permissions; a related
 * record the reader may not see stays an id; an address's region codes read as the regions' names.
 * At 1280×800 and 390×844.
 */
let t: TestApp;
let org: Org;
let url: string;
let browser: Browser;
let claimId: string;
let ownLeadId: string;
let hiddenLeadId: string;
let ownQuoteId: string;
let customerId: string;

beforeAll(async () => {
  t = await testApp();
  org = await dealershipOrg(t);
  const { employee, consultant, teamLead } = org.people;
  claimId = (
    await create(
      employee.client,
      expenseForm.id,
      claim('66.00', { f_cost_dept: org.departments.sales, f_reviewer: teamLead.id }),
    )
  ).id;
  const leadData = (name: string) => ({
    f_name: name,
    f_mobile: '13800138000',
    f_source: 'WalkIn',
    f_next_follow_up: '2026-12-01',
  });
  ownLeadId = (await create(employee.client, lead.id, leadData('王女士'))).id;
  hiddenLeadId = (await create(consultant.client, lead.id, leadData('赵先生'))).id;
  ownQuoteId = (await create(employee.client, quote.id, { f_lead: ownLeadId, f_msrp: '100000.00' })).id;
  // A quote on a lead the employee may not see: the admin enters it, the employee may read quotes.
  await create(t.admin, quote.id, { f_lead: hiddenLeadId, f_msrp: '90000.00' });
  await grant(t.admin, quote.id, { preset: 'viewAll', users: [employee.id] });
  // An address is stored as region codes: the page shows the regions' names.
  await installForms(t.admin, [customer]);
  customerId = (
    await create(t.admin, customer.id, {
      f_name: '陈先生',
      f_mobile: '13800138000',
      f_address: { province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 90 号' },
    })
  ).id;
  await grant(t.admin, customer.id, { preset: 'viewAll', users: [employee.id] });
  url = await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** Counts the requests whose URL path ends as given (method, path suffix). */
function counter(page: Page, method: string, suffix: string): () => number {
  let n = 0;
  page.on('request', (request) => {
    if (request.method() === method && new URL(request.url()).pathname.endsWith(suffix)) n++;
  });
  return () => n;
}

describe('ids read as names', () => {
  for (const viewport of ['desktop', 'phone'] as ViewportName[]) {
    it(`shows departments, people and related records by name at the ${viewport} viewport`, async () => {
      const opened = await logInAs(browser, url, viewport, emailOf(org.people.employee));
      const { page } = opened;
      try {
        const departmentsAsked = counter(page, 'GET', '/api/directory/departments');
        const leadsQueried = counter(page, 'POST', `/api/forms/${lead.id}/records/query`);

        // The claim's page: cost department and reviewer by name, not their ids.
        await page.goto(`${url}/forms/${expenseForm.id}/records/${claimId}`);
        const fields = page.locator('.record-main .ant-descriptions').first();
        await fields.getByText('销售部', { exact: true }).waitFor();
        await fields.getByText('teamLead', { exact: true }).waitFor();
        expect(await fields.textContent()).not.toContain(org.departments.sales);
        expect(await fields.textContent()).not.toContain(org.people.teamLead.id);
        await screenshot(page, 'names-record', viewport);

        // The claims grid (client-side navigation): the department cell by name, asked for only once.
        if (viewport === 'desktop') {
          await page
            .getByRole('link', { name: /返回|费用报销/ })
            .first()
            .click();
          await page.waitForURL(`**/forms/${expenseForm.id}/records`);
          const grid = page.locator('.record-grid tbody');
          await grid.getByText('销售部', { exact: true }).waitFor();
          expect(await grid.textContent()).not.toContain(org.departments.sales);
          expect(departmentsAsked()).toBe(1);
        }

        // Quotes: the lead the employee entered by its name; the other lead, hidden from them, by id.
        await page.goto(`${url}/forms/${quote.id}/records`);
        const list = page.locator(viewport === 'desktop' ? '.record-grid tbody' : '.record-cards');
        await list.getByText('王女士', { exact: true }).waitFor();
        expect(await list.textContent()).toContain(hiddenLeadId);
        expect(await list.textContent()).not.toContain('赵先生');
        expect(await list.textContent()).not.toContain(ownLeadId);
        expect(leadsQueried()).toBe(1);
        await screenshot(page, 'names-grid', viewport);

        await page.goto(`${url}/forms/${quote.id}/records/${ownQuoteId}`);
        await page.locator('.record-main .ant-descriptions').first().getByText('王女士').waitFor();

        await page.goto(`${url}/forms/${customer.id}/records/${customerId}`);
        await page
          .locator('.record-main .ant-descriptions')
          .first()
          .getByText('浙江省 杭州市 西湖区 文三路 90 号', { exact: true })
          .waitFor();

        expect(opened.problems).toEqual([]);
      } finally {
        await opened.context.close();
      }
    });
  }
});
