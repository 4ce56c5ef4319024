import { useCallback, useMemo, useState } from 'react';
import type { FieldDef } from '../api/types';
import { shownFields } from '../records/display';
import { type GridColumn, type GridFilter, gridFilterOf, gridQuery, NO_FILTER } from './query';
import { CREATED_AT, type SortKey } from './sortable';
import type { SavedView } from './ViewPicker';

/** The form's shown fields, then the record's creation time: the columns before any choice. */
export function defaultColumns(fields: readonly FieldDef[]): GridColumn[] {
  return [...shownFields(fields).map((f) => ({ field: f.id })), { field: CREATED_AT }];
}

/**
 * What the grid shows and asks for: filter, sort, search, columns, the saved view they came from,
 * and the selected rows. A new query clears the selection (the rows it named may not be shown).
 */
export function useGridState(fields: readonly FieldDef[]) {
  const [filter, setFilterState] = useState<GridFilter>(NO_FILTER);
  const [sort, setSortState] = useState<SortKey>();
  const [search, setSearchState] = useState('');
  const [columns, setColumns] = useState<GridColumn[]>(() => defaultColumns(fields));
  const [viewId, setViewId] = useState<string>();
  const [selected, setSelected] = useState<Set<string>>(() => new Set());
  const clearSelection = useCallback(() => setSelected(new Set()), []);

  const query = useMemo(() => gridQuery(filter, fields, sort, search), [filter, fields, sort, search]);
  const setFilter = (next: GridFilter) => {
    setFilterState(next);
    clearSelection();
  };
  const setSort = (next: SortKey | undefined) => {
    setSortState(next);
    clearSelection();
  };
  const setSearch = (next: string) => {
    setSearchState(next);
    clearSelection();
  };
  /** A saved view replaces filter, sort, search and columns; no view: everything back to the start. */
  const applyView = (view: SavedView | undefined) => {
    setViewId(view?.id);
    setFilterState(gridFilterOf(view?.query.filter));
    setSortState(view?.query.sort?.[0]);
    setSearchState(view?.query.search ?? '');
    setColumns(view?.columns.length ? view.columns : defaultColumns(fields));
    clearSelection();
  };

  return {
    filter,
    setFilter,
    sort,
    setSort,
    search,
    setSearch,
    columns,
    setColumns,
    viewId,
    setViewId,
    applyView,
    selected,
    setSelected,
    clearSelection,
    query,
  };
}
