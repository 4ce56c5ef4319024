import {
  columnSizingFeature,
  createColumnHelper,
  rowSortingFeature,
  tableFeatures,
} from '@tanstack/react-table';
import type { TFunction } from 'i18next';
import type { FieldDef, RecordRow } from '../api/types';
import { labelText } from '../i18n/label';
import { shownFields, valueText } from '../records/display';
import { CREATED_AT, isSortable } from './sortable';

/** The table features the grid uses; rows are sorted by the server, so no client row models. */
export const GRID_FEATURES = tableFeatures({ rowSortingFeature, columnSizingFeature });

const helper = createColumnHelper<typeof GRID_FEATURES, RecordRow>();

/** Wider columns for the types whose values run long. */
function widthOf(field: FieldDef): number {
  if (field.type === 'textarea' || field.type === 'address') return 240;
  if (field.type === 'datetime' || field.type === 'multiselect') return 180;
  if (field.type === 'boolean' || field.type === 'rating') return 96;
  return 150;
}

/** One column per shown field, in the form's order, then the record's creation time. */
export function gridColumns(fields: readonly FieldDef[], language: string, t: TFunction) {
  const created: FieldDef = { id: CREATED_AT, type: 'datetime', label: { zh: '', en: '' } };
  return helper.columns([
    ...shownFields(fields).map((field) =>
      helper.accessor((row) => row.data[field.id], {
        id: field.id,
        header: labelText(field.label, language),
        cell: (info) => valueText(field, info.getValue(), language, t),
        size: widthOf(field),
        enableSorting: isSortable(field),
      }),
    ),
    helper.accessor((row) => row.createdAt, {
      id: CREATED_AT,
      header: t('grid.createdAt'),
      cell: (info) => valueText(created, info.getValue(), language, t),
      size: 170,
      sortDescFirst: true,
    }),
  ]);
}
