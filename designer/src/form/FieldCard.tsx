/**
 * One field on the canvas: drag it to reorder (or to another section), or, with the keyboard, focus it
 * and press Enter to select, Alt+↑ / Alt+↓ to move, Delete to remove.
 */
import { EyeInvisibleOutlined, HolderOutlined, WarningOutlined } from '@ant-design/icons';
import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { type FieldDef, fieldType } from '@forecourt/schemas';
import { Tag, Tooltip } from 'antd';
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLabel } from './label';
import { widthOf } from './model';
import { TypeIcon } from './TypeIcon';

export interface FieldCardProps {
  field: FieldDef;
  selected: boolean;
  issues: string[];
  onSelect(): void;
  onMove(step: -1 | 1): void;
  onRemove(): void;
}

export function FieldCard({ field, selected, issues, onSelect, onMove, onRemove }: FieldCardProps) {
  const { t } = useTranslation();
  const label = useLabel();
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({
    id: field.id,
    data: { fieldId: field.id },
  });
  const type = fieldType(field.type);
  const width = widthOf(field);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.target !== event.currentTarget) return;
    if (event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
      event.preventDefault();
      onMove(event.key === 'ArrowUp' ? -1 : 1);
    } else if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      onRemove();
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onSelect();
    }
  };
  return (
    // A card holds block content (a <button> may not), so it is a focusable div with the button role.
    // biome-ignore lint/a11y/useSemanticElements: see above
    <div
      ref={setNodeRef}
      {...attributes}
      {...listeners}
      tabIndex={0}
      role="button"
      aria-pressed={selected}
      aria-label={`${label(field.label)} (${label(type.label)})`}
      data-field-id={field.id}
      className={[
        'fd-field',
        selected ? 'is-selected' : '',
        isDragging ? 'is-dragging' : '',
        issues.length ? 'has-issues' : '',
        width === 1 ? 'is-narrow' : '',
      ].join(' ')}
      style={{
        gridColumn: `span ${width}`,
        transform: CSS.Translate.toString(transform),
        transition,
      }}
      onClick={onSelect}
      onKeyDown={onKeyDown}
    >
      <div className="fd-field-head">
        <HolderOutlined className="fd-handle" aria-hidden />
        <TypeIcon type={field.type} />
        <span className="fd-field-label" title={label(field.label)}>
          {label(field.label)}
          {field.required ? <span className="fd-required">*</span> : null}
        </span>
        {typeof field.visibleIf === 'string' ? (
          <Tooltip title={t('formDesigner.card.conditional')}>
            <EyeInvisibleOutlined className="fd-badge" aria-label={t('formDesigner.card.conditional')} />
          </Tooltip>
        ) : null}
        <Tag className="fd-type-tag">{label(type.label)}</Tag>
      </div>
      <FieldSketch field={field} />
      {issues.length ? (
        <div className="fd-field-issues" role="alert">
          <WarningOutlined /> {issues[0]}
          {issues.length > 1 ? ` (+${issues.length - 1})` : ''}
        </div>
      ) : null}
    </div>
  );
}

/** A hint of what the field looks like when filled: an empty box, the formula, the options. */
function FieldSketch({ field }: { field: FieldDef }) {
  const label = useLabel();
  if (field.type === 'divider') return <hr className="fd-sketch-divider" />;
  if (field.type === 'description')
    return <div className="fd-sketch-text">{label(field.content as never)}</div>;
  if (field.type === 'formula')
    return <code className="fd-sketch-code">= {String(field.expression ?? '')}</code>;
  if (Array.isArray(field.options))
    return (
      <div className="fd-sketch-options">
        {(field.options as { value: string; label: never; color?: string }[]).slice(0, 4).map((option) => (
          <Tag key={option.value} color={option.color}>
            {label(option.label)}
          </Tag>
        ))}
      </div>
    );
  if (field.type === 'subform')
    return (
      <div className="fd-sketch-columns">
        {(Array.isArray(field.fields) ? (field.fields as FieldDef[]) : []).map((column) => (
          <span key={column.id}>{label(column.label)}</span>
        ))}
      </div>
    );
  return <div className={`fd-sketch-box${field.type === 'textarea' ? ' is-tall' : ''}`} />;
}
