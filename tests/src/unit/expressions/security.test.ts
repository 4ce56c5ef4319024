import { checkExpression, compileExpression, ExpressionError } from '@forecourt/schemas';
import { afterAll, describe, expect, it } from 'vitest';

const run = async (source: string, input: unknown = {}) => compileExpression(source).evaluate(input);
const polluted = () => ({}) as Record<string, unknown>;

afterAll(() => {
  expect(polluted().polluted).toBeUndefined();
  expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('polluted');
});

describe('prototype access', () => {
  it('refuses __proto__, constructor and prototype as names or keys at compile time', () => {
    for (const source of [
      'f_x.__proto__',
      'f_x.constructor',
      '$.constructor.constructor',
      'f_fn.prototype',
      '`__proto__`.polluted',
      '{"__proto__": {"polluted": true}}',
      '$merge([{}, {"__proto__": {"polluted": true}}])',
      '$lookup($, "constructor")',
    ]) {
      const check = checkExpression(source);
      expect(check, source).toMatchObject({ ok: false, code: 'forbidden' });
    }
  });

  it('refuses computed keys that would reach a prototype', async () => {
    for (const source of [
      '$merge([{}, {"__pro" & "to__": {"polluted": true}}])',
      '{"con" & "structor": {"prototype": 1}}',
      '$spread({"__pro" & "to__": 1})',
      '$ ~> |$|{"__pro" & "to__": {"polluted": true}}|',
      '[1,2]{"__pro" & "to__": $}',
    ]) {
      await expect(run(source, { f_a: 1 }), source).rejects.toMatchObject({ code: 'forbidden' });
    }
    expect(polluted().polluted).toBeUndefined();
  });

  it('yields nothing for computed lookups of prototype members', async () => {
    expect(await run('$lookup($, "__pro" & "to__")', { f_a: 1 })).toBeUndefined();
    expect(await run('$lookup(f_a, "const" & "ructor")', { f_a: { f_b: 1 } })).toBeUndefined();
    expect(await run('$keys($)', JSON.parse('{"f_a": 1, "__proto__": {"polluted": true}}'))).toBe('f_a');
    expect(await run('$sift($, function($v, $k){ true })', { f_a: 1 })).toEqual({ f_a: 1 });
  });
});

describe('code evaluation and host functions', () => {
  it('refuses $eval in every form', async () => {
    expect(checkExpression('$eval("1 + 1")')).toMatchObject({ ok: false, code: 'forbidden' });
    expect(checkExpression('$map(["1 + 1"], $eval)')).toMatchObject({ ok: false, code: 'forbidden' });
    expect(checkExpression('($e := $eval; $e("1"))')).toMatchObject({ ok: false, code: 'forbidden' });
    await expect(run('$eval("1")')).rejects.toThrow(/\$eval/);
  });

  it('refuses non-deterministic built-ins', () => {
    expect(checkExpression('$random()')).toMatchObject({ ok: false, code: 'forbidden' });
    expect(checkExpression('$shuffle([1, 2])')).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('does not hand host objects to expressions', async () => {
    const input = { f_date: new Date('2024-05-01T00:00:00Z'), f_fn: () => 'host', f_n: Number.NaN };
    expect(await run('f_date', input)).toBe('2024-05-01T00:00:00.000Z');
    expect(await run('f_fn', input)).toBeUndefined();
    expect(await run('f_n', input)).toBeNull();
  });

  it('refuses to be evaluated with a binding named like its guard', async () => {
    const result = await compileExpression('$x').evaluate({}, { x: 1, 'forecourt guard': null, round: 3 });
    expect(result).toBe(1);
    expect(await compileExpression('$round(2.5)').evaluate({}, { round: 3 })).toBe(3);
  });
});

describe('the caller’s data', () => {
  it('is never mutated, whatever the expression does', async () => {
    const record = { f_parts: [{ f_amount: 1 }, { f_amount: 2 }], f_meta: { f_by: 'li' } };
    const before = structuredClone(record);
    for (const source of [
      '$ ~> |f_parts|{"f_amount": 99}, ["f_amount"]|',
      '$merge([f_meta, {"f_by": "wang"}])',
      '($x := f_parts; $x[0] ~> |$|{"f_amount": 5}|)',
      'f_parts^(>f_amount)',
      '$sort(f_parts, function($a, $b){ $a.f_amount < $b.f_amount })',
      '$reverse(f_parts)',
    ]) {
      await run(source, record);
    }
    expect(record).toEqual(before);
  });

  it('is an error, not a crash, when nested absurdly deep', async () => {
    let deep: Record<string, unknown> = {};
    for (let i = 0; i < 1_000; i++) deep = { f_x: deep };
    await expect(run('f_x', deep)).rejects.toBeInstanceOf(ExpressionError);
  });
});
