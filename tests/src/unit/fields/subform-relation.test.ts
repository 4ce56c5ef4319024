import { type FieldDef, fieldType, normalizeFieldValue, ROW_ID_PATTERN } from '@forecourt/schemas';
import { describe, expect, it } from 'vitest';
import { context, fromText, refusal, stored, toText, validator } from './support';

const parts: FieldDef = {
  id: 'f_parts',
  type: 'subform',
  label: { zh: '配件', en: 'Parts' },
  fields: [
    { id: 'f_part', type: 'text', label: { zh: '零件', en: 'Part' }, required: true },
    { id: 'f_qty', type: 'number', label: { zh: '数量', en: 'Quantity' }, precision: 0, min: 1 },
    { id: 'f_price', type: 'money', label: { zh: '单价', en: 'Unit price' } },
    {
      id: 'f_amount',
      type: 'formula',
      label: { zh: '金额', en: 'Amount' },
      expression: 'f_qty * f_price',
      resultType: 'money',
    },
  ],
};
const subform = fieldType('subform');

describe('subform', () => {
  it('normalizes each cell through its column type and keeps row ids', () => {
    const result = subform.normalize(
      parts,
      [{ _id: 'r_1', f_part: ' 机油 ', f_qty: '4', f_price: 89, f_amount: 356 }],
      context,
    );
    expect(result).toEqual({
      ok: true,
      value: [{ _id: 'r_1', f_part: '机油', f_qty: 4, f_price: '89.00', f_amount: '356.00' }],
    });
  });

  it('gives new rows, and copies of a row, a fresh random id', () => {
    const result = subform.normalize(
      parts,
      [{ f_part: 'a' }, { _id: 'r_1', f_part: 'b' }, { _id: 'r_1', f_part: 'c' }],
      context,
    );
    if (!result.ok || !result.value) throw new Error('refused');
    const rows = result.value as { _id: string }[];
    const [first, second, third] = rows;
    expect(first?._id).toMatch(new RegExp(ROW_ID_PATTERN));
    expect(first?._id).toMatch(/^r_[0-9a-z]{12}$/);
    expect(second?._id).toBe('r_1');
    expect(third?._id).not.toBe('r_1');
    expect(new Set(rows.map((row) => row._id)).size).toBe(3);
  });

  it('reports every invalid cell with its JSON pointer', () => {
    const input = [
      { _id: 'r_1', f_part: '机油', f_qty: 2 },
      { _id: 'r_2', f_part: '机滤', f_qty: 0 },
      { _id: 'r_3', f_qty: 1, f_price: 'cheap', f_colour: 'red' },
    ];
    expect(normalizeFieldValue(parts, input, context)).toEqual({
      ok: false,
      issues: [
        { path: '/f_parts/1/f_qty', message: 'Enter a number of at least 1.' },
        { path: '/f_parts/2/f_colour', message: 'This column is not in the table.' },
        { path: '/f_parts/2/f_part', message: 'This is required.' },
        { path: '/f_parts/2/f_price', message: 'Enter an amount such as 1234.50.' },
      ],
    });
  });

  it('names the row and column in the single message of normalize', () => {
    const result = subform.normalize(parts, [{ f_part: 'x' }, { f_part: 'y', f_qty: 'two' }], context);
    expect(result).toEqual({ ok: false, message: 'Row 2, Quantity: Enter a number.' });
  });

  it('refuses non-lists, non-rows, malformed ids and too many rows', () => {
    expect(refusal('subform', { f_part: 'x' }, parts)).toBe('Enter the table as a list of rows.');
    expect(refusal('subform', ['x'], parts)).toBe('Row 1: This row is not a table row.');
    expect(refusal('subform', [{ _id: 'bad id!', f_part: 'x' }], parts)).toBe(
      'Row 1, _id: This row id is malformed.',
    );
    expect(refusal('subform', [{ f_part: 'a' }, { f_part: 'b' }], { ...parts, maxRows: 1 })).toBe(
      'A table can have at most 1 rows.',
    );
    expect(refusal('subform', [{ f_part: 'a' }], { ...parts, minRows: 2 })).toBe('Add at least 2 rows.');
    expect(stored('subform', [], parts)).toBeNull();
  });

  it('travels as JSON text', () => {
    const rows = [{ _id: 'r_1', f_part: '机油', f_qty: 4, f_price: '89.00' }];
    expect(toText('subform', rows, parts)).toBe(JSON.stringify(rows));
    expect(fromText('subform', JSON.stringify(rows), parts)).toEqual({ ok: true, value: rows });
    expect(fromText('subform', 'not json', parts).ok).toBe(false);
  });

  it('has a closed value schema built from the columns', () => {
    const validate = validator(subform.valueSchema(parts));
    expect(validate([{ _id: 'r_1', f_part: '机油', f_qty: 4, f_price: '89.00' }])).toBe(true);
    expect(validate([{ _id: 'r_1', f_qty: 4.5 }])).toBe(false);
    expect(validate([{ _id: 'r_1', f_other: 1 }])).toBe(false);
    expect(validate([{ f_part: 'no id' }])).toBe(false);
  });

  it('checks its columns: ids, types and their own definitions', () => {
    const bad = {
      ...parts,
      fields: [
        { id: 'f_a', type: 'text', label: { zh: 'a', en: 'A' } },
        { id: 'f_a', type: 'text', label: { zh: 'b', en: 'B' } },
        { id: 'f_t', type: 'subform', label: { zh: 't', en: 'T' }, fields: [] },
        { id: 'f_n', type: 'number', label: { zh: 'n', en: 'N' }, min: 3, max: 1 },
      ],
    };
    expect(subform.checkDefinition?.(bad)).toEqual([
      '/fields/1/id: Two columns have the id f_a.',
      '/fields/2/type: A table cannot have a table column.',
      '/fields/3: The minimum is larger than the maximum.',
    ]);
  });
});

