import {
  aggregateIssues,
  aggregatesOf,
  FIELD_TYPES,
  type FieldDef,
  type FormDefinition,
  fieldType,
  groupingsOf,
} from '@forecourt/schemas';
import { describe, expect, it } from 'vitest';
import { def } from '../fields/support';

const label = { zh: 'x', en: 'x' };
const form = (fields: FieldDef[]): FormDefinition => ({ id: 'frm_x', app: 'app_x', title: label, fields });
const field = (id: string, type: string, props: Record<string, unknown> = {}) => ({
  ...def(type, props),
  id,
});

const order = form([
  field('f_kind', 'select', { options: [{ value: 'A', label }] }),
  field('f_amount', 'money'),
  field('f_at', 'datetime'),
  field('f_note', 'textarea'),
]);
const issues = (query: unknown, definition = order) =>
  aggregateIssues(definition, query).map((i) => [i.path, i.code]);

describe('aggregate queries', () => {
  it('accept dimensions and measures the field types allow', () => {
    expect(
      issues({
        dimensions: [{ field: 'f_kind' }, { field: 'f_at', bucket: 'quarter' }, { field: '_owner' }],
        measures: [
          { op: 'count' },
          { op: 'sum', field: 'f_amount', as: 'total' },
          { op: 'max', field: 'f_at' },
        ],
        filter: { field: 'f_kind', op: 'eq', value: 'A' },
        sort: [{ by: 'total', dir: 'desc' }, { by: 'f_at:quarter' }],
        limit: 1000,
      }),
    ).toEqual([]);
  });

  it('follow the traits for every field type, never a list of names', () => {
    for (const type of FIELD_TYPES.filter((n) => fieldType(n).storesValue)) {
      const f = field('f_x', type);
      const definition = form([f]);
      for (const op of ['count', 'countDistinct', 'sum', 'avg', 'min', 'max'] as const) {
        const found = issues({ measures: [{ op, field: 'f_x' }] }, definition);
        expect(found.length === 0, `${type} ${op}`).toBe(aggregatesOf(f).includes(op));
      }
      const byValue = issues({ dimensions: [{ field: 'f_x' }], measures: [{ op: 'count' }] }, definition);
      expect(byValue.length === 0, `${type} by value`).toBe(groupingsOf(f).includes('value'));
      const byMonth = issues(
        { dimensions: [{ field: 'f_x', bucket: 'month' }], measures: [{ op: 'count' }] },
        definition,
      );
      expect(byMonth.length === 0, `${type} by month`).toBe(groupingsOf(f).includes('month'));
    }
  });

  it('name each problem by its path, a stable code and params', () => {
    const found = aggregateIssues(order, {
      dimensions: [{ field: 'f_missing' }, { field: 'f_note' }],
      measures: [{ op: 'median', field: 'f_amount' }, { op: 'sum' }, { op: 'count', as: 'f_note' }],
      filter: { field: 'f_amount', op: 'contains', value: 1 },
      sort: [{ by: 'nope', dir: 'up' }],
      limit: 1001,
      cursor: 'x',
    });
    expect(found.map((i) => [i.path, i.code])).toEqual([
      ['/cursor', 'aggregate.unknown_property'],
      ['/dimensions/0/field', 'aggregate.unknown_field'],
      ['/dimensions/1/field', 'aggregate.not_groupable'],
      ['/measures/0/op', 'aggregate.op'],
      ['/measures/1/field', 'aggregate.field_required'],
      ['/measures/2', 'aggregate.duplicate_key'],
      ['/filter/op', 'aggregate.filter'],
      ['/sort/0/by', 'aggregate.sort_key'],
      ['/sort/0/dir', 'aggregate.sort_dir'],
      ['/limit', 'aggregate.limit'],
    ]);
    expect(found[1]?.params).toEqual({ field: 'f_missing' });
    expect(found[2]?.params).toEqual({ field: 'f_note', allowed: [] });
  });

  it('refuse a field missing from the definition given (hidden from the user) wherever it is named', () => {
    const hidden = form(order.fields.filter((f) => f.id !== 'f_amount'));
    expect(
      issues(
        {
          dimensions: [{ field: 'f_amount' }],
          measures: [{ op: 'sum', field: 'f_amount' }],
          filter: { field: 'f_amount', op: 'gt', value: 1 },
        },
        hidden,
      ),
    ).toEqual([
      ['/dimensions/0/field', 'aggregate.unknown_field'],
      ['/measures/0/field', 'aggregate.unknown_field'],
      ['/filter/field', 'aggregate.filter'],
    ]);
  });

  it('need at least one measure, at most three dimensions, and no record id', () => {
    expect(issues({ measures: [] })).toEqual([['/measures', 'aggregate.measures']]);
    expect(
      issues({ dimensions: Array(4).fill({ field: 'f_kind' }), measures: [{ op: 'count' }] })[0],
    ).toEqual(['/dimensions', 'aggregate.dimensions']);
    expect(issues({ dimensions: [{ field: '_id' }], measures: [{ op: 'count' }] })).toEqual([
      ['/dimensions/0/field', 'aggregate.unknown_field'],
    ]);
    expect(issues([])).toEqual([['/', 'aggregate.not_object']]);
  });
});
