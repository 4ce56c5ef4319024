import { fillDefinition, unfillableKeys } from '@forecourt/engine';
import type { FieldDef, FormDefinition } from '@forecourt/schemas';
import { describe, expect, it } from 'vitest';

const f = (id: string, type: string, extra: Record<string, unknown> = {}) =>
  ({ id, type, label: { zh: id, en: id }, ...extra }) as FieldDef;

const definition: FormDefinition = {
  id: 'frm_1',
  app: 'app_1',
  title: { zh: 'a', en: 'a' },
  fields: [
    f('f_name', 'text', {
      default: { kind: 'expression', expression: 'f_secret & "!"' },
      validations: [
        { kind: 'expression', expression: 'f_name != f_secret', message: { zh: 'x', en: 'x' } },
        { kind: 'expression', expression: '$length(f_name) > 1', message: { zh: 'y', en: 'y' } },
        { kind: 'length', max: 20 },
      ],
    }),
    f('f_secret', 'text'),
    f('f_all', 'formula', { expression: '$string($)', resultType: 'text' }),
    f('f_len', 'formula', { expression: '$length(f_name)', resultType: 'number' }),
    f('f_twice', 'formula', { expression: 'f_len * 2', resultType: 'number' }),
    f('f_of_secret', 'formula', { expression: '$length(f_secret)', resultType: 'number' }),
    f('f_chain', 'formula', { expression: 'f_of_secret + 1', resultType: 'number' }),
    f('f_lines', 'subform', { fields: [f('f_part', 'text'), f('f_who', 'member')] }),
    f('f_who', 'member'),
  ],
};

describe('fillDefinition', () => {
  const shown = fillDefinition(definition, [
    'f_name',
    'f_all',
    'f_len',
    'f_twice',
    'f_of_secret',
    'f_chain',
    'f_lines',
    'f_who',
  ]);

  it('leaves out unlisted fields and every formula reading one, to the end of the chain', () => {
    expect(shown.fields.map((x) => x.id)).toEqual(['f_name', 'f_len', 'f_twice', 'f_lines']);
    expect(JSON.stringify(shown)).not.toContain('f_secret');
  });

  it('sends no expression default or check that reads an unlisted field; keeps the others', () => {
    const name = shown.fields[0]!;
    expect(name.default).toBeUndefined();
    expect(name.validations).toEqual([
      { kind: 'expression', expression: '$length(f_name) > 1', message: { zh: 'y', en: 'y' } },
      { kind: 'length', max: 20 },
    ]);
  });

  it('keeps a listed table with its public columns, and refuses its other columns in a submission', () => {
    expect((shown.fields[3]!.fields as FieldDef[]).map((c) => c.id)).toEqual(['f_part']);
    expect(
      unfillableKeys(shown.fields, { f_lines: [{ f_part: 'wiper', f_who: 'usr_1' }], f_len: 3 }),
    ).toEqual([
      {
        path: '/f_lines/0/f_who',
        message: expect.any(String),
        code: 'public_link.field_not_listed',
        params: { field: 'f_who' },
      },
      {
        path: '/f_len',
        message: expect.any(String),
        code: 'public_link.field_read_only',
        params: { field: 'f_len' },
      },
    ]);
  });
});
