import { checkSerialPattern, fieldType, formatSerial, serialPeriod } from '@forecourt/schemas';
import { describe, expect, it } from 'vitest';
import { def, refusal, stored, toText, validator } from './support';

describe('formula', () => {
  it('coerces results exactly like the result type', () => {
    const money = { expression: 'f_qty * f_price', resultType: 'money' };
    expect(stored('formula', 2.345, money)).toBe('2.35');
    expect(stored('formula', -2.345, money)).toBe('-2.35');
    expect(stored('formula', 2.345, { ...money, precision: 3 })).toBe('2.345');
    expect(stored('formula', 1.005, { expression: 'x', resultType: 'number' })).toBe(1.01);
    expect(stored('formula', 7.5, { expression: 'x', resultType: 'number', precision: 0 })).toBe(8);
    expect(stored('formula', '2026-03-01 08:00', { expression: 'x', resultType: 'datetime' })).toBe(
      '2026-03-01T00:00:00.000Z',
    );
    expect(stored('formula', 'yes', { expression: 'x', resultType: 'boolean' })).toBe(true);
    expect(refusal('formula', 'abc', money)).toBe('Enter an amount such as 1234.50.');
    expect(toText('formula', true, { expression: 'x', resultType: 'boolean' })).toBe('是');
  });

  it('has the value schema of the result type', () => {
    const validate = validator(
      fieldType('formula').valueSchema(def('formula', { expression: 'x', resultType: 'money' })),
    );
    expect(validate('2.35')).toBe(true);
    expect(validate(2.35)).toBe(false);
    expect(fieldType('formula').computed).toBe(true);
    expect(
      fieldType('formula').widget(def('formula', { expression: 'x', resultType: 'money' })),
    ).toMatchObject({
      widget: 'computed',
      options: { display: { widget: 'money' } },
    });
  });
});

describe('rollup', () => {
  it('counts in whole numbers and sums money exactly', () => {
    const count = { source: { subform: 'f_parts' }, aggregate: 'count' };
    expect(stored('rollup', 3, count)).toBe(3);
    const sum = { source: { subform: 'f_parts' }, aggregate: 'sum', field: 'f_amount', resultType: 'money' };
    expect(stored('rollup', '1234.5', sum)).toBe('1234.50');
  });

  it('needs a field to aggregate unless counting, and no sums of dates', () => {
    const check = (props: Record<string, unknown>) =>
      fieldType('rollup').checkDefinition?.(def('rollup', props));
    expect(check({ source: { subform: 'f_parts' }, aggregate: 'sum' })).toEqual([
      'Choose the field to aggregate.',
    ]);
    expect(
      check({ source: { relation: 'f_visits' }, aggregate: 'sum', field: 'f_at', resultType: 'date' }),
    ).toEqual(['Dates can be rolled up with min or max only.']);
    expect(
      check({ source: { relation: 'f_visits' }, aggregate: 'max', field: 'f_at', resultType: 'date' }),
    ).toEqual([]);
  });
});

describe('serial numbers', () => {
  // 2026-03-01 07:30 in Shanghai is still 2026-02-28 in UTC: date parts must use the local day.
  const date = new Date('2026-02-28T23:30:00.000Z');

  it('fills date parts in the zone, values by path, and a padded counter', () => {
    const values = { store: { code: 'SH01' } };
    expect(formatSerial('RO-{store.code}-{yyMMdd}-{seq:4}', { date, counter: 7, values })).toBe(
      'RO-SH01-260301-0007',
    );
    expect(formatSerial('RO-{store.code}-{yyMMdd}-{seq:4}', { date, counter: 12345, values })).toBe(
      'RO-SH01-260301-12345',
    );
    expect(formatSerial('{yyyy}{MM}-{seq}', { date, counter: 3, timeZone: 'UTC' })).toBe('202602-3');
    expect(formatSerial('{f_brand}-{seq:2}', { date, counter: 1, values: { f_brand: 'BYD' } })).toBe(
      'BYD-01',
    );
    expect(formatSerial('X{missing}-{seq:2}', { date, counter: 1 })).toBe('X-01');
  });

  it('keys counters by local day, month or year', () => {
    expect(serialPeriod('day', date, 'Asia/Shanghai')).toBe('2026-03-01');
    expect(serialPeriod('day', date, 'UTC')).toBe('2026-02-28');
    expect(serialPeriod('month', date, 'Asia/Shanghai')).toBe('2026-03');
    expect(serialPeriod('year', date)).toBe('2026');
    expect(serialPeriod('never', date)).toBe('');
  });

  it('checks patterns', () => {
    expect(checkSerialPattern('RO-{store.code}-{yyMMdd}-{seq:4}')).toEqual([]);
    expect(checkSerialPattern('RO-{yyMMdd}')).toEqual([
      'The pattern needs exactly one counter, e.g. {seq:4}.',
    ]);
    expect(checkSerialPattern('RO-{seq:4}-{seq}')).toEqual([
      'The pattern needs exactly one counter, e.g. {seq:4}.',
    ]);
    expect(checkSerialPattern('RO-{seq:4}-{what ever}')).toEqual(['Unknown part "{what ever}".']);
    expect(checkSerialPattern('RO-{seq:4')).toContain('A brace is not closed.');
    expect(fieldType('serial').checkDefinition?.(def('serial', { pattern: 'RO' }))).toHaveLength(1);
  });

  it('keeps imported historic numbers as text', () => {
    expect(stored('serial', ' RO-2019-0001 ')).toBe('RO-2019-0001');
    expect(refusal('serial', 'a\nb')).toMatch(/one line/);
  });
});

describe('system fields', () => {
  it('hold user ids, instants and workflow states', () => {
    expect(stored('created_by', 'usr_4k9x2m7q1c8d5t3v')).toBe('usr_4k9x2m7q1c8d5t3v');
    expect(refusal('updated_by', 'admin')).toBe('This does not identify a member.');
    expect(stored('created_at', '2026-03-01 08:00')).toBe('2026-03-01T00:00:00.000Z');
    expect(toText('updated_at', '2026-03-01T00:00:00.000Z')).toBe('2026-03-01 08:00:00+08:00');
    expect(stored('flow_state', 'awaiting_parts')).toBe('awaiting_parts');
    expect(refusal('flow_state', 'Awaiting parts')).toBe('This is not a workflow state.');
  });
});
