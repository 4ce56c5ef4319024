/**
 * The form designer: palette, canvas and properties, with autosave, undo/redo, a live preview and
 * publishing with a change summary. Hosted by runtime-ui (FormDesignPage), which passes the API calls
 * and the preview renderer (see types.ts).
 */
import { DndContext, type DragEndEvent, DragOverlay } from '@dnd-kit/core';
import { type FieldDef, type FormDefinition, fieldType, type OptionDef } from '@forecourt/schemas';
import { Modal } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Canvas } from './Canvas';
import { collision, dropOf, useDesignerDnd } from './dnd';
import { FormProps } from './FormProps';
import { useLabel } from './label';
import {
  addField,
  addSection,
  moveField,
  nudgeField,
  type Place,
  removeField,
  removeSection,
  renameSection,
  restoreField,
  updateField,
  visibleFields,
} from './model';
import { Palette } from './Palette';
import { Preview } from './Preview';
import { PublishDialog } from './PublishDialog';
import { DesignContextProvider } from './properties/context';
import { SectionProps } from './properties/LayoutProps';
import { PropertiesPanel } from './properties/PropertiesPanel';
import { updateColumn } from './properties/SubformProps';
import { issuesByField, type Selection } from './selection';
import { Toolbar } from './Toolbar';
import type { FormDesignerProps, FormSummary } from './types';
import { useAutosave } from './useAutosave';
import { useHistory, useUndoKeys } from './useHistory';
import { usePublish } from './usePublish';
import './form-designer.css';

/** Focus a field's card after React has put it in place (moving a node drops its focus). */
function focusField(fieldId: string | undefined) {
  if (!fieldId) return;
  requestAnimationFrame(() =>
    document.querySelector<HTMLElement>(`.fd-field[data-field-id="${CSS.escape(fieldId)}"]`)?.focus(),
  );
}

/** Every option value of a definition's fields and subform columns. */
function optionValuesOf(definition: FormDefinition | null): Set<string> {
  const values = new Set<string>();
  const visit = (fields: FieldDef[]) => {
    for (const field of fields) {
      if (Array.isArray(field.options)) for (const o of field.options as OptionDef[]) values.add(o.value);
      if (Array.isArray(field.fields)) visit(field.fields as FieldDef[]);
    }
  };
  visit(definition?.fields ?? []);
  return values;
}

