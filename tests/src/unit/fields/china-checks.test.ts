import {
  fieldType,
  findRegion,
  isNewEnergyPlate,
  normalizePhone,
  normalizePlate,
  normalizeResidentId,
  normalizeVin,
  regionByCode,
  residentIdInfo,
  vinCheckDigit,
} from '@forecourt/schemas';
import { describe, expect, it } from 'vitest';
import { def, fromText, refusal, stored, toText, validator } from './support';

describe('VIN', () => {
  const good = '1M8GDM9AXKP042788';

  it('upper-cases and strips spaces and dashes', () => {
    expect(stored('vin', ' 1m8gdm9a xkp-042788 ')).toBe(good);
    expect(stored('vin', '１M8GDM9AXKP042788')).toBe(good);
  });

  it('refuses the wrong length and the letters I, O and Q', () => {
    const message = 'A VIN has 17 letters and digits, without I, O or Q.';
    expect(refusal('vin', '1M8GDM9AXKP04278')).toBe(message);
    expect(refusal('vin', '1M8GDM9AXKP0427888')).toBe(message);
    expect(refusal('vin', '1M8GDM9AXKP04278O')).toBe(message);
    expect(refusal('vin', 'IM8GDM9AXKP042788')).toBe(message);
    expect(refusal('vin', 'QM8GDM9AXKP042788')).toBe(message);
  });

  it('verifies the check digit only when the field asks', () => {
    expect(vinCheckDigit(good)).toBe('X');
    expect(stored('vin', good, { checkDigit: true })).toBe(good);
    const typo = '1M8GDM9AXKP042789';
    expect(refusal('vin', typo, { checkDigit: true })).toMatch(/check digit/);
    // Chinese domestic VINs often carry no check digit, so the default accepts them.
    expect(stored('vin', typo)).toBe(typo);
    expect(normalizeVin('11111111111111111', { checkDigit: true })).toEqual({
      ok: true,
      value: '11111111111111111',
    });
    expect(normalizeVin('11111111211111111', { checkDigit: true }).ok).toBe(false);
  });

  it('has a value schema that matches the check', () => {
    const validate = validator(fieldType('vin').valueSchema(def('vin')));
    expect(validate(good)).toBe(true);
    expect(validate(good.toLowerCase())).toBe(false);
    expect(validate('1M8GDM9AXKP04278O')).toBe(false);
  });
});

describe('licence plate', () => {
  it('accepts ordinary, new-energy and special plates, canonicalised', () => {
    expect(stored('plate', '京A12345')).toBe('京A12345');
    expect(stored('plate', '粤B·D12345')).toBe('粤BD12345');
    expect(stored('plate', '沪AD12345')).toBe('沪AD12345');
    expect(stored('plate', ' 浙 a · 1b2c3 ')).toBe('浙A1B2C3');
    expect(stored('plate', '粤B12345F')).toBe('粤B12345F');
    expect(stored('plate', '京A1234警')).toBe('京A1234警');
    expect(stored('plate', '粤Z1234港')).toBe('粤Z1234港');
    expect(stored('plate', '沪A1234领')).toBe('沪A1234领');
    expect(stored('plate', '鲁B1234挂')).toBe('鲁B1234挂');
    expect(stored('plate', '苏E1234学')).toBe('苏E1234学');
    expect(isNewEnergyPlate('粤BD12345')).toBe(true);
    expect(isNewEnergyPlate('京A12345')).toBe(false);
  });

  it('refuses plates without a province, with I or O, or of the wrong length', () => {
    const message = refusal('plate', 'AB12345');
    expect(message).toMatch(/province character/);
    for (const bad of [
      '京I12345',
      '京O12345',
      '京A1234',
      '京A1234567',
      '京AD123',
      '京A12I45',
      'X京12345',
      '京A1234X港',
    ])
      expect(normalizePlate(bad).ok, bad).toBe(false);
  });

  it('round-trips through text', () => {
    expect(fromText('plate', toText('plate', '粤BD12345'))).toEqual({ ok: true, value: '粤BD12345' });
  });
});

/** GB 11643 written out independently of the code under test. */
function withCheck(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((total, digit, i) => total + Number(digit) * (weights[i] ?? 0), 0);
  return first17 + '10X98765432'[sum % 11];
}

function wrongCheck(id: string): string {
  const last = id.slice(-1);
  return id.slice(0, -1) + (last === '0' ? '1' : '0');
}