describe('relation', () => {
  const customer = { target: 'customers' };

  it('stores a record id, or ids when multiple', () => {
    expect(stored('relation', 'rec_4k9x2m7q1c8d5t3v', customer)).toBe('rec_4k9x2m7q1c8d5t3v');
    expect(
      stored('relation', [{ id: 'rec_aaaa1111' }, 'rec_bbbb2222'], { ...customer, multiple: true }),
    ).toEqual(['rec_aaaa1111', 'rec_bbbb2222']);
    expect(refusal('relation', 'Mr Wang', customer)).toBe('This does not identify a record.');
    expect(refusal('relation', ['rec_aaaa1111', 'rec_bbbb2222'], customer)).toBe('Choose only one record.');
  });

  it('refuses two copies into the same field', () => {
    const copy = { f_phone: 'f_customer_phone', f_mobile: 'f_customer_phone' };
    expect(
      fieldType('relation').checkDefinition?.({
        id: 'f_c',
        type: 'relation',
        label: { zh: 'c', en: 'C' },
        ...customer,
        copy,
      }),
    ).toEqual(['Two copied fields fill the same field of this form.']);
  });
});

describe('lookup', () => {
  const phone = { relation: 'f_customer', targetField: 'f_phone', resultType: 'text' };
  const prices = { relation: 'f_vehicles', targetField: 'f_price', resultType: 'money', multiple: true };

  it('coerces like its result type, one value or a list', () => {
    expect(stored('lookup', ' 13812345678 ', phone)).toBe('13812345678');
    expect(stored('lookup', [12.5, '3'], prices)).toEqual(['12.50', '3.00']);
    expect(refusal('lookup', ['x'], prices)).toBe('Enter an amount such as 1234.50.');
    expect(toText('lookup', ['12.50', '3.00'], prices)).toBe('12.50\n3.00');
  });
});
