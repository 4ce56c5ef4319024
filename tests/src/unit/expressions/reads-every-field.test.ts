import { readsEveryField, referencedFields } from '@forecourt/schemas';
import { describe, expect, it } from 'vitest';

/**
 * A formula that reads the record itself reads fields it never names; masking (access/computed-reads)
 * then counts it as reading every field. Paths from `$`/`$$` to a named field still read that field only.
 */
describe('whether an expression reads every field', () => {
  it('says so for the record used as a value, wildcards, parents and functions left to the context', () => {
    for (const source of [
      '$lookup($, "f_score") * 2',
      '$string($)',
      '$string()',
      '$lookup("f_score")',
      '$keys($)',
      '$each($, function($v){ $v })',
      '$sift($, function($v){ true })',
      '$spread($)',
      '$merge([$$])',
      '$[0]',
      '*',
      '**.f_x',
      'f_a.%',
    ]) {
      expect(readsEveryField(source), source).toBe(true);
    }
  });

  it('does not for fields read by name', () => {
    for (const source of ['f_a * 2', '$sum(f_lines.f_amount)', '$string(f_x)', '$.f_x', '$$.f_x']) {
      expect(readsEveryField(source), source).toBe(false);
    }
    expect(referencedFields('$.f_x + $$.f_y')).toEqual(['f_x', 'f_y']);
  });
});
