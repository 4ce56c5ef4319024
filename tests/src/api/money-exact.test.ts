import type { FormDefinition } from '@forecourt/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../support/app';
import { expectError } from '../support/client';
import { create, installForms } from '../support/dealership/install';

/**
 * Money beyond a float's 15 significant digits, and amounts with more decimals than the field
 * allows (issue 15 item 17): formulas on money compute exactly or refuse; entered amounts are
 * refused with the field's path rather than rounded silently.
 */
const label = (en: string) => ({ zh: en, en });
const quote: FormDefinition = {
  id: 'frm_money_exact',
  app: 'app_sales',
  title: label('Quote'),
  fields: [
    { id: 'f_price', type: 'money', label: label('Price') },
    { id: 'f_qty', type: 'number', label: label('Qty') },
    {
      id: 'f_line',
      type: 'formula',
      label: label('Line'),
      expression: 'f_qty * f_price',
      resultType: 'money',
    },
    {
      id: 'f_rounded',
      type: 'formula',
      label: label('Rounded'),
      expression: '$round(f_qty * f_price, 2)',
      resultType: 'money',
    },
    {
      // A computed default (tax at 13 %) has more decimals than money keeps: it is rounded, not refused.
      id: 'f_tax',
      type: 'money',
      label: label('Tax'),
      default: { kind: 'expression', expression: 'f_price * 0.13' },
    },
    {
      id: 'f_parts',
      type: 'subform',
      label: label('Parts'),
      fields: [
        { id: 'f_amount', type: 'money', label: label('Amount') },
        { id: 'f_n', type: 'number', label: label('N') },
        {
          id: 'f_sub',
          type: 'formula',
          label: label('Sub'),
          expression: 'f_amount * f_n',
          resultType: 'money',
        },
      ],
    },
  ] as FormDefinition['fields'],
} as FormDefinition;

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  await installForms(t.admin, [quote]);
});
afterAll(() => t?.close());

const url = `/api/forms/${quote.id}/records`;

describe('formulas on money', () => {
  it('refuses a JSONata formula on an amount a float cannot hold exactly', async () => {
    const answer = await t.admin.post(url, {
      data: { f_price: '99999999999999.99', f_qty: 1, f_parts: [{ f_amount: '99999999999999.99', f_n: 1 }] },
    });
    // The JSONata formula cannot hold the amount exactly: refused, naming the formula.
    const error = expectError(answer, 422);
    expect(error.details).toEqual([
      { path: '/f_rounded', message: expect.stringMatching(/99999999999999\.99.*15 significant digits/) },
    ]);
  });

  it('stores exact lines in records and table rows', async () => {
    const plainQuote = {
      ...quote,
      id: 'frm_money_plain',
      fields: quote.fields.filter((f) => f.id !== 'f_rounded'),
    };
    await installForms(t.admin, [plainQuote as FormDefinition]);
    const record = await create(t.admin, plainQuote.id, {
      f_price: '99999999999999.99',
      f_qty: 1,
      f_parts: [{ f_amount: '33333333333333.33', f_n: 3 }],
    });
    expect(record.data.f_line).toBe('99999999999999.99');
    expect(record.data.f_parts[0].f_sub).toBe('99999999999999.99');
  });

  it('still rounds an ordinary JSONata money result to the field scale', async () => {
    const record = await create(t.admin, quote.id, { f_price: '19.99', f_qty: 3 });
    expect(record.data.f_line).toBe('59.97');
    expect(record.data.f_rounded).toBe('59.97');
  });
});

describe('entered amounts with too many decimals', () => {
  it('are refused with 422 naming the field, not rounded to 20.00', async () => {
    const answer = await t.admin.post(url, { data: { f_price: '19.995', f_qty: 1 } });
    const error = expectError(answer, 422);
    expect(error.details).toEqual([
      { path: '/f_price', message: expect.stringContaining('at most 2 decimals; 19.995 has 3') },
    ]);
    const cell = await t.admin.post(url, { data: { f_parts: [{ f_amount: 0.125, f_n: 1 }] } });
    expect(expectError(cell, 422).details).toEqual([
      { path: '/f_parts/0/f_amount', message: expect.stringContaining('at most 2 decimals') },
    ]);
  });
});

describe('computed money', () => {
  it('rounds a default expression to the field’s scale instead of refusing it', async () => {
    const made = await t.admin.post(url, { data: { f_price: '19.99', f_qty: 1 } });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body.data.f_tax).toBe('2.60');
  });
});
