/**
 * A table (subform): its columns, each a plain field opened in the same properties panel, and how many
 * rows it takes. Tables hold no nested tables, counters, system or layout fields.
 */
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { FIELD_TYPES, type FieldDef, fieldType, SUBFORM_CHILD_EXCLUDED } from '@forecourt/schemas';
import { Button, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLabel } from '../label';
import { freshFieldId, setProp } from '../model';
import { newColumnOf } from '../new-field';
import { useDesign } from './context';
import { type FieldPanelProps, NumberProp, Prop } from './controls';

const COLUMN_TYPES = FIELD_TYPES.filter((type) => !SUBFORM_CHILD_EXCLUDED.has(type));

export function SubformProps(props: FieldPanelProps & { onOpenColumn(columnId: string): void }) {
  const { t } = useTranslation();
  const label = useLabel();
  const { definition } = useDesign();
  const { field, update, onOpenColumn } = props;
  const columns = (Array.isArray(field.fields) ? field.fields : []) as FieldDef[];
  const setColumns = (next: FieldDef[]) => update((f) => ({ ...f, fields: next }));
  const move = (index: number, step: -1 | 1) => {
    const next = [...columns];
    const [moved] = next.splice(index, 1);
    if (moved) next.splice(index + step, 0, moved);
    setColumns(next);
  };
  return (
    <>
      <fieldset className="fd-columns">
        <legend>{t('formDesigner.subform.columns')}</legend>
        <ol>
          {columns.map((column, index) => (
            <li key={column.id}>
              <span className="fd-column-label">
                {label(column.label)} <span className="fd-muted">{label(fieldType(column.type).label)}</span>
              </span>
              <Button
                size="small"
                type="text"
                icon={<EditOutlined />}
                aria-label={t('formDesigner.subform.edit', { column: label(column.label) })}
                onClick={() => onOpenColumn(column.id)}
              />
              <Button
                size="small"
                type="text"
                icon={<ArrowUpOutlined />}
                disabled={index === 0}
                aria-label={t('formDesigner.options.up')}
                onClick={() => move(index, -1)}
              />
              <Button
                size="small"
                type="text"
                icon={<ArrowDownOutlined />}
                disabled={index === columns.length - 1}
                aria-label={t('formDesigner.options.down')}
                onClick={() => move(index, 1)}
              />
              <Button
                size="small"
                type="text"
                icon={<DeleteOutlined />}
                disabled={columns.length === 1}
                aria-label={t('formDesigner.subform.remove', { column: label(column.label) })}
                onClick={() => setColumns(columns.filter((c) => c.id !== column.id))}
              />
            </li>
          ))}
        </ol>
        <Prop label={t('formDesigner.subform.add')}>
          {(id) => (
            <Select
              id={id}
              value={null}
              placeholder={t('formDesigner.subform.addPlaceholder')}
              showSearch
              optionFilterProp="label"
              options={COLUMN_TYPES.map((type) => ({ value: type, label: label(fieldType(type).label) }))}
              onChange={(type: string) => {
                const column = newColumnOf(type, freshFieldId(definition, type));
                setColumns([...columns, column]);
              }}
            />
          )}
        </Prop>
      </fieldset>
      <div className="fd-inline">
        <NumberProp {...props} name="minRows" label={t('formDesigner.subform.minRows')} min={0} />
        <NumberProp {...props} name="maxRows" label={t('formDesigner.subform.maxRows')} min={1} />
      </div>
    </>
  );
}

/** Changes one column of a table field. */
export function updateColumn(
  table: FieldDef,
  columnId: string,
  change: (column: FieldDef) => FieldDef,
): FieldDef {
  const columns = (Array.isArray(table.fields) ? table.fields : []) as FieldDef[];
  return setProp(
    table,
    'fields',
    columns.map((column) => (column.id === columnId ? change(column) : column)),
  );
}
