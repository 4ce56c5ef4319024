/**
 * The properties of the selected field (or table column, or section), in tabs: the field itself with its
 * type's own settings (type-panels.ts), its default, its validations, its visibility rule.
 */
import { ArrowLeftOutlined, DeleteOutlined } from '@ant-design/icons';
import { type FieldDef, fieldType, isFieldType } from '@forecourt/schemas';
import { Button, Empty, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLabel } from '../label';
import type { Selection } from '../selection';
import { FlagsAndLayout, LabelAndId, VisibilityRule } from './CommonProps';
import type { FieldPanelProps } from './controls';
import { DefaultEditor } from './DefaultEditor';
import { updateColumn } from './SubformProps';
import { TYPE_PANELS } from './type-panels';
import { ValidationsEditor } from './ValidationsEditor';

export interface PropertiesPanelProps {
  selection: Selection;
  /** The selected field, or the table holding the selected column. */
  field: FieldDef;
  update(change: (field: FieldDef) => FieldDef, merge?: string): void;
  onRenameId(id: string): void;
  onRemove(): void;
  onSelect(selection: Selection): void;
  /** Every field and column id in the form, for "already used". */
  takenIds: string[];
  issues: string[];
}

export function PropertiesPanel(props: PropertiesPanelProps) {
  const { t } = useTranslation();
  const label = useLabel();
  const { selection, field: selected, update, onSelect } = props;
  const column =
    selection.kind === 'column'
      ? ((selected.fields as FieldDef[] | undefined) ?? []).find((c) => c.id === selection.columnId)
      : undefined;
  const field = column ?? selected;
  const type = fieldType(field.type);
  // A column lives inside its table: its edits change the table field.
  const panel: FieldPanelProps = {
    field,
    update: column
      ? (change, merge) => update((table) => updateColumn(table, column.id, change), merge)
      : update,
  };
  const TypeSettings = isFieldType(field.type) ? TYPE_PANELS[field.type] : null;
  const typeSettings = TypeSettings ? (
    <TypeSettings
      {...panel}
      onOpenColumn={(columnId) => onSelect({ kind: 'column', fieldId: selected.id, columnId })}
    />
  ) : null;
  const takesInput = type.storesValue && !type.computed;
  const items = [
    {
      key: 'field',
      label: t('formDesigner.props.tabField'),
      children: (
        <div className="fd-props-body">
          {props.issues.length ? (
            <ul className="fd-issues" role="alert">
              {props.issues.map((issue) => (
                <li key={issue}>{issue}</li>
              ))}
            </ul>
          ) : null}
          <LabelAndId
            {...panel}
            onRenameId={props.onRenameId}
            taken={props.takenIds}
            column={Boolean(column)}
          />
          {column ? null : <FlagsAndLayout {...panel} />}
          {typeSettings}
        </div>
      ),
    },
    ...(takesInput
      ? [
          {
            key: 'default',
            label: t('formDesigner.props.tabDefault'),
            children: (
              <div className="fd-props-body">
                <DefaultEditor {...panel} />
              </div>
            ),
          },
          {
            key: 'validations',
            label: t('formDesigner.props.tabValidations'),
            children: (
              <div className="fd-props-body">
                <ValidationsEditor {...panel} />
              </div>
            ),
          },
        ]
      : []),
    ...(column
      ? []
      : [
          {
            key: 'visibility',
            label: t('formDesigner.props.tabVisibility'),
            children: (
              <div className="fd-props-body">
                <VisibilityRule {...panel} />
              </div>
            ),
          },
        ]),
  ];
  return (
    <aside className="fd-properties" aria-label={t('formDesigner.props.title')}>
      <header className="fd-properties-head">
        {column ? (
          <Button
            size="small"
            type="link"
            icon={<ArrowLeftOutlined />}
            onClick={() => onSelect({ kind: 'field', fieldId: selected.id })}
          >
            {label(selected.label)}
          </Button>
        ) : null}
        <Typography.Title level={5}>
          {label(field.label)} <span className="fd-muted">{label(type.label)}</span>
        </Typography.Title>
        {column ? null : (
          <Button
            size="small"
            danger
            type="text"
            icon={<DeleteOutlined />}
            aria-label={t('formDesigner.props.remove')}
            onClick={props.onRemove}
          />
        )}
      </header>
      <Tabs key={`${selected.id}/${column?.id ?? ''}`} size="small" items={items} />
    </aside>
  );
}

export function NoSelection() {
  const { t } = useTranslation();
  return (
    <aside className="fd-properties" aria-label={t('formDesigner.props.title')}>
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('formDesigner.props.none')} />
    </aside>
  );
}
