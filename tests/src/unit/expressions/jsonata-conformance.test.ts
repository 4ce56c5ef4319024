/**
 * JSONata behaviour the sandbox must keep (the jsonata npm package ships no test suite, so these are
 * the cases of its documentation and of issue 15 item 15): `[]` keeps arrays, array and object
 * constructors over arrays, `$distinct` by deep equality, `$now` with a picture and a time zone.
 */
import { compileExpression } from '@forecourt/schemas';
import { describe, expect, it } from 'vitest';

const now = new Date('2026-12-07T08:30:15.250Z');
const run = (source: string, input: unknown = {}) =>
  compileExpression(source).evaluate(input, {}, { now, timeZone: 'Asia/Shanghai' });

const order = {
  f_tags: ['urgent', 'vip'],
  f_one: ['solo'],
  f_parts: [
    { f_name: 'filter', f_amount: 68, f_codes: ['A1'] },
    { f_name: 'pads', f_amount: 420.5, f_codes: ['B1', 'B2'] },
  ],
  Phone: [
    { type: 'home', number: '0203 544 1234' },
    { type: 'mobile', number: '077 7700 1234' },
  ],
};

describe('path [] keeps arrays on frozen record data', () => {
  it('joins a multiselect with $join(f_tags[], "/")', async () => {
    expect(await run('$join(f_tags[], "/")', order)).toBe('urgent/vip');
    expect(await run('f_one[]', order)).toEqual(['solo']);
    expect(await run('$count(f_one[])', order)).toBe(1);
  });

  it('keeps rows of a table as an array', async () => {
    expect(await run('f_parts[].f_name', order)).toEqual(['filter', 'pads']);
    expect(await run('f_parts[0][]', order)).toEqual([order.f_parts[0]]);
    expect(await run('f_parts.f_codes[]', order)).toEqual(['A1', 'B1', 'B2']);
    expect(await run('f_parts[]', { f_parts: [order.f_parts[0]] })).toEqual([order.f_parts[0]]);
  });
});

describe('array and object constructors (JSONata documentation)', () => {
  it('builds arrays over paths', async () => {
    expect(await run('Phone.[type, number]', order)).toEqual([
      ['home', '0203 544 1234'],
      ['mobile', '077 7700 1234'],
    ]);
    expect(await run('[Phone.number]', order)).toEqual(['0203 544 1234', '077 7700 1234']);
    expect(await run('[f_tags, f_one]', order)).toEqual(['urgent', 'vip', 'solo']);
    expect(await run('[f_tags[], [f_one]]', order)).toEqual(['urgent', 'vip', ['solo']]);
  });

  it('builds objects over arrays', async () => {
    expect(await run('Phone{type: number}', order)).toEqual({
      home: '0203 544 1234',
      mobile: '077 7700 1234',
    });
    expect(await run('Phone.{type: number}', order)).toEqual([
      { home: '0203 544 1234' },
      { mobile: '077 7700 1234' },
    ]);
    expect(await run('{"tags": f_tags[], "parts": f_parts[].f_name}', order)).toEqual({
      tags: ['urgent', 'vip'],
      parts: ['filter', 'pads'],
    });
    expect(await run('f_parts{f_name: f_codes[]}', order)).toEqual({ filter: ['A1'], pads: ['B1', 'B2'] });
  });
});

describe('$distinct', () => {
  it('drops deep-equal objects and arrays, whatever their key order', async () => {
    expect(await run('$distinct([1, 2, 2, "2", 1])')).toEqual([1, 2, '2']);
    expect(await run('$distinct([{"a": 1, "b": [1, 2]}, {"b": [1, 2], "a": 1}])')).toEqual([
      { a: 1, b: [1, 2] },
    ]);
    expect(await run('$distinct([[1, 2], [1, 2], [2, 1]])')).toEqual([
      [1, 2],
      [2, 1],
    ]);
    expect(await run('$distinct(f_parts.{"n": 1})', order)).toEqual([{ n: 1 }]);
  });
});

describe('$now', () => {
  it('answers the evaluation time, formatted by a picture and a time zone when given', async () => {
    expect(await run('$now()')).toBe('2026-12-07T08:30:15.250Z');
    expect(await run('$now("[Y0001]-[M01]-[D01]")')).toBe('2026-12-07');
    expect(await run('$now("[H01]:[m01]", "+0800")')).toBe('16:30');
    expect(await run('$now("[Y0001]-[M01]-[D01] [H01]:[m01]", "-0500")')).toBe('2026-12-07 03:30');
  });
});
