import { aggregate, expressionInput, type FieldDef, formulaOrder } from '@forecourt/schemas';
import { describe, expect, it } from 'vitest';

/** The computation steps the engine (on save) and the form renderer (as the user types) share. */
const f = (id: string, type: string, props: Record<string, unknown> = {}) =>
  ({ id, type, label: { zh: id, en: id }, ...props }) as FieldDef;

describe('shared computation steps', () => {
  it('hands money to expressions as numbers, leaves empty fields out, inside table rows too', () => {
    const fields = [
      f('f_price', 'money'),
      f('f_note', 'text'),
      f('f_total', 'formula', { expression: 'f_price', resultType: 'money' }),
      f('f_parts', 'subform', { fields: [f('f_cost', 'money'), f('f_name', 'text')] }),
    ];
    expect(
      expressionInput(fields, {
        f_price: '12.30',
        f_note: null,
        f_total: '1.50',
        f_parts: [{ f_cost: '0.10', f_name: null }],
      }),
    ).toEqual({ f_price: 12.3, f_total: 1.5, f_parts: [{ f_cost: 0.1 }] });
  });

  it('orders formulas after the formulas they read; a broken one reads nothing', () => {
    const fields = [
      f('f_c', 'formula', { expression: 'f_b * 2' }),
      f('f_b', 'formula', { expression: 'f_a + 1' }),
      f('f_bad', 'formula', { expression: 'f_a +' }),
      f('f_a', 'number'),
    ];
    expect(formulaOrder(fields).map((field) => field.id)).toEqual(['f_b', 'f_c', 'f_bad']);
  });

  it('aggregates exactly, and dates as text', () => {
    const rows = [{ v: '0.1' }, { v: '0.2' }, { v: null }, { v: '' }];
    expect(aggregate('sum', rows, 'v')).toBe('0.3');
    expect(aggregate('count', rows, 'v')).toBe(2);
    expect(aggregate('count', rows, undefined)).toBe(4);
    // Averages keep 10 places; the rollup's own type rounds them on assignment.
    expect(aggregate('avg', [{ v: 1 }, { v: 2 }], 'v')).toBe('1.5000000000');
    expect(aggregate('max', [{ v: '2026-03-01' }, { v: '2026-12-31' }], 'v')).toBe('2026-12-31');
    expect(aggregate('sum', [], 'v')).toBeNull();
  });
});
