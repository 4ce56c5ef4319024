import { DomainError, FormAccess, ValidationError } from '@forecourt/engine';
import { describe, expect, it } from 'vitest';
// Not part of the engine's public API: the record service is its only caller.
import { assertInputShape, assertWritable, inputIssues } from '../../../../engine/src/access/write-guard';
import { grantOf, leadForm, ownRows } from './support';

const fields = leadForm.fields;
const paths = (input: unknown, base = '') => inputIssues(input, fields, base).map((i) => i.path);

describe('inputIssues', () => {
  it('accepts the form’s fields, computed and layout ones included (they are ignored later)', () => {
    expect(inputIssues({ f_name: '王', f_score: 5, f_divider: null, f_follow_ups: [] }, fields, '')).toEqual(
      [],
    );
  });

  it('refuses every system key, in both spellings, as set by Forecourt', () => {
    const system = [
      'id',
      'workspace_id',
      'workspaceId',
      'form_id',
      'formVersion',
      'owner',
      'owner_id',
      'ownerId',
      'dept_id',
      'flow_state',
      'flowState',
      'rev',
      'channel',
      'created_at',
      'createdBy',
      'updated_at',
      'updated_by',
      'deletedAt',
    ];
    const issues = inputIssues(Object.fromEntries(system.map((k) => [k, 'x'])), fields, '/records/2');
    expect(issues).toEqual(
      system.map((k) => ({
        path: `/records/2/${k}`,
        message: 'This is set by Forecourt and cannot be sent.',
      })),
    );
  });

  it('refuses any `_`-prefixed key as reserved, and a key that is not a field', () => {
    expect(inputIssues({ _owner: 'usr_x', _x: 1, f_nope: 2 }, fields, '')).toEqual([
      { path: '/_owner', message: 'This is set by Forecourt and cannot be sent.' },
      { path: '/_x', message: 'This is set by Forecourt and cannot be sent.' },
      { path: '/f_nope', message: 'There is no field f_nope in this form.' },
    ]);
  });

  it('refuses prototype keys at the top level, once each', () => {
    const input = JSON.parse(
      '{"f_name":"x","__proto__":{"polluted":true},"constructor":{"prototype":{}},"prototype":1}',
    );
    expect(inputIssues(input, fields, '')).toEqual([
      { path: '/__proto__', message: 'This key is not allowed.' },
      { path: '/constructor', message: 'This key is not allowed.' },
      { path: '/prototype', message: 'This key is not allowed.' },
    ]);
  });

  it('refuses prototype keys inside a table row and inside a nested value', () => {
    const input = JSON.parse(
      `{"f_follow_ups":[{"f_outcome":"ok"},{"f_outcome":"x","__proto__":{"polluted":true}}],
        "f_address":{"region":["浙江省"],"detail":{"constructor":{"prototype":{"polluted":true}}}},
        "f_note":"fine"}`,
    );
    expect(paths(input, '/records/0')).toEqual([
      '/records/0/f_follow_ups/1/__proto__',
      '/records/0/f_address/detail/constructor',
    ]);
  });

  it('finds a prototype key in a list of lists', () => {
    expect(paths(JSON.parse('{"f_follow_ups":[[{"prototype":{}}]]}'))).toEqual([
      '/f_follow_ups/0/0/prototype',
    ]);
  });

  // Deeper than any form nests: refused as a whole rather than walked, so nothing hides below.
  it('refuses input nested deeper than any form, so no prototype key hides below the walk', () => {
    let nested = '{"__proto__":{"polluted":true}}';
    for (let i = 0; i < 20; i++) nested = `{"a":${nested}}`;
    expect(paths(JSON.parse(`{"f_address":${nested}}`))).toHaveLength(1);
  });

  it('says nothing about input that is not an object (the pipeline refuses it)', () => {
    for (const input of [null, 'text', 3, [{ __proto__: 1 }]])
      expect(inputIssues(input, fields, '')).toEqual([]);
  });
});

