import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../support/app';
import { expectError } from '../support/client';
import { field, form } from '../support/dealership/fields';
import { create, installForms } from '../support/dealership/install';

/**
 * Filter values are values of their field: they go through the type's own normalisation before they
 * are compared with what is stored, and a value the type cannot read is a 422 at its path. Before,
 * they were compared as raw text: an offset, a mobile without +86 or a lower-case plate found nothing.
 */
const booking = form('frm_qv_booking', 'app_service', '预约', 'Booking', [
  field('f_ref', 'text', '编号', 'Ref', { required: true }),
  field('f_when', 'datetime', '时间', 'When'),
  field('f_day', 'date', '日期', 'Day'),
  field('f_mobile', 'phone', '手机', 'Mobile'),
  field('f_plate', 'plate', '车牌', 'Plate'),
  field('f_later', 'formula', '一天后', 'A day later', {
    expression: '$fromMillis($toMillis(f_when) + 86400000)',
    resultType: 'datetime',
  }),
]);

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  await installForms(t.admin, [booking]);
  await create(t.admin, 'frm_qv_booking', {
    f_ref: 'B1',
    f_when: '2027-10-12T08:00:00.000Z',
    f_day: '2027-10-12',
    f_mobile: '13800138000',
    f_plate: '粤BD12345',
  });
  await create(t.admin, 'frm_qv_booking', {
    f_ref: 'B2',
    f_when: '2027-10-12T20:00:00.000Z',
    f_day: '2027-10-13',
    f_mobile: '13900139000',
    f_plate: '京A12345',
  });
});
afterAll(() => t?.close());

async function refs(filter: unknown): Promise<string[]> {
  const response = await t.admin.post('/api/forms/frm_qv_booking/records/query', { filter });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return (response.body.records as { data: { f_ref: string } }[]).map((r) => r.data.f_ref).sort();
}

async function refusal(filter: unknown): Promise<string | undefined> {
  const response = await t.admin.post('/api/forms/frm_qv_booking/records/query', { filter });
  return expectError(response, 422).details[0]?.path;
}

describe('filter values are read as their field reads them', () => {
  it('finds a date-time given with an offset, and compares after/before/between as instants', async () => {
    const stored = await t.admin.post('/api/forms/frm_qv_booking/records/query', {});
    expect(stored.body.records.map((r: { data: { f_when: string } }) => r.data.f_when).sort()).toEqual([
      '2027-10-12T08:00:00.000Z',
      '2027-10-12T20:00:00.000Z',
    ]);
    expect(await refs({ field: 'f_when', op: 'eq', value: '2027-10-12T16:00:00+08:00' })).toEqual(['B1']);
    expect(await refs({ field: 'f_when', op: 'ne', value: '2027-10-12T16:00:00+08:00' })).toEqual(['B2']);
    // 2027-10-13 00:00 in Shanghai is 2027-10-12T16:00Z: only B2 is after it (as text, both were).
    expect(await refs({ field: 'f_when', op: 'after', value: '2027-10-13T00:00:00+08:00' })).toEqual(['B2']);
    expect(await refs({ field: 'f_when', op: 'before', value: '2027-10-12T17:00:00+08:00' })).toEqual(['B1']);
    expect(
      await refs({
        field: 'f_when',
        op: 'between',
        value: ['2027-10-12T15:00:00+08:00', '2027-10-12T17:00:00+08:00'],
      }),
    ).toEqual(['B1']);
    // A formula's values are values of its result type.
    expect(await refs({ field: 'f_later', op: 'eq', value: '2027-10-13T16:00:00+08:00' })).toEqual(['B1']);
  });

  it('finds a mobile without +86 and a plate in lower case; substrings are folded, not normalised', async () => {
    expect(await refs({ field: 'f_mobile', op: 'eq', value: '13800138000' })).toEqual(['B1']);
    expect(await refs({ field: 'f_mobile', op: 'in', value: ['138 0013 8000', '13900139000'] })).toEqual([
      'B1',
      'B2',
    ]);
    expect(await refs({ field: 'f_mobile', op: 'contains', value: '38001' })).toEqual(['B1']);
    expect(await refs({ field: 'f_plate', op: 'eq', value: '粤bd12345' })).toEqual(['B1']);
    expect(await refs({ field: 'f_plate', op: 'startsWith', value: '粤bd' })).toEqual(['B1']);
    expect(await refs({ field: 'f_plate', op: 'contains', value: 'a123' })).toEqual(['B2']);
    expect(await refs({ field: 'f_plate', op: 'notEmpty' })).toEqual(['B1', 'B2']);
  });

  it('refuses values the field cannot read with 422 at their path', async () => {
    expect(await refusal({ field: 'f_when', op: 'eq', value: 'not a date' })).toBe('/filter/value');
    expect(await refusal({ and: [{ field: 'f_day', op: 'gt', value: 12345 }] })).toBe('/filter/and/0/value');
    expect(await refusal({ field: 'f_when', op: 'gt', value: 12345 })).toBe('/filter/value');
    expect(await refusal({ or: [{ field: 'f_when', op: 'between', value: ['2027-10-12', 'soon'] }] })).toBe(
      '/filter/or/0/value/1',
    );
    expect(await refusal({ field: 'f_mobile', op: 'in', value: ['13800138000', 'call me'] })).toBe(
      '/filter/value/1',
    );
    expect(await refusal({ field: 'f_plate', op: 'eq', value: 'no plate' })).toBe('/filter/value');
  });
});
