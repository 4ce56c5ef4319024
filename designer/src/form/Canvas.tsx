/**
 * The form being built: its fields in display order, grouped by section, in a four-column grid (a
 * field's width is how many of the four it spans). Each section is a drop zone; the fields are one
 * sortable list, so a field dragged into another section takes that section.
 */
import { PlusOutlined, UndoOutlined } from '@ant-design/icons';
import { useDroppable } from '@dnd-kit/core';
import { rectSortingStrategy, SortableContext } from '@dnd-kit/sortable';
import type { FieldDef, FormDefinition } from '@forecourt/schemas';
import { Button, Empty, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldCard } from './FieldCard';
import { useLabel } from './label';
import { sectionOf, visibleFields } from './model';
import type { Selection } from './selection';

export interface CanvasProps {
  definition: FormDefinition;
  selection: Selection | null;
  issues: Map<string, string[]>;
  onSelect(selection: Selection): void;
  onMove(fieldId: string, step: -1 | 1): void;
  onRemove(fieldId: string): void;
  onRestore(fieldId: string): void;
  onAddSection(): void;
}

export const SECTION_ZONE = 'zone:';

export function Canvas(props: CanvasProps) {
  const { definition, selection, issues, onSelect } = props;
  const { t } = useTranslation();
  const label = useLabel();
  const fields = visibleFields(definition);
  const hidden = definition.fields.filter((field) => field.hidden);
  const known = new Set((definition.sections ?? []).map((s) => s.id));
  const groupOf = (field: FieldDef) => (known.has(sectionOf(field)) ? sectionOf(field) : '');
  const cards = (section: string) =>
    fields
      .filter((field) => groupOf(field) === section)
      .map((field) => (
        <FieldCard
          key={field.id}
          field={field}
          selected={selection?.kind !== 'section' && selection?.fieldId === field.id}
          issues={issues.get(field.id) ?? []}
          onSelect={() => onSelect({ kind: 'field', fieldId: field.id })}
          onMove={(step) => props.onMove(field.id, step)}
          onRemove={() => props.onRemove(field.id)}
        />
      ));
  return (
    <main className="fd-canvas" aria-label={t('formDesigner.canvas.title')}>
      <SortableContext items={fields.map((field) => field.id)} strategy={rectSortingStrategy}>
        <Zone id="" empty={fields.length === 0}>
          {cards('')}
        </Zone>
        {(definition.sections ?? []).map((section) => (
          <section key={section.id} className="fd-section" aria-label={label(section.title)}>
            <button
              type="button"
              className={`fd-section-title${selection?.kind === 'section' && selection.sectionId === section.id ? ' is-selected' : ''}`}
              onClick={() => onSelect({ kind: 'section', sectionId: section.id })}
            >
              {label(section.title)}
            </button>
            <Zone id={section.id} empty={!fields.some((field) => groupOf(field) === section.id)}>
              {cards(section.id)}
            </Zone>
          </section>
        ))}
      </SortableContext>
      <Button icon={<PlusOutlined />} onClick={props.onAddSection} className="fd-add-section">
        {t('formDesigner.canvas.addSection')}
      </Button>
      {hidden.length ? (
        <section className="fd-hidden" aria-label={t('formDesigner.canvas.hiddenTitle')}>
          <Typography.Text type="secondary">{t('formDesigner.canvas.hiddenTitle')}</Typography.Text>
          <ul>
            {hidden.map((field) => (
              <li key={field.id}>
                <span>{label(field.label)}</span>
                <Button size="small" icon={<UndoOutlined />} onClick={() => props.onRestore(field.id)}>
                  {t('formDesigner.canvas.restore')}
                </Button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </main>
  );
}

/** A section's grid, and the target for drops below its last field. */
function Zone({ id, empty, children }: { id: string; empty: boolean; children: ReactNode }) {
  const { t } = useTranslation();
  const { setNodeRef, isOver } = useDroppable({ id: `${SECTION_ZONE}${id}`, data: { section: id } });
  return (
    <div ref={setNodeRef} className={`fd-zone${isOver ? ' is-over' : ''}`} data-section={id}>
      {children}
      {empty ? (
        <Empty
          className="fd-zone-empty"
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={t('formDesigner.canvas.dropHere')}
        />
      ) : (
        <div className="fd-zone-end">{t('formDesigner.canvas.dropEnd')}</div>
      )}
    </div>
  );
}
