/**
 * Pure edits of a form definition, as the designer makes them: every function returns a new definition
 * and leaves its argument alone, so the undo history can keep each step by reference.
 *
 * Display order: fields without a section first, then each section's fields in the order of `sections`;
 * within a group, the order of `fields`. Hidden fields (deleted after publishing: their data is kept)
 * are not on the canvas.
 */
import {
  type FieldDef,
  type FieldGroup,
  type FormDefinition,
  type FormSection,
  fieldType,
  type Label,
} from '@forecourt/schemas';
import { newFieldOf } from './new-field';

/** The section a field sits in; '' is the form's top, before any section. */
export function sectionOf(field: FieldDef): string {
  return field.layout?.section ?? '';
}

export function visibleFields(definition: FormDefinition): FieldDef[] {
  return displayOrder(definition).filter((field) => !field.hidden);
}

/** Fields in the order the canvas and the form show them (hidden ones last). */
export function displayOrder(definition: FormDefinition): FieldDef[] {
  const groups = ['', ...(definition.sections ?? []).map((section) => section.id)];
  const known = new Set(groups);
  const shown = definition.fields.filter((field) => !field.hidden);
  const ordered = groups.flatMap((group) =>
    shown.filter((field) => (known.has(sectionOf(field)) ? sectionOf(field) : '') === group),
  );
  return [...ordered, ...definition.fields.filter((field) => field.hidden)];
}

function withFields(definition: FormDefinition, fields: FieldDef[]): FormDefinition {
  return { ...definition, fields };
}

function inSection(field: FieldDef, section: string): FieldDef {
  const { section: _old, ...layout } = field.layout ?? {};
  const next: FieldDef = { ...field, layout: section ? { ...layout, section } : layout };
  if (next.layout && Object.keys(next.layout).length === 0) delete next.layout;
  return next;
}

