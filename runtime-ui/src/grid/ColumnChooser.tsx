import { ArrowDownOutlined, ArrowUpOutlined, TableOutlined } from '@ant-design/icons';
import { Button, Checkbox, Popover } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FieldDef } from '../api/types';
import { useLabel } from '../i18n/label';
import type { GridColumn } from './query';

interface Props {
  /** Every field a column can show, the record columns included. */
  fields: readonly FieldDef[];
  columns: GridColumn[];
  onChange(columns: GridColumn[]): void;
}

/**
 * Which columns the grid shows, in which order: a checkbox per field to show or hide it, and up/down
 * buttons to move a shown one (keyboard-friendly, where dragging is not). Hidden fields follow.
 */
export function ColumnChooser({ fields, columns, onChange }: Props) {
  const { t } = useTranslation();
  const label = useLabel();
  const byId = new Map(fields.map((f) => [f.id, f]));
  const shown = columns.filter((c) => byId.has(c.field));
  const hidden = fields.filter((f) => !shown.some((c) => c.field === f.id));
  const move = (index: number, by: number) => {
    const next = [...shown];
    const [moved] = next.splice(index, 1);
    next.splice(index + by, 0, moved!);
    onChange(next);
  };

  const content = (
    <ul className="column-chooser" aria-label={t('grid.columns.title')}>
      {shown.map((column, index) => {
        const name = label(byId.get(column.field)!.label);
        return (
          <li key={column.field}>
            <Checkbox
              checked
              disabled={shown.length === 1}
              onChange={() => onChange(shown.filter((c) => c.field !== column.field))}
            >
              {name}
            </Checkbox>
            <span className="column-moves">
              <Button
                size="small"
                type="text"
                icon={<ArrowUpOutlined />}
                aria-label={t('grid.columns.up', { name })}
                disabled={index === 0}
                onClick={() => move(index, -1)}
              />
              <Button
                size="small"
                type="text"
                icon={<ArrowDownOutlined />}
                aria-label={t('grid.columns.down', { name })}
                disabled={index === shown.length - 1}
                onClick={() => move(index, 1)}
              />
            </span>
          </li>
        );
      })}
      {hidden.map((field) => (
        <li key={field.id}>
          <Checkbox checked={false} onChange={() => onChange([...shown, { field: field.id }])}>
            {label(field.label)}
          </Checkbox>
        </li>
      ))}
    </ul>
  );
  return (
    <Popover content={content} trigger="click" placement="bottomRight" title={t('grid.columns.title')}>
      <Button icon={<TableOutlined />}>{t('grid.columns.button')}</Button>
    </Popover>
  );
}