describe('assertInputShape', () => {
  it('throws one 422 naming every bad key of every record', () => {
    let error: unknown;
    try {
      assertInputShape(
        [{ f_name: 'ok' }, { rev: 3 }, JSON.parse('{"__proto__":{}}')],
        fields,
        (i) => `/records/${i}`,
      );
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({
      code: 'validation_failed',
      message: 'Some keys of the record cannot be sent.',
      details: [
        { path: '/records/1/rev', message: 'This is set by Forecourt and cannot be sent.' },
        { path: '/records/2/__proto__', message: 'This key is not allowed.' },
      ],
    });
  });

  it('passes clean input', () => {
    expect(() => assertInputShape([{ f_name: 'ok' }], fields, () => '')).not.toThrow();
  });
});

describe('assertWritable', () => {
  const access = new FormAccess('frm_lead', 1, leadForm, false, [
    grantOf(['create', 'edit', 'view'], ownRows, 'all', ['f_name', 'f_mobile', 'f_follow_ups']),
  ]);
  const writable = new Set(['f_name', 'f_mobile', 'f_follow_ups']);
  const refusal = (run: () => void) => {
    try {
      run();
    } catch (error) {
      return error as DomainError;
    }
    return undefined;
  };

  it('passes fields the user may write, and anything when every field is writable', () => {
    expect(
      refusal(() => assertWritable(access, [{ f_name: 'x', f_mobile: '1' }], writable, () => '')),
    ).toBeUndefined();
    expect(refusal(() => assertWritable(access, [{ f_budget: '1' }], 'all', () => ''))).toBeUndefined();
  });

  it('refuses a field the user may not write with a 403 naming its path in each record', () => {
    const error = refusal(() =>
      assertWritable(
        access,
        [{ f_name: 'x' }, { f_budget: '1', f_note: 'n' }],
        writable,
        (i) => `/records/${i}`,
      ),
    );
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({
      code: 'forbidden',
      message: 'You may not change these fields.',
      details: [
        { path: '/records/1/f_budget', message: 'You may not change this field.' },
        { path: '/records/1/f_note', message: 'You may not change this field.' },
      ],
    });
  });

  it('refuses an empty value too: clearing a field is changing it', () => {
    expect(refusal(() => assertWritable(access, [{ f_budget: null }], writable, () => ''))?.details).toEqual([
      { path: '/f_budget', message: 'You may not change this field.' },
    ]);
  });

  it('ignores computed and layout fields, whose input is dropped anyway', () => {
    expect(
      refusal(() => assertWritable(access, [{ f_score: 99, f_divider: 'x' }], writable, () => '')),
    ).toBeUndefined();
  });

  it('on an update, lets an unchanged value through and refuses a changed one', () => {
    const existing = {
      data: { f_name: '王', f_budget: '200000.00', f_source: 'WalkIn' },
      readable: 'all' as const,
    };
    expect(
      refusal(() =>
        assertWritable(
          access,
          [{ f_name: '李', f_budget: '200000.00', f_source: 'WalkIn' }],
          writable,
          () => '',
          existing,
        ),
      ),
    ).toBeUndefined();
    expect(
      refusal(() =>
        assertWritable(access, [{ f_budget: '1.00', f_source: 'WalkIn' }], writable, () => '', existing),
      )?.details,
    ).toEqual([{ path: '/f_budget', message: 'You may not change this field.' }]);
    // Sending an empty value for a field that is stored empty is no change either.
    expect(
      refusal(() => assertWritable(access, [{ f_note: undefined }], writable, () => '', existing)),
    ).toBeUndefined();
  });

  // A field stored empty is absent from data; a form shows it empty and sends null back.
  it('on an update, lets an empty field sent back as null through when it is stored empty', () => {
    const empty = { data: {}, readable: 'all' as const };
    expect(
      refusal(() => assertWritable(access, [{ f_budget: null }], writable, () => '', empty)),
    ).toBeUndefined();
    expect(
      refusal(() => assertWritable(access, [{ f_budget: '' }], writable, () => '', empty)),
    ).toBeUndefined();
  });

  // Otherwise a wrong guess at a hidden value would be refused and a right one pass.
  it('on an update, refuses even the stored value of a field the user cannot read', () => {
    const hidden = { data: { f_budget: '200000.00' }, readable: new Set(['f_name']) };
    expect(
      refusal(() => assertWritable(access, [{ f_budget: '200000.00' }], writable, () => '', hidden))?.details,
    ).toEqual([{ path: '/f_budget', message: 'You may not change this field.' }]);
  });

  it('looks only at own keys: a field name on the prototype chain is not input', () => {
    const input = Object.create({ f_budget: '1' }) as Record<string, unknown>;
    input.f_name = 'x';
    expect(refusal(() => assertWritable(access, [input], writable, () => ''))).toBeUndefined();
  });
});
