import { fieldSql, systemColumnSql } from '@forecourt/engine';
import {
  FIELD_TYPES,
  FILTER_RULES,
  type FieldDef,
  type FilterKind,
  fieldType,
  filterKind,
  isSortable,
  SYSTEM_COLUMN_KINDS,
  SYSTEM_COLUMNS,
} from '@forecourt/schemas';
import { describe, expect, it } from 'vitest';
import { def } from '../fields/support';

const kinds = Object.keys(FILTER_RULES) as FilterKind[];
/** Every field type holding a value, alone and (where it takes one) with several values. */
const fields: FieldDef[] = FIELD_TYPES.filter((n) => fieldType(n).storesValue).flatMap((n) => [
  def(n),
  def(n, { multiple: true }),
]);

/** The query language is defined once in schemas: the engine's SQL and the grid's builder read these rules. */
describe('query operators per kind of field', () => {
  it('offer in the filter builder only what the server accepts', () => {
    for (const kind of kinds) {
      const { operators, offered } = FILTER_RULES[kind];
      expect(
        offered.filter((op) => !operators.includes(op)),
        kind,
      ).toEqual([]);
      expect(offered.length, kind).toBeGreaterThan(0);
    }
  });

  it('sort exactly the fields whose SQL holds one value', () => {
    for (const field of fields) {
      const { kind } = fieldSql(field);
      const oneValue = kind !== 'array' && kind !== 'table' && kind !== 'json';
      expect(isSortable(field), `${field.type}${field.multiple ? ' (multiple)' : ''}`).toBe(oneValue);
    }
    for (const column of SYSTEM_COLUMNS) {
      expect(FILTER_RULES[SYSTEM_COLUMN_KINDS[column]].sortable, column).toBe(true);
      expect(['text', 'timestamp']).toContain(systemColumnSql(column).kind);
    }
  });

  it('turn several members, departments, records or lookup values into lists', () => {
    const kindOf = (type: string, props: Record<string, unknown> = {}) => filterKind(def(type, props));
    expect(kindOf('member')).toBe('people');
    expect(kindOf('department', { multiple: true })).toBe('peopleList');
    expect(kindOf('relation')).toBe('link');
    expect(kindOf('relation', { multiple: true })).toBe('links');
    expect(kindOf('lookup', { resultType: 'text', multiple: true })).toBe('list');
    expect(kindOf('formula', { resultType: 'date' })).toBe('date');
    expect(kindOf('multiselect')).toBe('list');
    expect(kindOf('address')).toBe('json');
    expect(kindOf('subform')).toBe('table');
  });
});
