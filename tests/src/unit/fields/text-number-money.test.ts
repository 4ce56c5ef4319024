import {
  addDecimals,
  divideDecimals,
  fieldType,
  formatDecimal,
  moneyPattern,
  parseDecimal,
  roundDecimal,
  roundNumber,
} from '@forecourt/schemas';
import { describe, expect, it } from 'vitest';
import { def, fromText, refusal, stored, toText, validator } from './support';

describe('text and textarea', () => {
  it('trims, folds line breaks in single-line text and keeps them in long text', () => {
    expect(stored('text', '  Oil change \r\n next time ')).toBe('Oil change next time');
    expect(stored('textarea', ' line one\r\nline two \n')).toBe('line one\nline two');
    expect(stored('text', 42.5)).toBe('42.5');
    expect(stored('text', '   ')).toBeNull();
  });

  it('counts characters, not bytes, against maxLength (default 200 and 5000)', () => {
    expect(stored('text', '京'.repeat(200))).toBe('京'.repeat(200));
    expect(refusal('text', '京'.repeat(201))).toBe('Use at most 200 characters (this has 201).');
    expect(stored('textarea', 'a'.repeat(5000))).toHaveLength(5000);
    expect(refusal('textarea', 'a'.repeat(5001))).toMatch(/at most 5000/);
    expect(refusal('text', 'abc', { maxLength: 2 })).toMatch(/at most 2/);
    expect(refusal('text', 'a', { minLength: 2 })).toBe('Use at least 2 characters.');
  });

  it('refuses objects and reports a minLength above maxLength', () => {
    expect(refusal('text', { zh: 'x' })).toBe('Enter text.');
    expect(fieldType('text').checkDefinition?.(def('text', { minLength: 10, maxLength: 5 }))).toHaveLength(1);
  });

  it('has a value schema that refuses control characters and over-long text', () => {
    const validate = validator(fieldType('text').valueSchema(def('text', { maxLength: 5 })));
    expect(validate('abcde')).toBe(true);
    expect(validate('abcdef')).toBe(false);
    expect(validate('a\nb')).toBe(false);
    expect(validate('')).toBe(false);
  });
});

describe('number', () => {
  it('rounds half-up to the precision (default 2) through decimal text, not floats', () => {
    expect(stored('number', 1.005)).toBe(1.01);
    expect(stored('number', 2.675)).toBe(2.68);
    expect(stored('number', -2.345)).toBe(-2.35);
    expect(stored('number', 2.5, { precision: 0 })).toBe(3);
    expect(stored('number', -0.001)).toBe(0);
    expect(stored('number', 0.123456789012, { precision: 10 })).toBe(0.123456789);
  });

  it('reads text with thousands separators and full-width digits', () => {
    expect(stored('number', '1,234.5')).toBe(1234.5);
    expect(stored('number', '１２３')).toBe(123);
    expect(fromText('number', ' -7 ')).toEqual({ ok: true, value: -7 });
  });

  it('refuses NaN, Infinity, exponents, words and booleans', () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, '1e5', 'twelve', true, '12abc', '--1'])
      expect(refusal('number', bad)).toBe('Enter a number.');
    expect(refusal('number', 1e16)).toBe('This number is too large.');
  });

  it('checks min and max after rounding', () => {
    expect(refusal('number', -1, { min: 0 })).toBe('Enter a number of at least 0.');
    expect(refusal('number', 101, { max: 100 })).toBe('Enter a number of at most 100.');
    expect(stored('number', 100.004, { max: 100 })).toBe(100);
    expect(fieldType('number').checkDefinition?.(def('number', { min: 5, max: 1 }))).toEqual([
      'The minimum is larger than the maximum.',
    ]);
  });

  it('prints small numbers without an exponent', () => {
    expect(toText('number', 0.0000001, { precision: 10 })).toBe('0.0000001');
    expect(toText('number', 1234567.89)).toBe('1234567.89');
  });

  it('says integer in the value schema when precision is 0', () => {
    const validate = validator(fieldType('number').valueSchema(def('number', { precision: 0, min: 0 })));
    expect(validate(3)).toBe(true);
    expect(validate(3.5)).toBe(false);
    expect(validate(-1)).toBe(false);
  });
});

