import { FIELD_TYPES, type FieldTypeName, fieldType, peopleIn } from '@forecourt/schemas';
import { describe, expect, it } from 'vitest';

const having = (test: (name: FieldTypeName) => boolean) => FIELD_TYPES.filter(test).sort();

/**
 * The traits replace the lists of type names the tree used to keep by hand (query SQL, search index,
 * transactions, uploads, titles, public links, bulk edits): these are those lists, now derived.
 */
describe('field-type traits', () => {
  it('compare numbers as numbers and dates as dates', () => {
    expect(having((n) => fieldType(n).compareAs === 'number')).toEqual(
      ['mileage', 'money', 'nps', 'number', 'percent', 'rating'].sort(),
    );
    expect(having((n) => ['date', 'datetime'].includes(fieldType(n).compareAs))).toEqual([
      'date',
      'datetime',
    ]);
    expect(having((n) => fieldType(n).compareAs === 'result')).toEqual(['formula', 'lookup', 'rollup']);
  });

  it('name the types that title a record, are searched, and write beside the record row', () => {
    expect(having((n) => fieldType(n).canTitle === true)).toEqual(
      ['email', 'phone', 'plate', 'serial', 'text', 'vin'].sort(),
    );
    expect(having((n) => fieldType(n).searchable === true)).toEqual(
      ['email', 'phone', 'plate', 'serial', 'text', 'textarea', 'vin'].sort(),
    );
    expect(having((n) => fieldType(n).extraWrites === 'files')).toEqual(['attachment', 'image', 'signature']);
    expect(having((n) => fieldType(n).extraWrites !== undefined)).toEqual(
      ['attachment', 'image', 'relation', 'serial', 'signature'].sort(),
    );
  });

  it('say which fields hold people or departments (approvers by field, names on record pages)', () => {
    expect(having((n) => peopleIn({ type: n }) !== undefined)).toEqual(['department', 'member']);
    expect(peopleIn({ type: 'member' })).toBe('member');
    expect(peopleIn({ type: 'created_by' })).toBeUndefined();
  });

  it('keep people, links, files and system fields out of public links', () => {
    const hidden = having((n) => !fieldType(n).publicFill);
    expect(hidden).toEqual(
      having((n) => ['people', 'relation', 'media', 'system'].includes(fieldType(n).group)),
    );
    expect(hidden).toContain('member');
    expect(hidden).not.toContain('mileage');
  });

  it('say how a bulk edit sets a field, and which values a person picks', () => {
    expect(fieldType('select').bulkSet).toBe('option');
    expect(fieldType('multiselect').bulkSet).toBe('options');
    expect(fieldType('mileage').bulkSet).toBe('number');
    expect(fieldType('created_at').bulkSet).toBeUndefined();
    expect(having((n) => fieldType(n).bulkSet !== undefined)).not.toContain('relation');
    expect(having((n) => fieldType(n).chosen === true)).toEqual(
      ['boolean', 'date', 'datetime', 'multiselect', 'nps', 'rating', 'select'].sort(),
    );
  });
});
