import { isSortable } from '@forecourt/schemas';
import {
  columnSizingFeature,
  createColumnHelper,
  rowSortingFeature,
  tableFeatures,
} from '@tanstack/react-table';
import type { TFunction } from 'i18next';
import type { FieldDef, RecordRow } from '../api/types';
import { labelText } from '../i18n/label';
import { valueText } from '../records/display';
import type { NameOf } from '../records/names';
import type { GridColumn } from './query';

/** The table features the grid uses; rows are sorted by the server, so no client row models. */
export const GRID_FEATURES = tableFeatures({ rowSortingFeature, columnSizingFeature });

const helper = createColumnHelper<typeof GRID_FEATURES, RecordRow>();

/** Wider columns for the types whose values run long. */
function widthOf(field: FieldDef): number {
  if (field.type === 'textarea' || field.type === 'address') return 240;
  if (field.id.startsWith('_')) return 170;
  if (field.type === 'datetime' || field.type === 'multiselect') return 180;
  if (field.type === 'boolean' || field.type === 'rating') return 96;
  return 150;
}

/** A record column (`_created_at`) reads the record, a field its data. */
function cellValue(row: RecordRow, id: string): unknown {
  if (id === '_created_at') return row.createdAt;
  if (id === '_updated_at') return row.updatedAt;
  return row.data[id];
}

/** The chosen columns, in the chosen order; `fields` holds the form's fields and the record columns. */
export function gridColumns(
  fields: readonly FieldDef[],
  columns: readonly GridColumn[],
  language: string,
  t: TFunction,
  /** Names for member, department and relation ids (`useNames` over the loaded rows). */
  nameOf?: NameOf,
) {
  const byId = new Map(fields.map((f) => [f.id, f]));
  return helper.columns(
    columns.flatMap((column) => {
      const field = byId.get(column.field);
      if (!field) return [];
      return [
        helper.accessor((row) => cellValue(row, field.id), {
          id: field.id,
          header: labelText(field.label, language),
          cell: (info) => valueText(field, info.getValue(), language, t, nameOf),
          size: column.width ?? widthOf(field),
          enableSorting: isSortable(field),
          sortDescFirst: field.id.startsWith('_'),
        }),
      ];
    }),
  );
}
