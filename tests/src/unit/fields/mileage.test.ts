import { type FieldType, fieldType, mileageText } from '@forecourt/schemas';
import { describe, expect, it } from 'vitest';
import { def, fromText, refusal, stored, toText, validator } from './support';

const mileage = fieldType('mileage') as FieldType<number>;

describe('mileage', () => {
  it('stores whole kilometres, reading grouping, full-width digits and a unit', () => {
    expect(stored('mileage', 12345)).toBe(12345);
    expect(stored('mileage', '12,345 km')).toBe(12345);
    expect(stored('mileage', '１２３４５公里')).toBe(12345);
    expect(stored('mileage', ' 0 ')).toBe(0);
    expect(stored('mileage', '')).toBeNull();
    expect(fromText('mileage', '98,765KM')).toEqual({ ok: true, value: 98765 });
  });

  it('refuses negative, fractional, absurd and non-numeric readings', () => {
    expect(refusal('mileage', -1)).toBe('Mileage cannot be negative.');
    expect(refusal('mileage', '-20 km')).toBe('Mileage cannot be negative.');
    expect(refusal('mileage', 12.5)).toBe('Enter whole kilometres.');
    expect(refusal('mileage', '12345.6')).toBe('Enter whole kilometres.');
    expect(refusal('mileage', 10_000_000)).toMatch(/at most 9999999 km/);
    expect(refusal('mileage', 'about 5k')).toBe('Enter the mileage in kilometres.');
    expect(refusal('mileage', true)).toBe('Enter the mileage in kilometres.');
  });

  it('is an integer from 0 in its value schema, and plain digits as text (export, import)', () => {
    const valid = validator(mileage.valueSchema(def('mileage')));
    expect(valid(12345)).toBe(true);
    expect(valid(12.5)).toBe(false);
    expect(valid(-1)).toBe(false);
    expect(toText('mileage', 12345)).toBe('12345');
  });

  it('is shown with thousands separators and its unit', () => {
    expect(mileageText(12345)).toBe('12,345 km');
    expect(mileageText(1234567, 'zh-CN')).toBe('1,234,567 公里');
    expect(mileageText(999)).toBe('999 km');
    expect(mileage.displayText?.(def('mileage'), 12345, { language: 'en', word: String })).toBe('12,345 km');
  });

  it('compares and bulk-sets as a number and may be filled through a public link', () => {
    expect(mileage.compareAs).toBe('number');
    expect(mileage.bulkSet).toBe('number');
    expect(mileage.publicFill).toBe(true);
  });

  it('is refused below the reading held by its notBelow field, with a stable code', () => {
    const field = def('mileage', { notBelow: 'f_last' });
    expect(mileage.checkRecord?.(field, 12000, { f_last: 12345 })).toEqual({
      message: "The mileage is lower than the vehicle's last reading (12,345 km).",
      code: 'field.mileage_below_last',
      params: { floor: 12345, field: 'f_last' },
    });
    expect(mileage.checkRecord?.(field, 12345, { f_last: 12345 })).toBeUndefined();
    expect(mileage.checkRecord?.(field, 1, { f_last: null })).toBeUndefined();
    // A lookup through a multiple relation holds several readings: the highest is the floor.
    expect(mileage.checkRecord?.(field, 150, { f_last: [100, 200] })?.params).toEqual({
      floor: 200,
      field: 'f_last',
    });
    expect(mileage.checkRecord?.(def('mileage'), 1, { f_last: 5 })).toBeUndefined();
    expect(mileage.checkDefinition?.(def('mileage', { notBelow: 'f_sample' }))).toEqual([
      'A mileage cannot be its own floor.',
    ]);
  });
});
