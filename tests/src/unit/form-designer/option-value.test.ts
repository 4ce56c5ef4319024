import { describe, expect, it } from 'vitest';
import { newOptionValue } from '../../../../designer/src/form/properties/option-value';

/** New option values (designer/src/form/properties/option-value.ts) must never bring back an old value. */
describe('newOptionValue', () => {
  it('does not give back a value deleted from the list (option_3 after deleting option_3)', () => {
    const left = ['option_1', 'option_2', 'option_4'];
    const made = new Set(Array.from({ length: 200 }, () => newOptionValue(left)));
    expect(made.has('option_3')).toBe(false);
    for (const value of made) {
      expect(value).toMatch(/^option_[0-9a-z]{6}$/);
      expect(left).not.toContain(value);
    }
    // Random, so two adds in a row differ.
    expect(made.size).toBeGreaterThan(190);
  });

  it('skips taken values (those in the list and of the published options) and too short draws', () => {
    const draws = [0.5, 0.123456789, 0.987654321];
    const random = () => draws.shift() ?? 0.42424242;
    const taken = [`option_${(0.123456789).toString(36).slice(2, 8)}`];
    // 0.5 is "0.i" in base 36: too short; the second is taken; the third is free.
    expect(newOptionValue(taken, random)).toBe(`option_${(0.987654321).toString(36).slice(2, 8)}`);
  });
});
