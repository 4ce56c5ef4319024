import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../support/app';
import { expectError } from '../support/client';
import { shanghaiDay } from '../support/days';
import { create } from '../support/dealership/install';
import { installTemplate } from '../support/dealership/packages';
import { installSales } from '../support/dealership/sales';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  await installSales(t.admin);
  await installTemplate(t.admin, 'expense-claim');
});
afterAll(() => t?.close());

describe('lead with follow-ups', () => {
  it('stores the follow-up table with row ids and counts it', async () => {
    const record = await create(t.admin, 'frm_lead', {
      f_name: '王女士',
      f_mobile: '+86 139-1234-5678',
      f_source: 'Douyin',
      f_intent: 'H',
      f_models: ['NEV', 'SUV'],
      f_next_follow_up: '2026-12-01',
      f_follow_ups: [
        { f_type: 'Call', f_at: '2026-11-28 10:00', f_outcome: '约周六到店试驾' },
        { f_type: 'WeChat', f_at: '2026-11-28T06:30:00Z', f_outcome: '发送车型配置' },
      ],
      f_follow_up_count: 99,
    });
    expect(record.data.f_mobile).toBe('+8613912345678');
    expect(record.data.f_models).toEqual(['SUV', 'NEV']);
    expect(record.data.f_follow_up_count).toBe(2);
    expect(record.data.f_follow_ups[0].f_at).toBe('2026-11-28T02:00:00.000Z');
    const [first, second] = record.data.f_follow_ups;
    expect(first._id).not.toBe(second._id);
    // Editing the table keeps the ids of rows that stay.
    const updated = await t.admin.patch(`/api/forms/frm_lead/records/${record.id}`, {
      rev: record.rev,
      data: { f_follow_ups: [second, { f_type: 'Visit', f_at: '2026-11-29T02:00:00Z', f_outcome: '到店' }] },
    });
    expect(updated.body.data.f_follow_ups[0]._id).toBe(second._id);
    expect(updated.body.data.f_follow_up_count).toBe(2);
  });

  it('names the missing cells of a follow-up row', async () => {
    const response = await t.admin.post('/api/forms/frm_lead/records', {
      data: {
        f_name: 'x',
        f_mobile: '13912345678',
        f_source: 'WalkIn',
        f_next_follow_up: '2026-12-01',
        f_follow_ups: [{ f_type: 'Call' }],
      },
    });
    const paths = expectError(response, 422)
      .details.map((d) => d.path)
      .sort();
    expect(paths).toEqual(['/f_follow_ups/0/f_at', '/f_follow_ups/0/f_outcome']);
  });
});

describe('quote', () => {
  it('computes price, discount share and total exactly, and defaults the validity', async () => {
    const leadRecord = await create(t.admin, 'frm_lead', {
      f_name: '李先生',
      f_mobile: '13800000001',
      f_source: 'WalkIn',
      f_next_follow_up: '2026-12-02',
    });
    const record = await create(t.admin, 'frm_quote', {
      f_lead: leadRecord.id,
      f_msrp: '189800',
      f_discount: '8000.00',
      f_accessories: [
        { f_item: '脚垫', f_price: '0.10' },
        { f_item: '贴膜', f_price: '0.20' },
      ],
      f_price: '1',
      f_total: '1',
    });
    expect(record.data.f_price).toBe('181800.00');
    expect(record.data.f_discount_pct).toBe(0.0421);
    expect(record.data.f_accessories_total).toBe('0.30');
    expect(record.data.f_total).toBe('181800.30');
    expect(record.data.f_valid_until).toBe(shanghaiDay(7));
  });
});

describe('expense claim', () => {
  it('numbers claims per month, sums lines exactly and nets the advance', async () => {
    const record = await create(t.admin, 'frm_expense', {
      f_lines: [
        { f_category: 'Travel', f_date: '2026-11-20', f_amount: '1234.56', f_invoice_no: '044001900111' },
        { f_category: 'FuelToll', f_date: '2026-11-21', f_amount: 300.1, f_invoice_no: '044001900112' },
      ],
      f_advance: '500',
    });
    expect(record.data.f_claim_no).toMatch(/^EX-\d{6}-00001$/);
    expect(record.data.f_total).toBe('1534.66');
    expect(record.data.f_net).toBe('1034.66');
    expect(record.data.f_employee).toBe((await t.admin.get('/api/me')).body.user.id);
  });

  it('needs at least one line and a positive amount', async () => {
    const empty = await t.admin.post('/api/forms/frm_expense/records', { data: { f_lines: [] } });
    expect(expectError(empty, 422).details[0]?.path).toBe('/f_lines');
    const zero = await t.admin.post('/api/forms/frm_expense/records', {
      data: { f_lines: [{ f_category: 'Office', f_date: '2026-11-20', f_amount: '0', f_invoice_no: 'x1' }] },
    });
    expect(expectError(zero, 422).details[0]?.path).toBe('/f_lines/0/f_amount');
  });
});
