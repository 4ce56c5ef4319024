import { compileExpression, toMoney } from '@forecourt/schemas';
import { describe, expect, it } from 'vitest';

const run = (source: string, input: unknown = {}) =>
  compileExpression(source).evaluate(input, {}, { now: new Date('2024-05-01T00:00:00Z') });

describe('rounding like a spreadsheet', () => {
  it('$round rounds half away from zero, on the decimal digits', async () => {
    expect(await run('$round(2.5)')).toBe(3);
    expect(await run('$round(3.5)')).toBe(4);
    expect(await run('$round(-2.5)')).toBe(-3);
    expect(await run('$round(1.005, 2)')).toBe(1.01);
    expect(await run('$round(2.675, 2)')).toBe(2.68);
    expect(await run('$round(0.1 + 0.2, 2)')).toBe(0.3);
    expect(await run('$round(1234.5678, -2)')).toBe(1200);
    expect(await run('$round(f_x, 2)', {})).toBeUndefined();
    await expect(run('$round(1.5, 0.5)')).rejects.toMatchObject({ code: 'type' });
  });

  it('$roundUp goes away from zero, $roundDown toward zero', async () => {
    expect(await run('$roundUp(3.2)')).toBe(4);
    expect(await run('$roundUp(-3.2)')).toBe(-4);
    expect(await run('$roundUp(1.001, 2)')).toBe(1.01);
    expect(await run('$roundUp(3.0)')).toBe(3);
    expect(await run('$roundDown(3.99)')).toBe(3);
    expect(await run('$roundDown(-3.99)')).toBe(-3);
    expect(await run('$roundDown(1.999, 2)')).toBe(1.99);
    expect(await run('$roundDown(0.1 * 3, 1)')).toBe(0.3);
  });

  it('$ceilingTo rounds up to whole packs', async () => {
    expect(await run('$ceilingTo(7, 4)')).toBe(8);
    expect(await run('$ceilingTo(8, 4)')).toBe(8);
    expect(await run('$ceilingTo(1.1, 0.1)')).toBe(1.1);
    expect(await run('$ceilingTo(0.31, 0.25)')).toBe(0.5);
    expect(await run('$ceilingTo(-5, 2)')).toBe(-4);
    expect(await run('$ceilingTo(5, 0)')).toBe(0);
    await expect(run('$ceilingTo(5, -1)')).rejects.toMatchObject({ code: 'type' });
  });
});

describe('toMoney', () => {
  it('rounds half up on the decimal representation, with a fixed scale', () => {
    expect(toMoney(1.005)).toBe('1.01');
    expect(toMoney(0.1 + 0.2)).toBe('0.30');
    expect(toMoney(-1.005)).toBe('-1.01');
    expect(toMoney(-0.001)).toBe('0.00');
    expect(toMoney(129.9 * 4)).toBe('519.60');
    expect(toMoney(1e21)).toBe('1000000000000000000000.00');
    expect(toMoney(2.5, 0)).toBe('3');
    expect(toMoney(1.23456, 4)).toBe('1.2346');
    expect(toMoney(0)).toBe('0.00');
    expect(() => toMoney(Number.NaN)).toThrow(/finite/);
    expect(() => toMoney(1, -1)).toThrow(/scale/);
  });
});

describe('$text', () => {
  it('formats numbers with Excel-like pictures', async () => {
    expect(await run('$text(1234567.891, "#,##0.00")')).toBe('1,234,567.89');
    expect(await run('$text(-1234.5, "¥#,##0.00")')).toBe('-¥1,234.50');
    expect(await run('$text(0.0345, "0.0%")')).toBe('3.5%');
    expect(await run('$text(7, "000")')).toBe('007');
    expect(await run('$text(12.5, "0.## km")')).toBe('12.5 km');
    expect(await run('$text(1.005, "0.00")')).toBe('1.01');
    expect(await run('$text("88.8", "0.00")')).toBe('88.80');
  });

  it('formats dates and datetimes (in the time zone)', async () => {
    expect(await run('$text("2024-05-01", "YYYY年MM月DD日")')).toBe('2024年05月01日');
    expect(await run('$text("2024-05-01", "D/M/YY")')).toBe('1/5/24');
    expect(await run('$text("2024-05-01T16:05:09Z", "YYYY-MM-DD HH:mm:ss")')).toBe('2024-05-02 00:05:09');
  });

  it('turns values into text without a format', async () => {
    expect(await run('$text(0.1 + 0.2)')).toBe('0.3');
    expect(await run('$text(true)')).toBe('true');
    expect(await run('$text(f_none)')).toBeUndefined();
  });
});

