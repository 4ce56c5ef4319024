import { arithmeticOperands, compileArithmetic, compileExpression, type FieldDef } from '@forecourt/schemas';
import { describe, expect, it } from 'vitest';

/** Simple arithmetic compiled inline on exact decimals (issue 15 items 5 and 17). */
const money = (id: string): FieldDef => ({ id, type: 'money', label: { zh: id, en: id } }) as FieldDef;
const number = (id: string): FieldDef => ({ id, type: 'number', label: { zh: id, en: id } }) as FieldDef;
const text = (id: string): FieldDef => ({ id, type: 'text', label: { zh: id, en: id } }) as FieldDef;
const fields = [money('f_price'), number('f_qty'), number('f_start_km'), number('f_end_km'), text('f_note')];

function inline(source: string, data: Record<string, unknown>) {
  const compiled = compileArithmetic(source);
  if (!compiled) throw new Error(`${source} is not simple`);
  return compiled.evaluate(arithmeticOperands(fields, data));
}

describe('which expressions are simple arithmetic', () => {
  it('compiles field references, numbers, + - * /, unary minus and parentheses', () => {
    for (const source of [
      'f_a * f_b',
      'f_end_km - f_start_km',
      '(f_x + f_y) * 2',
      '-f_a / 4',
      ' 1.5e2 * f_a ',
    ])
      expect(compileArithmetic(source), source).not.toBeNull();
    expect(compileArithmetic('(f_x + f_y) * 2')?.fields).toEqual(['f_x', 'f_y']);
  });

  it('leaves everything else to JSONata', () => {
    for (const source of [
      '$round(f_a, 2)',
      'f_a > 2',
      'f_parts.f_amount',
      '"a" & f_b',
      'f_a and f_b',
      'f_a * ',
      '(f_a',
      'f_a f_b',
      '$x * 2',
      'f_a % 2',
      '',
    ])
      expect(compileArithmetic(source), source).toBeNull();
  });
});

describe('inline arithmetic', () => {
  it('gives what JSONata gives on ordinary numbers', async () => {
    const data = { f_price: '129.90', f_qty: 4, f_start_km: 15_230, f_end_km: 15_412 };
    for (const source of [
      'f_price * f_qty',
      'f_end_km - f_start_km',
      '(f_qty + f_end_km) * 2',
      '-f_qty / 4',
    ]) {
      const jsonata = await compileExpression(source).evaluate({ ...data, f_price: 129.9 });
      const result = inline(source, data);
      expect(result.simple).toBe(true);
      expect(result.simple && result.value, source).toBeCloseTo(jsonata as number, 9);
    }
  });

  it('keeps every digit of money: 1 × 99999999999999.99 is 99999999999999.99', () => {
    expect(inline('f_qty * f_price', { f_qty: 1, f_price: '99999999999999.99' })).toEqual({
      simple: true,
      value: '99999999999999.99',
    });
    expect(inline('f_price + f_price', { f_price: '0.10' })).toEqual({ simple: true, value: 0.2 });
    expect(inline('f_price * 3', { f_price: '0.10' })).toEqual({ simple: true, value: 0.3 });
  });

  it('treats an empty field as nothing, as JSONata does', () => {
    expect(inline('f_qty * f_price', { f_qty: 2 })).toEqual({ simple: true, value: undefined });
    expect(inline('f_qty * f_price', { f_qty: 2, f_price: null })).toEqual({
      simple: true,
      value: undefined,
    });
  });

  it('hands text operands and division by zero back to JSONata for its usual error', () => {
    expect(inline('f_note * 2', { f_note: '12' })).toEqual({ simple: false });
    expect(inline('f_qty / 0', { f_qty: 2 })).toEqual({ simple: false });
    expect(inline('f_qty * f_x', { f_qty: 2, f_x: [1] })).toEqual({ simple: false });
  });
});
