import type { Operator } from '@forecourt/schemas';
import type { FieldDef } from '../api/types';
import { isComplete } from './filters/operators';
import { CREATED_AT, type SortKey } from './sortable';

/** One row of the filter builder: a field, an operator, a value. */
export interface FilterRow {
  key: number;
  field: string;
  op: Operator;
  value?: unknown;
}

/** The grid's filter as the builder edits it: conditions joined by and/or, one level deep. */
export interface GridFilter {
  join: 'and' | 'or';
  rows: FilterRow[];
  /** A deeper filter from a view saved through the API: kept as it is, shown as "custom". */
  custom?: unknown;
}

export const NO_FILTER: GridFilter = { join: 'and', rows: [] };

/** What the grid asks the server for: the body of POST …/records/query and of a saved view. */
export interface GridQuery {
  filter?: unknown;
  sort?: SortKey[];
  search?: string;
}

export interface GridColumn {
  field: string;
  width?: number;
}

export const UPDATED_AT = '_updated_at';

/** The record's own times, offered by the builder and the column chooser next to the form's fields. */
export function recordColumns(t: (key: 'grid.createdAt' | 'grid.updatedAt') => string): FieldDef[] {
  const column = (id: string, text: string): FieldDef => ({
    id,
    type: 'datetime',
    label: { zh: text, en: text },
  });
  return [column(CREATED_AT, t('grid.createdAt')), column(UPDATED_AT, t('grid.updatedAt'))];
}

let nextKey = 1;
export const newRowKey = () => nextKey++;

/** The server's filter for the builder's rows; rows still missing a value are left out. */
export function filterCondition(filter: GridFilter, fields: readonly FieldDef[]): unknown {
  if (filter.custom) return filter.custom;
  const byId = new Map(fields.map((f) => [f.id, f]));
  const conditions = filter.rows
    .filter((row) => {
      const field = byId.get(row.field);
      return field && isComplete(field, row.op, row.value);
    })
    .map(({ field, op, value }) => (value === undefined ? { field, op } : { field, op, value }));
  if (conditions.length === 0) return undefined;
  if (conditions.length === 1) return conditions[0];
  return { [filter.join]: conditions };
}

/** The builder's rows for a stored filter; a filter the builder cannot show is kept whole as custom. */
export function gridFilterOf(condition: unknown): GridFilter {
  if (!condition || typeof condition !== 'object') return NO_FILTER;
  const c = condition as Record<string, unknown>;
  const flat = (list: unknown[]): FilterRow[] | undefined => {
    const rows: FilterRow[] = [];
    for (const item of list) {
      const i = item as Record<string, unknown>;
      if (!i || typeof i.field !== 'string' || typeof i.op !== 'string') return undefined;
      rows.push({ key: newRowKey(), field: i.field, op: i.op as Operator, value: i.value });
    }
    return rows;
  };
  if (typeof c.field === 'string') {
    const rows = flat([c]);
    if (rows) return { join: 'and', rows };
  }
  for (const join of ['and', 'or'] as const) {
    if (Array.isArray(c[join])) {
      const rows = flat(c[join] as unknown[]);
      if (rows) return { join, rows };
    }
  }
  return { join: 'and', rows: [], custom: condition };
}

/** How many conditions the filter holds, for the filter button's badge. */
export function filterCount(filter: GridFilter): number {
  return filter.custom ? 1 : filter.rows.length;
}

export function gridQuery(
  filter: GridFilter,
  fields: readonly FieldDef[],
  sort: SortKey | undefined,
  search: string,
): GridQuery {
  const condition = filterCondition(filter, fields);
  return {
    ...(condition ? { filter: condition } : {}),
    ...(sort ? { sort: [sort] } : {}),
    ...(search.trim() ? { search: search.trim() } : {}),
  };
}
