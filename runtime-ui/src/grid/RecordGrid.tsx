import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { type SortingState, useTable } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { Checkbox } from 'antd';
import { type KeyboardEvent, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldDef, RecordRow } from '../api/types';
import './grid.css';
import { useNames } from '../records/names';
import { MAX_SELECTION } from './BulkActions';
import { GRID_FEATURES, gridColumns } from './columns';
import type { GridColumn } from './query';
import type { SortKey } from './sortable';

const ROW_HEIGHT = 40;
const SELECT_WIDTH = 48;
/** Ask for the next page this many rows before the end, so scrolling rarely waits. */
const PREFETCH_ROWS = 30;

export interface GridProps {
  /** The form's fields and the record columns. */
  fields: readonly FieldDef[];
  columns: readonly GridColumn[];
  rows: RecordRow[];
  sort: SortKey | undefined;
  onSort(sort: SortKey | undefined): void;
  hasMore: boolean;
  onEndReached(): void;
  onOpen(row: RecordRow): void;
  /** Row selection for bulk actions; without it the grid has no checkboxes. */
  selection?: { ids: ReadonlySet<string>; onChange(ids: Set<string>): void };
}

/**
 * The desktop grid: a header that sorts on the server, and only the rows in view (plus a few) in the
 * DOM, however many are loaded; reaching the end loads the next keyset page. Keyboard: Tab reaches
 * the rows, ↑/↓ move between them (scrolling as needed), Home/End jump, Enter opens, Space selects.
 */
export function RecordGrid(props: GridProps) {
  const { fields, columns, rows, sort, onSort, hasMore, onEndReached, onOpen, selection } = props;
  const { t, i18n } = useTranslation();
  const rowData = useMemo(() => rows.map((row) => row.data), [rows]);
  const nameOf = useNames(fields, rowData);
  const defs = useMemo(
    () => gridColumns(fields, columns, i18n.language, t, nameOf),
    [fields, columns, i18n.language, t, nameOf],
  );
  const sorting: SortingState = useMemo(
    () => (sort ? [{ id: sort.field, desc: sort.dir === 'desc' }] : []),
    [sort],
  );
  const table = useTable({
    features: GRID_FEATURES,
    columns: defs,
    data: rows,
    getRowId: (row) => row.id,
    state: { sorting },
    onSortingChange: (updater) => {
      const next = typeof updater === 'function' ? updater(sorting) : updater;
      const first = next[0];
      onSort(first ? { field: first.id, dir: first.desc ? 'desc' : 'asc' } : undefined);
    },
    manualSorting: true,
    enableMultiSort: false,
  });
  const tableRows = table.getRowModel().rows;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: tableRows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? -1;
  /** The row the keyboard moved to, until it is rendered and focused. */
  const [focusIndex, setFocusIndex] = useState<number>();

  useEffect(() => {
    if (hasMore && lastIndex >= tableRows.length - PREFETCH_ROWS) onEndReached();
  }, [hasMore, lastIndex, tableRows.length, onEndReached]);

  // After moving with the keyboard, the target row may only now be rendered: focus it then.
  useEffect(() => {
    if (focusIndex === undefined) return;
    const row = scrollRef.current?.querySelector<HTMLElement>(`tr[data-index="${focusIndex}"]`);
    if (!row) return;
    if (document.activeElement !== row) row.focus({ preventScroll: true });
    setFocusIndex(undefined);
  });

  const toggle = (id: string) => {
    if (!selection) return;
    const next = new Set(selection.ids);
    if (next.has(id)) next.delete(id);
    else if (next.size < MAX_SELECTION) next.add(id);
    selection.onChange(next);
  };
  const loadedIds = rows.slice(0, MAX_SELECTION).map((r) => r.id);
  const allSelected = selection && loadedIds.length > 0 && loadedIds.every((id) => selection.ids.has(id));
  const onRowKey = (event: KeyboardEvent, index: number, row: RecordRow) => {
    const to = (target: number) => {
      event.preventDefault();
      const clamped = Math.max(0, Math.min(tableRows.length - 1, target));
      virtualizer.scrollToIndex(clamped, { align: 'auto' });
      setFocusIndex(clamped);
    };
    if (event.target !== event.currentTarget) return;
    if (event.key === 'Enter') onOpen(row);
    else if (event.key === ' ') {
      event.preventDefault();
      toggle(row.id);
    } else if (event.key === 'ArrowDown') to(index + 1);
    else if (event.key === 'ArrowUp') to(index - 1);
    else if (event.key === 'Home') to(0);
    else if (event.key === 'End') to(tableRows.length - 1);
  };
  const width = table.getTotalSize() + (selection ? SELECT_WIDTH : 0);

  return (
    <div ref={scrollRef} className="grid-scroll">
      <table className="record-grid" style={{ width }} aria-rowcount={rows.length + 1}>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {selection && (
                <th className="select-cell" style={{ width: SELECT_WIDTH }}>
                  <Checkbox
                    aria-label={t('grid.selectAll', { count: loadedIds.length })}
                    checked={allSelected}
                    indeterminate={!allSelected && selection.ids.size > 0}
                    onChange={() => selection.onChange(allSelected ? new Set() : new Set(loadedIds))}
                  />
                </th>
              )}
              {group.headers.map((header) => {
                const direction = header.column.getIsSorted();
                const canSort = header.column.getCanSort();
                return (
                  <th
                    key={header.id}
                    style={{ width: header.getSize() }}
                    aria-sort={
                      direction === 'asc' ? 'ascending' : direction === 'desc' ? 'descending' : 'none'
                    }
                  >
                    {canSort ? (
                      <button
                        type="button"
                        className="sort-button"
                        onClick={header.column.getToggleSortingHandler()}
                      >
                        <table.FlexRender header={header} />
                        {direction === 'asc' && <ArrowUpOutlined aria-label={t('grid.ascending')} />}
                        {direction === 'desc' && <ArrowDownOutlined aria-label={t('grid.descending')} />}
                      </button>
                    ) : (
                      <span className="header-text">
                        <table.FlexRender header={header} />
                      </span>
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const row = tableRows[item.index]!;
            const selected = selection?.ids.has(row.id) ?? false;
            return (
              <tr
                key={row.id}
                data-index={item.index}
                aria-rowindex={item.index + 2}
                aria-selected={selection ? selected : undefined}
                className={selected ? 'selected' : undefined}
                tabIndex={0}
                style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                onClick={() => onOpen(row.original)}
                onKeyDown={(event) => onRowKey(event, item.index, row.original)}
              >
                {selection && (
                  // biome-ignore lint/a11y/useKeyWithClickEvents: the checkbox inside takes the keyboard; this only keeps the click from opening the row
                  <td
                    className="select-cell"
                    style={{ width: SELECT_WIDTH }}
                    onClick={(e) => e.stopPropagation()}
                  >
                    <Checkbox
                      tabIndex={-1}
                      aria-label={t('grid.selectRow', { n: item.index + 1 })}
                      checked={selected}
                      onChange={() => toggle(row.id)}
                    />
                  </td>
                )}
                {row.getAllCells().map((cell) => (
                  <td key={cell.id} style={{ width: cell.column.getSize() }}>
                    <table.FlexRender cell={cell} />
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
