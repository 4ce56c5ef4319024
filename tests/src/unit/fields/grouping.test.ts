import {
  type Aggregation,
  aggregatesOf,
  FIELD_TYPES,
  type FieldTypeName,
  fieldType,
  groupingsOf,
  holdsDate,
} from '@forecourt/schemas';
import { describe, expect, it } from 'vitest';

const BUCKETS = ['day', 'week', 'month', 'quarter', 'year'];
const having = (test: (name: FieldTypeName) => boolean) => FIELD_TYPES.filter(test).sort();
const sorted = (list: readonly Aggregation[]) => [...list].sort();

/** The traits a dashboard reads to offer "group by" and "sum of" choices on a field. */
describe('grouping and aggregation traits', () => {
  it('are declared by every type, as lists or as "like its result"', () => {
    for (const name of FIELD_TYPES) {
      const type = fieldType(name);
      expect(Array.isArray(type.groupBy) || type.groupBy === 'result', name).toBe(true);
      expect(Array.isArray(type.aggregates) || type.aggregates === 'result', name).toBe(true);
      // Only computed types defer to their result, and they defer both.
      expect(type.groupBy === 'result', name).toBe(type.compareAs === 'result');
      expect(type.aggregates === 'result', name).toBe(type.compareAs === 'result');
      // Whatever holds a value can at least be counted; layout holds none.
      expect(aggregatesOf({ type: name }).includes('count'), name).toBe(type.storesValue);
    }
  });

  it('sum and average numbers, amounts and mileage', () => {
    for (const name of ['number', 'money', 'mileage'] as const)
      expect(sorted(aggregatesOf({ type: name })), name).toEqual(
        sorted(['count', 'countDistinct', 'sum', 'avg', 'min', 'max']),
      );
    expect(having((n) => aggregatesOf({ type: n }).includes('sum'))).toEqual(['mileage', 'money', 'number']);
    // Scores and percentages average, but a sum of them means nothing.
    for (const name of ['percent', 'rating', 'nps'] as const) {
      expect(aggregatesOf({ type: name }), name).toContain('avg');
      expect(aggregatesOf({ type: name }), name).not.toContain('sum');
    }
  });

  it('take the min and max of dates and group them by day, week, month, quarter and year', () => {
    for (const name of ['date', 'datetime', 'created_at', 'updated_at'] as const) {
      expect(groupingsOf({ type: name }), name).toEqual(BUCKETS);
      expect(aggregatesOf({ type: name }), name).toEqual(expect.arrayContaining(['count', 'min', 'max']));
      expect(aggregatesOf({ type: name }), name).not.toContain('sum');
      expect(aggregatesOf({ type: name }), name).not.toContain('avg');
    }
    expect(having((n) => groupingsOf({ type: n }).includes('month'))).toEqual(
      ['created_at', 'date', 'datetime', 'updated_at'].sort(),
    );
  });

  it('only count text, and group short text by value', () => {
    for (const name of ['text', 'email', 'phone', 'plate', 'vin', 'resident_id', 'url'] as const)
      expect(sorted(aggregatesOf({ type: name })), name).toEqual(['count', 'countDistinct']);
    expect(aggregatesOf({ type: 'textarea' })).toEqual(['count']);
    expect(groupingsOf({ type: 'text' })).toEqual(['value']);
    expect(groupingsOf({ type: 'textarea' })).toEqual([]);
  });

  it('group choices, people and links by value, and never group files, tables or layout', () => {
    for (const name of ['select', 'multiselect', 'boolean', 'member', 'department', 'relation'] as const)
      expect(groupingsOf({ type: name }), name).toEqual(['value']);
    for (const name of ['attachment', 'image', 'signature', 'subform', 'divider', 'description'] as const)
      expect(groupingsOf({ type: name }), name).toEqual([]);
    expect(aggregatesOf({ type: 'divider' })).toEqual([]);
  });

  it('group and summarise a formula, lookup or rollup like its result', () => {
    expect(aggregatesOf({ type: 'formula', resultType: 'money' })).toContain('sum');
    expect(groupingsOf({ type: 'formula', resultType: 'date' })).toEqual(BUCKETS);
    expect(aggregatesOf({ type: 'lookup', resultType: 'text' })).toEqual(['count', 'countDistinct']);
    // A count rollup is a number.
    expect(aggregatesOf({ type: 'rollup', aggregate: 'count' })).toContain('sum');
    expect(groupingsOf({ type: 'nope' as FieldTypeName })).toEqual([]);
  });

  it('say which fields hold a date: what a deadline or a delay may be set by', () => {
    expect(having((n) => holdsDate({ type: n }))).toEqual(
      ['created_at', 'date', 'datetime', 'updated_at'].sort(),
    );
    expect(holdsDate({ type: 'formula', resultType: 'datetime' })).toBe(true);
    expect(holdsDate({ type: 'lookup', resultType: 'number' })).toBe(false);
  });
});
