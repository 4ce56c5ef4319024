import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../support/app';
import { expectError } from '../support/client';
import { create } from '../support/dealership/install';
import { installService } from '../support/dealership/service';

let t: TestApp;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await testApp();
  await installService(t.admin);
  ids.filter = (
    await create(t.admin, 'frm_part', {
      f_part_no: '15400-RTA-003',
      f_name: '机油滤清器',
      f_category: 'Filter',
      f_price_retail: '68.00',
    })
  ).id;
  ids.pads = (
    await create(t.admin, 'frm_part', {
      f_part_no: '45022-T2A-A01',
      f_name: '前刹车片',
      f_category: 'Brake',
      f_price_retail: 455.5,
    })
  ).id;
  ids.oilChange = (
    await create(t.admin, 'frm_labor_op', { f_op_code: 'MNT-10K', f_name: '10000公里保养', f_std_hours: 1.2 })
  ).id;
  ids.customer = (
    await create(t.admin, 'frm_customer', {
      f_name: '陈先生',
      f_mobile: '138 0013 8000',
      f_address: { province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 90 号' },
    })
  ).id;
  ids.vehicle = (
    await create(t.admin, 'frm_vehicle', {
      f_vin: 'lsvaf033xj2012345',
      f_plate: '浙A·12345',
      f_owner: ids.customer,
      f_sale_date: '2024-02-29',
    })
  ).id;
});
afterAll(() => t?.close());

function repairOrder(extra: Record<string, unknown> = {}) {
  return {
    f_vehicle: ids.vehicle,
    f_odometer_in: 30125,
    f_type: 'CustomerPay',
    f_promised_at: '2026-11-28T17:30:00+08:00',
    f_labor: [{ f_op: ids.oilChange, f_hours: 1.2, f_rate: '380.00', f_disc: 0.1, f_amount: '1.00' }],
    f_parts: [
      { f_part: ids.filter, f_qty: 1, f_price: '68.00' },
      { f_part: ids.pads, f_qty: 2, f_price: '455.50', f_amount: '0.01' },
    ],
    f_total: '99999.99',
    ...extra,
  };
}

describe('master data', () => {
  it('normalises what people type and computes on the server', async () => {
    const customer = (await t.admin.get(`/api/forms/frm_customer/records/${ids.customer}`)).body;
    expect(customer.data.f_mobile).toBe('+8613800138000');
    expect(customer.data.f_address).toMatchObject({ detail: '文三路 90 号' });
    const vehicle = (await t.admin.get(`/api/forms/frm_vehicle/records/${ids.vehicle}`)).body;
    expect(vehicle.data).toMatchObject({
      f_vin: 'LSVAF033XJ2012345',
      f_plate: '浙A12345',
      f_owner: ids.customer,
    });
    expect(vehicle.data.f_warranty_end).toBe('2027-02-28');
  });

  it('refuses duplicates of a unique field, naming the field', async () => {
    const response = await t.admin.post('/api/forms/frm_part/records', {
      data: { f_part_no: '15400-RTA-003', f_name: 'dup' },
    });
    expect(expectError(response, 422).details.map((d) => d.path)).toEqual(['/f_part_no']);
  });
});

