import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../support/app';
import { expectError } from '../support/client';
import { field, form } from '../support/dealership/fields';
import { create, installForms } from '../support/dealership/install';

/**
 * The mileage type (里程) end to end: whole kilometres stored as JSON integers, refusals at the field's
 * path, the "never below the vehicle's last reading" rule (a lookup of the linked vehicle's reading
 * named by `notBelow`), and numeric comparison in queries (as text, "9000" would sort after "12345").
 */
const vehicle = form('frm_mi_vehicle', 'app_service', '车辆', 'Vehicle', [
  field('f_vin', 'vin', '车架号', 'VIN', { required: true }),
  field('f_km', 'mileage', '里程', 'Mileage'),
]);
const visit = form('frm_mi_visit', 'app_service', '进厂', 'Visit', [
  field('f_ref', 'text', '编号', 'Ref', { required: true }),
  field('f_vehicle', 'relation', '车辆', 'Vehicle', { target: 'frm_mi_vehicle' }),
  field('f_last', 'lookup', '上次里程', 'Last reading', {
    relation: 'f_vehicle',
    targetField: 'f_km',
    resultType: 'number',
    precision: 0,
  }),
  field('f_km', 'mileage', '进厂里程', 'Mileage in', { notBelow: 'f_last' }),
  field('f_free', 'mileage', '无规则里程', 'Mileage, no rule'),
]);

let t: TestApp;
let car: string;
beforeAll(async () => {
  t = await testApp();
  await installForms(t.admin, [vehicle, visit]);
  car = (await create(t.admin, 'frm_mi_vehicle', { f_vin: 'LFV2A21K8E4123456', f_km: '12,345 km' })).id;
});
afterAll(() => t?.close());

async function refused(data: Record<string, unknown>) {
  const response = await t.admin.post('/api/forms/frm_mi_visit/records', { data });
  return expectError(response, 422, 'validation_failed').details;
}

describe('mileage through the records API', () => {
  it('stores 12,345 as the integer 12345 and reads it back', async () => {
    const stored = await t.admin.get(`/api/forms/frm_mi_vehicle/records/${car}`);
    expect(stored.status, JSON.stringify(stored.body)).toBe(200);
    expect(stored.body.data.f_km).toBe(12345);
    const visited = await create(t.admin, 'frm_mi_visit', { f_ref: 'V1', f_free: 12345 });
    expect(visited.data.f_free).toBe(12345);
    expect(Number.isInteger(visited.data.f_free)).toBe(true);
  });

  it('refuses a negative or fractional reading at the field path', async () => {
    const negative = await refused({ f_ref: 'V2', f_free: -5 });
    expect(negative).toEqual([{ path: '/f_free', message: 'Mileage cannot be negative.' }]);
    const fractional = await refused({ f_ref: 'V3', f_free: 12.5 });
    expect(fractional).toEqual([{ path: '/f_free', message: 'Enter whole kilometres.' }]);
  });

  it('refuses a reading below the linked vehicle’s last one, with a stable code, and takes one at or above', async () => {
    const lower = await refused({ f_ref: 'V4', f_vehicle: car, f_km: 12000 });
    expect(lower).toEqual([
      {
        path: '/f_km',
        message: "The mileage is lower than the vehicle's last reading (12,345 km).",
        code: 'field.mileage_below_last',
        params: { floor: 12345, field: 'f_last' },
      },
    ]);
    const same = await create(t.admin, 'frm_mi_visit', { f_ref: 'V5', f_vehicle: car, f_km: 12345 });
    expect(same.data).toMatchObject({ f_last: 12345, f_km: 12345 });
    // Without the rule, or without a linked vehicle, a low reading is only a reading.
    await create(t.admin, 'frm_mi_visit', { f_ref: 'V6', f_vehicle: car, f_free: 10 });
    await create(t.admin, 'frm_mi_visit', { f_ref: 'V7', f_km: 10 });
  });
});

describe('mileage in queries', () => {
  beforeAll(async () => {
    await create(t.admin, 'frm_mi_vehicle', { f_vin: '1M8GDM9AXKP042788', f_km: 9000 });
    await create(t.admin, 'frm_mi_vehicle', { f_vin: 'LSVAU2180N2183294', f_km: '100,000' });
  });

  async function readings(query: Record<string, unknown>): Promise<number[]> {
    const response = await t.admin.post('/api/forms/frm_mi_vehicle/records/query', query);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return (response.body.records as { data: { f_km: number } }[]).map((r) => r.data.f_km);
  }

  it('sorts numerically', async () => {
    expect(await readings({ sort: [{ field: 'f_km', dir: 'asc' }] })).toEqual([9000, 12345, 100000]);
    expect(await readings({ sort: [{ field: 'f_km', dir: 'desc' }] })).toEqual([100000, 12345, 9000]);
  });

  it('filters with gt and lt as numbers', async () => {
    const gt = await readings({
      filter: { field: 'f_km', op: 'gt', value: 10000 },
      sort: [{ field: 'f_km' }],
    });
    expect(gt).toEqual([12345, 100000]);
    expect(await readings({ filter: { field: 'f_km', op: 'lt', value: 12345 } })).toEqual([9000]);
  });
});
