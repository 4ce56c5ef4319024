import { checkExpression, compileExpression, ExpressionError, referencedFields } from '@forecourt/schemas';
import { describe, expect, it } from 'vitest';

const run = (source: string, input: unknown = {}, bindings?: Record<string, unknown>) =>
  compileExpression(source).evaluate(input, bindings);

const repairOrder = {
  f_type: 'Goodwill',
  f_qty: 4,
  f_price: 129.9,
  f_parts: [
    { f_name: '机油滤清器', f_amount: 68 },
    { f_name: '刹车片', f_amount: 420.5 },
  ],
  f_labor: [{ f_item: '保养工时', f_amount: 200 }],
  f_start_km: 15_230,
  f_end_km: 15_412,
  f_msrp: 189_800,
  f_discount: 6_000,
};

describe('formulas of dealership forms', () => {
  it('computes line totals, sums of sub-tables and distances', async () => {
    expect(await run('f_qty * f_price', repairOrder)).toBeCloseTo(519.6, 10);
    expect(await run('$sum(f_parts.f_amount) + $sum(f_labor.f_amount)', repairOrder)).toBe(688.5);
    expect(await run('f_end_km - f_start_km', repairOrder)).toBe(182);
  });

  it('evaluates conditions for approvals and visibility', async () => {
    expect(await run('f_discount / f_msrp > 0.03', repairOrder)).toBe(true);
    expect(await run('f_discount / f_msrp > 0.03', { ...repairOrder, f_discount: 5000 })).toBe(false);
    expect(await run("f_type = 'Goodwill'", repairOrder)).toBe(true);
    expect(await run("f_type = 'Goodwill'", { f_type: 'Warranty' })).toBe(false);
  });

  it('treats missing fields as missing, not as errors', async () => {
    expect(await run('f_qty * f_price', { f_qty: 2 })).toBeUndefined();
    expect(await run('$sum(f_parts.f_amount)', {})).toBeUndefined();
    expect(await run('$ifEmpty($sum(f_parts.f_amount), 0)', {})).toBe(0);
    expect(await run("f_type = 'Goodwill'", {})).toBe(false);
  });

  it('reads bindings and returns plain JSON', async () => {
    const result = await run('{"total": f_qty * 2, "by": $user, "rows": f_parts.f_name}', repairOrder, {
      user: 'zhang.wei',
    });
    expect(result).toEqual({ total: 8, by: 'zhang.wei', rows: ['机油滤清器', '刹车片'] });
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(await run('$f', {}, { f: () => 1 })).toBeUndefined();
  });

  it('never mutates the caller’s record', async () => {
    const record = structuredClone(repairOrder);
    const before = structuredClone(record);
    const changed = await run('$ ~> |f_parts|{"f_amount": 0}|', record);
    expect((changed as typeof record).f_parts[0]?.f_amount).toBe(0);
    expect(record).toEqual(before);
    expect(Object.isFrozen(record)).toBe(false);
  });
});

describe('the API', () => {
  it('caches compiled expressions by source', () => {
    expect(compileExpression('f_a + f_b')).toBe(compileExpression('f_a + f_b'));
    expect(compileExpression('f_a + f_b', { maxDepth: 50 })).not.toBe(compileExpression('f_a + f_b'));
  });

  it('lists the fields an expression reads, in order', () => {
    expect(referencedFields('f_qty * f_price')).toEqual(['f_qty', 'f_price']);
    expect(referencedFields('$sum(f_parts.f_amount) + $sum(f_labor.f_amount)')).toEqual([
      'f_parts',
      'f_amount',
      'f_labor',
    ]);
    expect(referencedFields('{"f_out": 1, "x": $f_var}')).toEqual([]);
    expect(referencedFields("$ifEmpty(f_a, f_b) & 'f_c'")).toEqual(['f_a', 'f_b']);
  });

  it('reports syntax errors with a position', () => {
    const check = checkExpression('f_qty * * f_price');
    expect(check).toMatchObject({ ok: false, code: 'syntax' });
    if (check.ok) return;
    expect(check.message).toMatch(/^Syntax error at position \d+: /);
    expect(check.position).toBeGreaterThan(0);
    expect(checkExpression('f_qty * f_price')).toEqual({ ok: true });
    expect(checkExpression('')).toMatchObject({ ok: false, code: 'syntax' });
  });

  it('refuses unknown functions, naming them', () => {
    expect(checkExpression('$foo(1)')).toMatchObject({
      ok: false,
      code: 'unknown_function',
      message: 'Unknown function $foo.',
      position: 5,
    });
    expect(() => compileExpression('sum(f_a)')).toThrow(/Unknown function sum/);
    expect(checkExpression('($f := function($x){ $x * 2 }; $f(3))')).toEqual({ ok: true });
    expect(checkExpression('f_rows.$uppercase(f_name)')).toEqual({ ok: true });
  });

  it('accepts caller functions declared at compile time', async () => {
    const functions = { vat: { implementation: (n: number) => n * 0.13, signature: '<n:n>' } };
    expect(await compileExpression('$vat(f_price)', { functions }).evaluate({ f_price: 100 })).toBe(13);
    expect(() => compileExpression('$vat(f_price)')).toThrow(ExpressionError);
  });

  it('wraps runtime failures in typed errors', async () => {
    await expect(run('f_type + 1', { f_type: 'a' })).rejects.toMatchObject({ code: 'type' });
    await expect(run('$error("boom")')).rejects.toMatchObject({ code: 'runtime', message: 'boom' });
    await expect(run('$daysBetween("2024-13-01", "2024-01-01")')).rejects.toMatchObject({ code: 'type' });
  });
});
