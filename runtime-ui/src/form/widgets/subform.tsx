/**
 * A table inside the record (the parts of a repair order): an editable table on a desktop, one card per
 * row on a phone. Each cell uses its column type's widget; a server error at `/2/f_qty` marks that cell.
 */

import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { type FieldDef, newRowId, type SubformRow } from '@forecourt/schemas';
import { Button, Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLabel } from '../../i18n/label';
import { widgetFor } from '../registry';
import { useFormScope } from '../scope';
import type { FieldErrors, FieldWidget, WidgetProps } from '../types';

function columnsOf(field: FieldDef): FieldDef[] {
  return (Array.isArray(field.fields) ? (field.fields as FieldDef[]) : []).filter((c) => !c.hidden);
}

interface CellProps {
  tableId: string;
  column: FieldDef;
  row: SubformRow;
  index: number;
  readOnly: boolean;
  errors: FieldErrors;
  onCell(value: unknown): void;
  /** Table cells label their input invisibly (the header says it); cards show the label. */
  visibleLabel: boolean;
}

function Cell({ tableId, column, row, index, readOnly, errors, onCell, visibleLabel }: CellProps) {
  const label = useLabel();
  const widget = widgetFor(column.type);
  const id = `${tableId}_${index}_${column.id}`;
  const messages = errors[`/${index}/${column.id}`] ?? [];
  return (
    <div className={`fill-cell${messages.length ? ' fill-cell-invalid' : ''}`}>
      <label htmlFor={id} className={visibleLabel ? 'fill-cell-label' : 'fill-visually-hidden'}>
        {label(column.label)}
        {column.required && visibleLabel ? <span className="fill-required"> *</span> : null}
      </label>
      <widget.Component
        field={column}
        id={id}
        value={row[column.id] as never}
        onChange={onCell}
        readOnly={readOnly || !!widget.computed || column.readOnly === true}
        invalid={messages.length > 0}
        errors={{}}
      />
      {messages.map((message) => (
        <div key={message} className="fill-cell-error" role="alert">
          {message}
        </div>
      ))}
    </div>
  );
}

function SubformInput({ field, id, value, onChange, readOnly, errors }: WidgetProps<SubformRow[]>) {
  const { t } = useTranslation();
  const label = useLabel();
  const { phone } = useFormScope();
  const rows = Array.isArray(value) ? value : [];
  const columns = columnsOf(field);
  const maxRows = typeof field.maxRows === 'number' ? field.maxRows : 200;
  const setRows = (next: SubformRow[]) => onChange(next.length ? next : null);
  const setCell = (index: number, columnId: string, cell: unknown) =>
    setRows(
      rows.map((row, i) => {
        if (i !== index) return row;
        const next: SubformRow = { ...row, [columnId]: cell };
        if (cell === null || cell === undefined) delete next[columnId];
        return next;
      }),
    );
  const addRow = () => setRows([...rows, { _id: newRowId() }]);
  const removeRow = (index: number) => setRows(rows.filter((_, i) => i !== index));
  const cellProps = (row: SubformRow, index: number, column: FieldDef, visibleLabel: boolean) => ({
    tableId: id,
    column,
    row,
    index,
    readOnly,
    errors,
    visibleLabel,
    onCell: (cell: unknown) => setCell(index, column.id, cell),
  });
  const add = !readOnly && rows.length < maxRows && (
    <Button type="dashed" icon={<PlusOutlined />} onClick={addRow} block={phone}>
      {t('fill.addRow')}
    </Button>
  );
  const remove = (index: number) =>
    !readOnly && (
      <Button
        type="text"
        danger
        icon={<DeleteOutlined />}
        aria-label={t('fill.removeRow', { row: index + 1 })}
        onClick={() => removeRow(index)}
      />
    );

  if (phone)
    return (
      <div id={id} className="fill-subform-cards">
        {rows.map((row, index) => (
          <Card
            key={row._id}
            size="small"
            className="fill-subform-card"
            title={t('fill.rowTitle', { row: index + 1 })}
            extra={remove(index)}
          >
            {columns.map((column) => (
              <Cell key={column.id} {...cellProps(row, index, column, true)} />
            ))}
          </Card>
        ))}
        {rows.length === 0 && <Typography.Text type="secondary">{t('fill.noRows')}</Typography.Text>}
        {add}
      </div>
    );
  return (
    <div id={id} className="fill-subform">
      <div className="fill-subform-scroll">
        <table className="fill-subform-table">
          <thead>
            <tr>
              <th className="fill-subform-index">#</th>
              {columns.map((column) => (
                <th key={column.id} scope="col">
                  {label(column.label)}
                  {column.required ? <span className="fill-required"> *</span> : null}
                </th>
              ))}
              <th className="fill-subform-actions">
                <span className="fill-visually-hidden">{t('fill.rowActions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => (
              <tr key={row._id}>
                <td className="fill-subform-index">{index + 1}</td>
                {columns.map((column) => (
                  <td key={column.id}>
                    <Cell {...cellProps(row, index, column, false)} />
                  </td>
                ))}
                <td className="fill-subform-actions">{remove(index)}</td>
              </tr>
            ))}
            {rows.length === 0 && (
              <tr>
                <td colSpan={columns.length + 2} className="fill-subform-empty">
                  {t('fill.noRows')}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {add}
    </div>
  );
}

export const subformWidgets: Record<string, FieldWidget> = {
  subform: { Component: SubformInput as FieldWidget['Component'], wide: true },
};