/** A field id not used yet: `f_<type>`, then `f_<type>_2`, … */
export function freshFieldId(definition: FormDefinition, type: string, taken: string[] = []): string {
  const used = new Set([...taken, ...allFieldIds(definition)]);
  const base = `f_${type.replace(/[^a-z0-9_]/g, '_')}`;
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}_${n}`)) return `${base}_${n}`;
}

function allFieldIds(definition: FormDefinition): string[] {
  return definition.fields.flatMap((field) => [
    field.id,
    ...(Array.isArray(field.fields) ? (field.fields as FieldDef[]).map((column) => column.id) : []),
  ]);
}

/** Where a new or moved field goes: before a field, or at the end of a section. */
export type Place = { before: string } | { after: string } | { endOf: string };

/** Inserts `field` at `place`, taking the section of the field it lands next to. */
function insertAt(definition: FormDefinition, field: FieldDef, place: Place): FormDefinition {
  const order = displayOrder(definition).filter((f) => f.id !== field.id);
  let index: number;
  let section: string;
  if ('endOf' in place) {
    section = place.endOf;
    const last = order.findLastIndex((f) => !f.hidden && sectionOf(f) === section);
    index = last >= 0 ? last + 1 : firstIndexAfterSection(definition, order, section);
  } else {
    const anchorId = 'before' in place ? place.before : place.after;
    const anchor = order.findIndex((f) => f.id === anchorId);
    if (anchor < 0) return insertAt(definition, field, { endOf: '' });
    section = sectionOf(order[anchor] as FieldDef);
    index = 'before' in place ? anchor : anchor + 1;
  }
  const placed = inSection(field, section);
  return withFields(definition, [...order.slice(0, index), placed, ...order.slice(index)]);
}

/** Where an empty section's first field goes in display order: after every earlier group. */
function firstIndexAfterSection(definition: FormDefinition, order: FieldDef[], section: string): number {
  const groups = ['', ...(definition.sections ?? []).map((s) => s.id)];
  const earlier = new Set(groups.slice(0, groups.indexOf(section)));
  return order.filter((f) => !f.hidden && earlier.has(sectionOf(f))).length;
}

export function addField(
  definition: FormDefinition,
  type: string,
  place: Place,
  context: NewFieldContext,
): { definition: FormDefinition; field: FieldDef } {
  const field = newFieldOf(type, freshFieldId(definition, type), definition, context);
  return { definition: insertAt(definition, field, place), field };
}

export interface NewFieldContext {
  /** Forms a relation may point at, the current one included. */
  forms: { id: string; title: Label }[];
}

export function moveField(definition: FormDefinition, fieldId: string, place: Place): FormDefinition {
  const field = definition.fields.find((f) => f.id === fieldId);
  if (!field || ('before' in place && place.before === fieldId)) return definition;
  return insertAt(definition, field, place);
}

/** Alt+↑ / Alt+↓: one step in display order, into the neighbouring section at its edge. */
export function nudgeField(definition: FormDefinition, fieldId: string, step: -1 | 1): FormDefinition {
  const order = visibleFields(definition);
  const index = order.findIndex((f) => f.id === fieldId);
  const field = order[index];
  if (!field) return definition;
  const neighbour = order[index + step];
  const groups = ['', ...(definition.sections ?? []).map((s) => s.id)];
  const section = sectionOf(field);
  if (neighbour && sectionOf(neighbour) === section)
    return moveField(definition, fieldId, step < 0 ? { before: neighbour.id } : { after: neighbour.id });
  // At the edge of its section: cross into the previous or next one.
  const target = groups[groups.indexOf(section) + step];
  if (target === undefined) return definition;
  if (step > 0) {
    const first = order.find((f) => sectionOf(f) === target);
    return moveField(definition, fieldId, first ? { before: first.id } : { endOf: target });
  }
  return moveField(definition, fieldId, { endOf: target });
}

/** A published field is hidden (its data stays and it can come back); a draft-only field goes. */
export function removeField(definition: FormDefinition, fieldId: string, published: Set<string>) {
  if (published.has(fieldId))
    return updateField(definition, fieldId, (field) => ({ ...field, hidden: true }));
  return withFields(
    definition,
    definition.fields.filter((field) => field.id !== fieldId),
  );
}

export function restoreField(definition: FormDefinition, fieldId: string): FormDefinition {
  return updateField(definition, fieldId, ({ hidden: _hidden, ...field }) => field as FieldDef);
}

export function updateField(
  definition: FormDefinition,
  fieldId: string,
  change: (field: FieldDef) => FieldDef,
): FormDefinition {
  return withFields(
    definition,
    definition.fields.map((field) => (field.id === fieldId ? change(field) : field)),
  );
}

/** Sets (or, for undefined, removes) one property of a field definition. */
export function setProp(field: FieldDef, name: string, value: unknown): FieldDef {
  const next: FieldDef = { ...field };
  if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0))
    delete (next as Record<string, unknown>)[name];
  else (next as Record<string, unknown>)[name] = value;
  return next;
}

/**
 * Widths are quarters of a row. As the form renderer lays fields out (runtime-ui/src/form/rjsf.tsx): half
 * a row unless set; long text, tables, images, attachments and layout fields always take the whole row.
 */
export const DEFAULT_WIDTH = 2;
export const FULL_ROW_TYPES: ReadonlySet<string> = new Set([
  'textarea',
  'subform',
  'image',
  'attachment',
  'divider',
  'description',
]);

export function widthOf(field: FieldDef): 1 | 2 | 3 | 4 {
  return FULL_ROW_TYPES.has(field.type) ? 4 : (field.layout?.width ?? DEFAULT_WIDTH);
}

export function setWidth(field: FieldDef, width: 1 | 2 | 3 | 4): FieldDef {
  const layout = { ...(field.layout ?? {}) };
  if (width === DEFAULT_WIDTH) delete layout.width;
  else layout.width = width;
  const next: FieldDef = { ...field, layout };
  if (Object.keys(layout).length === 0) delete next.layout;
  return next;
}

/** A new section at the end, with a fresh id. */
export function addSection(definition: FormDefinition, title: Label): FormDefinition {
  const sections = definition.sections ?? [];
  const ids = new Set(sections.map((s) => s.id));
  let n = sections.length + 1;
  while (ids.has(`section_${n}`)) n++;
  return { ...definition, sections: [...sections, { id: `section_${n}`, title }] };
}

export function renameSection(definition: FormDefinition, id: string, title: Label): FormDefinition {
  return {
    ...definition,
    sections: (definition.sections ?? []).map((s: FormSection) => (s.id === id ? { ...s, title } : s)),
  };
}

/** Removing a section keeps its fields: they move up into the previous group. */
export function removeSection(definition: FormDefinition, id: string): FormDefinition {
  const sections = (definition.sections ?? []).filter((s) => s.id !== id);
  const groups = ['', ...(definition.sections ?? []).map((s) => s.id)];
  const previous = groups[groups.indexOf(id) - 1] ?? '';
  const fields = definition.fields.map((f) => (sectionOf(f) === id ? inSection(f, previous) : f));
  const next: FormDefinition = { ...definition, fields, sections };
  if (sections.length === 0) delete next.sections;
  return next;
}

export function groupOf(type: string): FieldGroup {
  try {
    return fieldType(type).group;
  } catch {
    return 'advanced';
  }
}
