import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { type SortingState, useTable } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldDef, RecordRow } from '../api/types';
import './grid.css';
import { GRID_FEATURES, gridColumns } from './columns';
import type { SortKey } from './sortable';

const ROW_HEIGHT = 40;
/** Ask for the next page this many rows before the end, so scrolling rarely waits. */
const PREFETCH_ROWS = 30;

export interface GridProps {
  fields: readonly FieldDef[];
  rows: RecordRow[];
  sort: SortKey | undefined;
  onSort(sort: SortKey | undefined): void;
  hasMore: boolean;
  onEndReached(): void;
  onOpen(row: RecordRow): void;
}

/**
 * The desktop grid: a header that sorts on the server, and only the rows in view (plus a few) in the
 * DOM, however many are loaded; reaching the end loads the next keyset page.
 */
export function RecordGrid({ fields, rows, sort, onSort, hasMore, onEndReached, onOpen }: GridProps) {
  const { t, i18n } = useTranslation();
  const columns = useMemo(() => gridColumns(fields, i18n.language, t), [fields, i18n.language, t]);
  const sorting: SortingState = useMemo(
    () => (sort ? [{ id: sort.field, desc: sort.dir === 'desc' }] : []),
    [sort],
  );
  const table = useTable({
    features: GRID_FEATURES,
    columns,
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

  useEffect(() => {
    if (hasMore && lastIndex >= tableRows.length - PREFETCH_ROWS) onEndReached();
  }, [hasMore, lastIndex, tableRows.length, onEndReached]);

  return (
    <div ref={scrollRef} className="grid-scroll">
      <table className="record-grid" style={{ width: table.getTotalSize() }} aria-rowcount={rows.length + 1}>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
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
            return (
              <tr
                key={row.id}
                data-index={item.index}
                aria-rowindex={item.index + 2}
                tabIndex={0}
                style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                onClick={() => onOpen(row.original)}
                onKeyDown={(event) => {
                  if (event.key === 'Enter') onOpen(row.original);
                }}
              >
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