describe('money', () => {
  it('stores exact decimal strings with the scale (default 2)', () => {
    expect(stored('money', '1234.5')).toBe('1234.50');
    expect(stored('money', 1234.5)).toBe('1234.50');
    expect(stored('money', '0.1')).toBe('0.10');
    expect(stored('money', 7)).toBe('7.00');
    expect(stored('money', '12.3456', { scale: 4 })).toBe('12.3456');
    expect(stored('money', '12', { scale: 0 })).toBe('12');
    expect(stored('money', '12.500')).toBe('12.50');
  });

  it('refuses an entered amount with more decimals than the field allows, never rounding it silently', () => {
    expect(refusal('money', '19.995')).toBe(
      'This amount allows at most 2 decimals; 19.995 has 3. Round it yourself, e.g. to 20.00.',
    );
    expect(refusal('money', 19.995)).toMatch(/at most 2 decimals; 19.995 has 3/);
    expect(refusal('money', '-0.001')).toMatch(/at most 2 decimals/);
    expect(refusal('money', '12.5', { scale: 0 })).toBe(
      'This amount allows no decimals; 12.5 has 1. Enter a whole amount.',
    );
    // Float noise of a program's arithmetic is not an extra decimal someone typed.
    expect(stored('money', 0.1 + 0.2)).toBe('0.30');
    expect(stored('money', 129.9 * 4)).toBe('519.60');
  });

  it('rounds computed money half away from zero: 2.345 → 2.35 and -2.345 → -2.35', () => {
    const computed = (value: unknown) =>
      fieldType('formula').normalize(def('formula', { expression: '1', resultType: 'money' }), value, {
        now: new Date(),
        timeZone: 'Asia/Shanghai',
      });
    expect(computed(2.345)).toEqual({ ok: true, value: '2.35' });
    expect(computed('-2.345')).toEqual({ ok: true, value: '-2.35' });
    expect(computed('2.3449999')).toEqual({ ok: true, value: '2.34' });
    expect(computed(1.005)).toEqual({ ok: true, value: '1.01' });
    expect(computed('-0.001')).toEqual({ ok: true, value: '0.00' });
    expect(computed('19.995')).toEqual({ ok: true, value: '20.00' });
  });

  it('keeps digits a double would lose', () => {
    expect(stored('money', '999999999999999.99')).toBe('999999999999999.99');
    expect(refusal('money', '123456789012345.675')).toMatch(/at most 2 decimals/);
  });

  it('reads what clerks type around amounts', () => {
    expect(stored('money', '¥1,234.50')).toBe('1234.50');
    expect(stored('money', '￥ 88')).toBe('88.00');
    expect(stored('money', '-¥5')).toBe('-5.00');
    expect(stored('money', '1 280.00元')).toBe('1280.00');
    expect(stored('money', '３００'.normalize())).toBe('300.00');
  });

  it('refuses NaN, Infinity, exponent garbage and huge amounts', () => {
    for (const bad of [
      '1e5',
      '1E+3',
      'NaN',
      'Infinity',
      Number.NaN,
      Number.POSITIVE_INFINITY,
      '12,34.5.6',
      '0x10',
      true,
      {},
      '.',
      '-',
    ])
      expect(refusal('money', bad)).toBe('Enter an amount such as 1234.50.');
    expect(refusal('money', '1000000000000000')).toBe('This amount is too large.');
    expect(refusal('money', 1e21)).toBe('This amount is too large.');
  });

  it('checks min and max exactly', () => {
    expect(refusal('money', '-0.01', { min: 0 })).toBe('The amount must be at least 0.');
    expect(stored('money', '0.00', { min: 0 })).toBe('0.00');
    expect(refusal('money', '10000.01', { max: '10000' })).toBe('The amount must be at most 10000.');
  });

  it('has a value schema that pins the number of decimals', () => {
    const validate = validator(fieldType('money').valueSchema(def('money')));
    expect(validate('1234.50')).toBe(true);
    expect(validate('-0.01')).toBe(true);
    expect(validate('1234.5')).toBe(false);
    expect(validate('01.00')).toBe(false);
    expect(validate(1234.5)).toBe(false);
    expect(moneyPattern(0, false)).toBe('^(0|[1-9][0-9]{0,14})$');
  });

  it('round-trips through text exactly', () => {
    expect(toText('money', '-1234.50')).toBe('-1234.50');
    expect(fromText('money', '-1234.50')).toEqual({ ok: true, value: '-1234.50' });
  });
});

describe('decimal arithmetic', () => {
  const d = (text: string) => parseDecimal(text) ?? expect.unreachable();

  it('adds 0.1 and 0.2 to exactly 0.3', () => {
    expect(formatDecimal(addDecimals(d('0.1'), d('0.2')))).toBe('0.3');
    expect(0.1 + 0.2).not.toBe(0.3);
  });

  it('rounds and divides half away from zero', () => {
    expect(formatDecimal(roundDecimal(d('2.345'), 2))).toBe('2.35');
    expect(formatDecimal(roundDecimal(d('-2.345'), 2))).toBe('-2.35');
    expect(formatDecimal(roundDecimal(d('2.344'), 2))).toBe('2.34');
    expect(formatDecimal(roundDecimal(d('5'), 2))).toBe('5.00');
    expect(formatDecimal(divideDecimals(d('10'), d('3'), 2) ?? expect.unreachable())).toBe('3.33');
    expect(formatDecimal(divideDecimals(d('-2'), d('3'), 2) ?? expect.unreachable())).toBe('-0.67');
    expect(divideDecimals(d('1'), d('0'), 2)).toBeNull();
    expect(roundNumber(1.005, 2)).toBe(1.01);
  });

  it('parses only plain decimals', () => {
    expect(parseDecimal('1e3')).toBeNull();
    expect(parseDecimal('')).toBeNull();
    expect(parseDecimal('1'.repeat(61))).toBeNull();
    expect(formatDecimal(d('.5'))).toBe('0.5');
  });
});

describe('percent', () => {
  it('stores fractions and writes percentages', () => {
    expect(stored('percent', '15%')).toBe(0.15);
    expect(stored('percent', '15.25 %')).toBe(0.1525);
    expect(stored('percent', '１５％')).toBe(0.15);
    expect(stored('percent', 0.15)).toBe(0.15);
    expect(stored('percent', '0.15')).toBe(0.15);
    expect(toText('percent', 0.15)).toBe('15%');
    expect(toText('percent', 0.1525)).toBe('15.25%');
    expect(toText('percent', 0.07)).toBe('7%');
    expect(toText('percent', 1.2)).toBe('120%');
  });

  it('rounds to the precision of the percentage', () => {
    expect(stored('percent', '15.255%')).toBe(0.1526);
    expect(stored('percent', '15.5%', { precision: 0 })).toBe(0.16);
  });

  it('refuses garbage and checks bounds given as fractions', () => {
    expect(refusal('percent', 'fifteen')).toBe('Enter a percentage such as 15%.');
    expect(refusal('percent', '1e2%')).toBe('Enter a percentage such as 15%.');
    expect(refusal('percent', '120%', { max: 1 })).toBe('Enter at most 100%.');
  });
});