describe('repair order', () => {
  it('computes line amounts, totals, lookups, copies, defaults and the RO number on the server', async () => {
    const ro = await create(t.admin, 'frm_repair_order', repairOrder());
    const me = (await t.admin.get('/api/me')).body.user.id;
    expect(ro.data.f_ro_no).toMatch(/^RO-\d{6}-0001$/);
    expect(ro.data.f_plate).toBe('浙A12345');
    expect(ro.data.f_owner).toBe(ids.customer);
    expect(ro.data.f_advisor).toBe(me);
    expect(ro.data.f_labor[0].f_amount).toBe('410.40'); // 1.2 h × 380.00 × 0.9, not the client's 1.00
    expect(ro.data.f_parts.map((p: { f_amount: string }) => p.f_amount)).toEqual(['68.00', '911.00']);
    expect(ro.data.f_labor_total).toBe('410.40');
    expect(ro.data.f_parts_total).toBe('979.00');
    expect(ro.data.f_total).toBe('1389.40');
    expect(ro.data.f_labor[0]._id).toEqual(expect.any(String));
    expect(ro.data.f_goodwill_reason).toBeNull();
    const again = (await t.admin.get(`/api/forms/frm_repair_order/records/${ro.id}`)).body;
    expect(again.data).toEqual(ro.data);
    expect((await create(t.admin, 'frm_repair_order', repairOrder())).data.f_ro_no).toMatch(/-0002$/);
  });

  it('requires a goodwill reason only when the type is Goodwill', async () => {
    const missing = await t.admin.post('/api/forms/frm_repair_order/records', {
      data: repairOrder({ f_type: 'Goodwill' }),
    });
    expect(expectError(missing, 422).details.map((d) => d.path)).toEqual(['/f_goodwill_reason']);
    const ok = await create(
      t.admin,
      'frm_repair_order',
      repairOrder({ f_type: 'Goodwill', f_goodwill_reason: '老客户回厂' }),
    );
    expect(ok.data.f_goodwill_reason).toBe('老客户回厂');
    const hidden = await create(t.admin, 'frm_repair_order', repairOrder({ f_goodwill_reason: '不该保存' }));
    expect(hidden.data.f_goodwill_reason).toBeNull();
  });

  it('names every invalid cell with its path', async () => {
    const response = await t.admin.post('/api/forms/frm_repair_order/records', {
      data: repairOrder({
        f_odometer_in: 'lots',
        f_promised_at: 'tomorrow-ish',
        f_parts: [
          { f_part: ids.filter, f_qty: 0, f_price: '68.00' },
          { f_qty: 1, f_price: 'free' },
        ],
      }),
    });
    const paths = expectError(response, 422, 'validation_failed').details.map((d) => d.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/f_odometer_in',
        '/f_promised_at',
        '/f_parts/0/f_qty',
        '/f_parts/1/f_part',
        '/f_parts/1/f_price',
      ]),
    );
  });

  it('refuses links to records that do not exist or belong to another form', async () => {
    const unknown = await t.admin.post('/api/forms/frm_repair_order/records', {
      data: repairOrder({ f_vehicle: 'rec_doesnotexist00' }),
    });
    expect(expectError(unknown, 422).details[0]?.path).toBe('/f_vehicle');
    const wrongForm = await t.admin.post('/api/forms/frm_repair_order/records', {
      data: repairOrder({ f_vehicle: ids.customer }),
    });
    expect(expectError(wrongForm, 422).details[0]?.path).toBe('/f_vehicle');
  });

  it('refuses unknown keys, ignores computed ones, and updates with optimistic concurrency', async () => {
    const unknown = await t.admin.post('/api/forms/frm_repair_order/records', {
      data: { ...repairOrder(), f_nonsense: 1 },
    });
    expect(expectError(unknown, 422, 'validation_failed').details).toEqual([
      { path: '/f_nonsense', message: 'There is no field f_nonsense in this form.' },
    ]);
    const ro = await create(t.admin, 'frm_repair_order', { ...repairOrder(), f_ro_no: 'RO-FAKE' });
    expect(ro.data.f_ro_no).not.toBe('RO-FAKE');
    const updated = await t.admin.patch(`/api/forms/frm_repair_order/records/${ro.id}`, {
      rev: ro.rev,
      data: { f_discount: '89.40' },
    });
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
    expect(updated.body.rev).toBe(ro.rev + 1);
    expect(updated.body.data.f_total).toBe('1300.00');
    expect(updated.body.data.f_ro_no).toBe(ro.data.f_ro_no);
    const stale = await t.admin.patch(`/api/forms/frm_repair_order/records/${ro.id}`, {
      rev: ro.rev,
      data: { f_discount: '0' },
    });
    expect(expectError(stale, 409, 'conflict').details[0]?.path).toBe('/rev');
    expect((await t.admin.get(`/api/forms/frm_repair_order/records/${ro.id}`)).body.data.f_total).toBe(
      '1300.00',
    );
  });

  it('keeps the links index in step with the data', async () => {
    const ro = await create(t.admin, 'frm_repair_order', repairOrder());
    const links = await t.database.db
      .selectFrom('record_links')
      .select(['field_id', 'to_record'])
      .where('from_record', '=', ro.id)
      .orderBy('field_id')
      .orderBy('to_record')
      .execute();
    expect(links).toEqual(
      expect.arrayContaining([
        { field_id: 'f_vehicle', to_record: ids.vehicle },
        { field_id: 'f_op', to_record: ids.oilChange },
        { field_id: 'f_part', to_record: ids.filter },
        { field_id: 'f_part', to_record: ids.pads },
      ]),
    );
    const history = await t.database.db
      .selectFrom('record_history')
      .select(['action', 'via', 'rev'])
      .where('record_id', '=', ro.id)
      .execute();
    expect(history).toEqual([{ action: 'create', via: 'api', rev: 1 }]);
    const jobs = await t.database.db
      .selectFrom('jobs')
      .select('kind')
      .where('kind', '=', 'record.created')
      .execute();
    // No consumer is registered, so no event is written (record-events.test.ts shows both sides).
    expect(jobs).toEqual([]);
  });
});

describe('batch create', () => {
  it('stores all records or none, naming the bad ones', async () => {
    const good = Array.from({ length: 99 }, (_, i) => ({
      f_part_no: `BATCH-${i}`,
      f_name: `配件 ${i}`,
      f_price_retail: `${i}.5`,
    }));
    const bad = await t.admin.post('/api/forms/frm_part/records/batch', {
      records: [...good, { f_name: 'no number' }],
    });
    expect(expectError(bad, 422).details.map((d) => d.path)).toEqual(['/records/99/f_part_no']);
    const count = await t.database.db
      .selectFrom('records')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('form_id', '=', 'frm_part')
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(2);
    const ok = await t.admin.post('/api/forms/frm_part/records/batch', { records: good });
    expect(ok.status).toBe(201);
    expect(ok.body.records).toHaveLength(99);
    expect(ok.body.records[3].data.f_price_retail).toBe('3.50');
    const tooMany = await t.admin.post('/api/forms/frm_part/records/batch', { records: [...good, ...good] });
    expectError(tooMany, 400);
  });

  it('pages the list with a keyset cursor', async () => {
    const first = await t.admin.get('/api/forms/frm_part/records?limit=50');
    expect(first.body.records).toHaveLength(50);
    const second = await t.admin.get(`/api/forms/frm_part/records?limit=50&cursor=${first.body.next}`);
    const third = await t.admin.get(`/api/forms/frm_part/records?limit=50&cursor=${second.body.next}`);
    const all = [...first.body.records, ...second.body.records, ...third.body.records].map(
      (r: { id: string }) => r.id,
    );
    expect(new Set(all).size).toBe(101);
    expect(third.body.next).toBeNull();
    expectError(await t.admin.get('/api/forms/frm_part/records?cursor=garbage'), 422);
  });
});