describe('text functions', () => {
  it('changes case and trims like Excel TRIM', async () => {
    expect(await run('$upper("lsvau2189n2000001")')).toBe('LSVAU2189N2000001');
    expect(await run('$lower("ABC")')).toBe('abc');
    expect(await run('$trim("  张  三\u3000 ")')).toBe('张 三');
    expect(await run('$upper(f_none)')).toBeUndefined();
  });

  it('takes characters from the left and right (Chinese counts as one)', async () => {
    expect(await run('$left("京A12345", 1)')).toBe('京');
    expect(await run('$left("京A12345")')).toBe('京');
    expect(await run('$right("京A12345", 5)')).toBe('12345');
    expect(await run('$right("ab", 5)')).toBe('ab');
    expect(await run('$right("ab", 0)')).toBe('');
    await expect(run('$left("ab", -1)')).rejects.toMatchObject({ code: 'type' });
  });

  it('concatenates any number of values', async () => {
    expect(await run('$concat(f_last, f_first)', { f_last: '王', f_first: '小明' })).toBe('王小明');
    expect(await run('$concat("RO-", f_no, "-", f_none)', { f_no: 42 })).toBe('RO-42-');
    expect(await run('$concat()')).toBe('');
  });
});

describe('checks and fallbacks', () => {
  it('checks VINs with their check digit', async () => {
    expect(await run('$isVin("1HGCM82633A004352")')).toBe(true);
    expect(await run('$isVin("LSVAU2189N2000001")')).toBe(true);
    expect(await run('$isVin("lsvau2189n2000001")')).toBe(true);
    expect(await run('$isVin("LSVAU2180N2000001")')).toBe(false); // wrong check digit
    expect(await run('$isVin("LSVAU2189N200000I")')).toBe(false); // I is not allowed
    expect(await run('$isVin("LSVAU2189N200000")')).toBe(false);
    expect(await run('$isVin(12345)')).toBe(false);
  });

  it('checks mainland mobile numbers', async () => {
    expect(await run('$isMobile("13800138000")')).toBe(true);
    expect(await run('$isMobile("+86 138-0013-8000")')).toBe(true);
    expect(await run('$isMobile("12800138000")')).toBe(false);
    expect(await run('$isMobile("1380013800")')).toBe(false);
  });

  it('checks plates, ordinary and new energy', async () => {
    expect(await run('$isPlate("京A12345")')).toBe(true);
    expect(await run('$isPlate("粤B·D12345")')).toBe(true);
    expect(await run('$isPlate("沪A12345D")')).toBe(true);
    expect(await run('$isPlate("苏A1234学")')).toBe(true);
    expect(await run('$isPlate("京AI2345")')).toBe(false);
    expect(await run('$isPlate("XA12345")')).toBe(false);
  });

  it('$ifEmpty and $coalesce skip missing, null, blank and empty lists', async () => {
    expect(await run('$ifEmpty(f_a, "未填")', {})).toBe('未填');
    expect(await run('$ifEmpty(f_a, "未填")', { f_a: '  ' })).toBe('未填');
    expect(await run('$ifEmpty(f_a, "未填")', { f_a: 0 })).toBe(0);
    expect(await run('$ifEmpty(f_a, 1)', { f_a: null })).toBe(1);
    expect(await run('$coalesce(f_a, f_b, f_c)', { f_a: [], f_b: '', f_c: 'x' })).toBe('x');
    expect(await run('$coalesce(f_a, f_b)', {})).toBeUndefined();
    expect(await run('$coalesce(f_a, false)', {})).toBe(false);
  });
});