export function FormDesigner(props: FormDesignerProps) {
  const { api } = props;
  const label = useLabel();
  const history = useHistory<FormDefinition>(props.draft);
  const definition = history.present;
  const change = history.change;
  useUndoKeys(history);
  const save = useCallback((next: FormDefinition) => api.saveDraft(next), [api]);
  const autosave = useAutosave(definition, save, api.saveOnLeave);
  const [modal, modalHolder] = Modal.useModal();
  const { t } = useTranslation();
  /** The toolbar's links: save first; a draft the server refused is only left behind on purpose. */
  const leave = async (href: string) => {
    const ok =
      (await autosave.flush()) ||
      (await modal.confirm({
        title: t('formDesigner.leave.title'),
        content: t('formDesigner.leave.content'),
        okText: t('formDesigner.leave.ok'),
        okButtonProps: { danger: true },
      }));
    if (ok) props.navigate(href);
  };
  const publish = usePublish(api, autosave.flush, (version) => props.onPublished?.(version));
  const [selection, setSelection] = useState<Selection | null>(null);
  const [forms, setForms] = useState<FormSummary[]>([]);
  const [previewing, setPreviewing] = useState(false);
  const dnd = useDesignerDnd();

  useEffect(() => {
    api.listForms().then(setForms, () => setForms([]));
  }, [api]);

  const published = useMemo(
    () => new Set((props.published?.fields ?? []).map((f) => f.id)),
    [props.published],
  );
  const publishedOptionValues = useMemo(() => optionValuesOf(props.published), [props.published]);
  const issues = useMemo(
    () => issuesByField(autosave.issues, autosave.issueFieldIds),
    [autosave.issues, autosave.issueFieldIds],
  );
  const context = useMemo(
    () => ({ definition, forms, loadForm: api.loadForm, published, publishedOptionValues }),
    [definition, forms, api.loadForm, published, publishedOptionValues],
  );

  const selectedField =
    selection && selection.kind !== 'section'
      ? definition.fields.find((f) => f.id === selection.fieldId)
      : undefined;

  const add = (type: string, place: Place) => {
    const result = addField(definition, type, place, { forms });
    change(result.definition);
    setSelection({ kind: 'field', fieldId: result.field.id });
  };
  /** Enter on a palette type: after the selected field, else at the end of the form's last group. */
  const addFromPalette = (type: string) => {
    const sections = definition.sections ?? [];
    const place: Place =
      selectedField && !selectedField.hidden
        ? { after: selectedField.id }
        : { endOf: sections.at(-1)?.id ?? '' };
    add(type, place);
  };
  const onDragEnd = (event: DragEndEvent) => {
    dnd.clear();
    const drop = dropOf(event);
    if (!drop) return;
    if (drop.kind === 'add') add(drop.type, drop.place);
    else change((d) => moveField(d, drop.fieldId, drop.place));
  };
  const remove = (fieldId: string) => {
    const order = visibleFields(definition);
    const next = order[order.findIndex((f) => f.id === fieldId) + 1] ?? order.at(-2);
    change((d) => removeField(d, fieldId, published));
    setSelection(null);
    focusField(next?.id);
  };
  const renameId = (id: string) => {
    if (!selection || selection.kind === 'section') return;
    if (selection.kind === 'column') {
      change((d) =>
        updateField(d, selection.fieldId, (t) => updateColumn(t, selection.columnId, (c) => ({ ...c, id }))),
      );
      setSelection({ ...selection, columnId: id });
    } else {
      change((d) => updateField(d, selection.fieldId, (f) => ({ ...f, id })));
      setSelection({ kind: 'field', fieldId: id });
    }
  };
  const takenIds = definition.fields.flatMap((f) => [
    f.id,
    ...((Array.isArray(f.fields) ? f.fields : []) as FieldDef[]).map((c) => c.id),
  ]);

  const section =
    selection?.kind === 'section'
      ? definition.sections?.find((s) => s.id === selection.sectionId)
      : undefined;

  return (
    <DesignContextProvider.Provider value={context}>
      <div className="fd-designer">
        <Toolbar
          title={label(definition.title)}
          version={props.version}
          status={autosave.status}
          issueCount={autosave.issues.length}
          canUndo={history.canUndo}
          canRedo={history.canRedo}
          onUndo={history.undo}
          onRedo={history.redo}
          onPreview={() => setPreviewing(true)}
          onPublish={() => void publish.start()}
          publishing={publish.publishing}
          links={props.links}
          navigate={(href) => void leave(href)}
        />
        <DndContext
          sensors={dnd.sensors}
          collisionDetection={collision}
          onDragStart={dnd.onDragStart}
          onDragEnd={onDragEnd}
          onDragCancel={dnd.clear}
        >
          <div className="fd-body">
            <Palette onAdd={addFromPalette} />
            <Canvas
              definition={definition}
              selection={selection}
              issues={issues}
              onSelect={setSelection}
              onMove={(fieldId, step) => {
                change((d) => nudgeField(d, fieldId, step));
                focusField(fieldId);
              }}
              onRemove={remove}
              onRestore={(fieldId) => change((d) => restoreField(d, fieldId))}
              onAddSection={() => change((d) => addSection(d, { zh: '新分组', en: 'New section' }))}
            />
            {selectedField ? (
              <PropertiesPanel
                selection={selection as Selection}
                field={selectedField}
                update={(edit, merge) => change((d) => updateField(d, selectedField.id, edit), merge)}
                onRenameId={renameId}
                onRemove={() => remove(selectedField.id)}
                onSelect={setSelection}
                takenIds={takenIds}
                issues={issues.get(selectedField.id) ?? []}
              />
            ) : section ? (
              <aside className="fd-properties">
                <SectionProps
                  section={section}
                  onRename={(title) =>
                    change((d) => renameSection(d, section.id, title), `section.${section.id}`)
                  }
                  onRemove={() => {
                    change((d) => removeSection(d, section.id));
                    setSelection(null);
                  }}
                />
              </aside>
            ) : (
              <FormProps definition={definition} onChange={change} />
            )}
          </div>
          <DragOverlay dropAnimation={null}>
            {dnd.dragging?.paletteType ? (
              <div className="fd-palette-item is-overlay">
                {label(fieldType(dnd.dragging.paletteType).label)}
              </div>
            ) : null}
          </DragOverlay>
        </DndContext>
        {issues.get('')?.length ? (
          <ul className="fd-issues fd-form-issues" role="alert">
            {issues.get('')?.map((issue) => (
              <li key={issue}>{issue}</li>
            ))}
          </ul>
        ) : null}
        {modalHolder}
        {previewing ? (
          <Preview
            definition={definition}
            render={props.renderPreview}
            onClose={() => setPreviewing(false)}
          />
        ) : null}
        {publish.summary ? (
          <PublishDialog
            summary={publish.summary}
            definition={definition}
            previous={props.published}
            publishing={publish.publishing}
            onConfirm={() => void publish.confirm()}
            onCancel={publish.cancel}
          />
        ) : null}
      </div>
    </DesignContextProvider.Provider>
  );
}