describe('resident ID', () => {
  const man = withCheck('33010619900307123');
  const woman = withCheck('44030519851231002');
  const withX = withCheck('11010519491231002');

  it('accepts numbers with the right check character, X upper-cased', () => {
    expect(withX.endsWith('X')).toBe(true);
    expect(stored('resident_id', man)).toBe(man);
    expect(stored('resident_id', withX.toLowerCase())).toBe(withX);
    expect(stored('resident_id', ` ${woman.slice(0, 6)} ${woman.slice(6, 14)} ${woman.slice(14)} `)).toBe(
      woman,
    );
  });

  it('refuses a wrong check character', () => {
    expect(refusal('resident_id', wrongCheck(man))).toMatch(/last character/);
    expect(refusal('resident_id', wrongCheck(withX))).toMatch(/last character/);
  });

  it('refuses impossible and future birth dates even with a correct check character', () => {
    expect(refusal('resident_id', withCheck('33010619900230123'))).toMatch(/not a real date/);
    expect(refusal('resident_id', withCheck('33010619891301123'))).toMatch(/not a real date/);
    expect(refusal('resident_id', withCheck('33010618991231123'))).toMatch(/not a real date/);
    expect(stored('resident_id', withCheck('33010620000229123'))).toMatch(/^330106/);
    // The test context's today is 2026-03-01.
    expect(refusal('resident_id', withCheck('33010620300101123'))).toMatch(/future/);
  });

  it('refuses old 15-digit numbers, unknown regions and other lengths', () => {
    expect(refusal('resident_id', '330106900307123')).toMatch(/15-digit/);
    expect(refusal('resident_id', withCheck('99010619900307123'))).toMatch(/region code/);
    expect(refusal('resident_id', '3301061990030712')).toMatch(/18 digits/);
    expect(normalizeResidentId('33010619900307123A').ok).toBe(false);
  });

  it('reads the birth date and sex', () => {
    expect(residentIdInfo(man)).toEqual({ region: '330106', birthDate: '1990-03-07', sex: 'male' });
    expect(residentIdInfo(woman).sex).toBe('female');
  });
});

describe('phone', () => {
  it('stores mainland mobiles as +86 and shows them as 11 digits', () => {
    for (const input of [
      '13812345678',
      '138 1234 5678',
      '138-1234-5678',
      '+86 138 1234 5678',
      '008613812345678',
      '8613812345678',
    ])
      expect(stored('phone', input), input).toBe('+8613812345678');
    expect(toText('phone', '+8613812345678')).toBe('13812345678');
  });

  it('stores landlines with area code and optional extension', () => {
    expect(stored('phone', '0571-87654321')).toBe('0571-87654321');
    expect(stored('phone', '(0571) 8765 4321')).toBe('0571-87654321');
    expect(stored('phone', '010-62345678')).toBe('010-62345678');
    expect(stored('phone', '021 6234 5678')).toBe('021-62345678');
    expect(stored('phone', '0571-87654321 转 8001')).toBe('0571-87654321-8001');
    expect(stored('phone', '0571-87654321 ext. 12')).toBe('0571-87654321-12');
    expect(stored('phone', '0571-87654321-8001')).toBe('0571-87654321-8001');
    expect(stored('phone', '+86 571 8765 4321')).toBe('0571-87654321');
    expect(stored('phone', '4008208820')).toBe('400-820-8820');
  });

  it('refuses numbers of the wrong shape or kind', () => {
    for (const bad of ['12812345678', '1381234567', '138123456789', '87654321', 'call me', '0571-0765432'])
      expect(normalizePhone(bad).ok, bad).toBe(false);
    expect(refusal('phone', '0571-87654321', { kinds: ['mobile'] })).toMatch(/mobile number starting with 1/);
    expect(refusal('phone', '13812345678', { kinds: ['landline'] })).toMatch(/landline/);
  });

  it('has a value schema limited to the allowed kinds', () => {
    const mobileOnly = validator(fieldType('phone').valueSchema(def('phone', { kinds: ['mobile'] })));
    expect(mobileOnly('+8613812345678')).toBe(true);
    expect(mobileOnly('0571-87654321')).toBe(false);
    expect(mobileOnly('13812345678')).toBe(false);
  });
});

describe('regions', () => {
  it('finds provinces, cities and districts by code, full name and short name', () => {
    expect(regionByCode('330106')).toMatchObject({ name: '西湖区', level: 'district', parent: '330100' });
    expect(findRegion('浙江', 'province')?.code).toBe('330000');
    expect(findRegion('广西', 'province')?.code).toBe('450000');
    expect(findRegion('杭州', 'city', '330000')?.code).toBe('330100');
    expect(findRegion('杭州', 'city', '320000')).toBeUndefined();
  });
});
