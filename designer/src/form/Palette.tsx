/**
 * Every registered field type, by group, in the registry's order. A type is dragged onto the canvas, or
 * added with Enter / a click: after the selected field, else at the end of the form.
 */
import { useDraggable } from '@dnd-kit/core';
import { FIELD_TYPES, type FieldGroup, fieldType } from '@forecourt/schemas';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLabel } from './label';
import { TypeIcon } from './TypeIcon';

const GROUPS: FieldGroup[] = [
  'basic',
  'choice',
  'people',
  'media',
  'relation',
  'advanced',
  'system',
  'layout',
];

export function useGroupTitle(): (group: FieldGroup) => string {
  const { t } = useTranslation();
  const titles: Record<FieldGroup, string> = {
    basic: t('formDesigner.group.basic'),
    choice: t('formDesigner.group.choice'),
    people: t('formDesigner.group.people'),
    media: t('formDesigner.group.media'),
    relation: t('formDesigner.group.relation'),
    advanced: t('formDesigner.group.advanced'),
    system: t('formDesigner.group.system'),
    layout: t('formDesigner.group.layout'),
  };
  return (group) => titles[group];
}

export function Palette({ onAdd }: { onAdd(type: string): void }) {
  const { t } = useTranslation();
  const groupTitle = useGroupTitle();
  return (
    <nav className="fd-palette" aria-label={t('formDesigner.palette.title')}>
      <Typography.Text type="secondary" className="fd-hint">
        {t('formDesigner.palette.hint')}
      </Typography.Text>
      {GROUPS.map((group) => {
        const types = FIELD_TYPES.filter((type) => fieldType(type).group === group);
        return (
          <section key={group} className="fd-palette-group" aria-label={groupTitle(group)}>
            <h3>{groupTitle(group)}</h3>
            <ul>
              {types.map((type) => (
                <PaletteItem key={type} type={type} onAdd={onAdd} />
              ))}
            </ul>
          </section>
        );
      })}
    </nav>
  );
}

function PaletteItem({ type, onAdd }: { type: string; onAdd(type: string): void }) {
  const label = useLabel();
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({
    id: `palette:${type}`,
    data: { paletteType: type },
  });
  return (
    <li>
      <button
        ref={setNodeRef}
        type="button"
        className={`fd-palette-item${isDragging ? ' is-dragging' : ''}`}
        data-type={type}
        title={label(fieldType(type).label)}
        {...attributes}
        {...listeners}
        onClick={() => onAdd(type)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' || event.key === ' ') {
            event.preventDefault();
            onAdd(type);
          }
        }}
      >
        <TypeIcon type={type} />
        <span>{label(fieldType(type).label)}</span>
      </button>
    </li>
  );
}
