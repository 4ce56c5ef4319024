/**
 * What the properties panels need besides the field itself: the whole form (for pickers of its fields),
 * the other forms of the workspace (relation targets, data linkage) and a loader for their fields.
 */
import { type FieldDef, type FormDefinition, fieldTypes } from '@forecourt/schemas';
import { createContext, useContext, useEffect, useState } from 'react';
import type { ExpressionField } from '../expression/suggest';
import { useLabel } from '../label';
import type { FormSummary } from '../types';

/** Layout elements (divider, description) hold no value: pickers and expressions leave them out. */
const holdsValue = (field: FieldDef) => fieldTypes.get(field.type)?.storesValue !== false;

export interface DesignContext {
  definition: FormDefinition;
  forms: FormSummary[];
  loadForm(formId: string): Promise<FormDefinition>;
  /** Ids of published fields: their id and existence are fixed. */
  published: Set<string>;
  /** Option values of the published fields and columns: records may hold them, so new options avoid them. */
  publishedOptionValues: Set<string>;
}

export const DesignContextProvider = createContext<DesignContext | null>(null);

export function useDesign(): DesignContext {
  const context = useContext(DesignContextProvider);
  if (!context) throw new Error('useDesign outside the form designer');
  return context;
}

/** The fields an expression on `field` may read: every stored field of the form but the field itself. */
export function useExpressionFields(exclude?: string, columns?: FieldDef[]): ExpressionField[] {
  const { definition } = useDesign();
  const label = useLabel();
  const source = columns ?? definition.fields;
  return source
    .filter((f) => f.id !== exclude && !f.hidden && holdsValue(f))
    .map((f) => ({ id: f.id, label: label(f.label), type: f.type }));
}

/** Another form's definition (its fields for pickers); null while loading or when it cannot be read. */
export function useFormDefinition(formId: string | undefined): FormDefinition | null {
  const { loadForm, definition } = useDesign();
  const [loaded, setLoaded] = useState<FormDefinition | null>(null);
  useEffect(() => {
    if (!formId || formId === definition.id) return;
    let current = true;
    setLoaded(null);
    loadForm(formId).then(
      (form) => current && setLoaded(form),
      () => current && setLoaded(null),
    );
    return () => {
      current = false;
    };
  }, [formId, loadForm, definition.id]);
  if (formId && formId === definition.id) return definition;
  return loaded;
}

/** Picker options for a form's stored fields: "Label (f_id)". */
export function useFieldChoices(): (
  fields: FieldDef[] | undefined,
  types?: string[],
) => { value: string; label: string }[] {
  const label = useLabel();
  return (fields, types) =>
    (fields ?? [])
      .filter((f) => !f.hidden && holdsValue(f))
      .filter((f) => !types || types.includes(f.type))
      .map((f) => ({ value: f.id, label: `${label(f.label)} (${f.id})` }));
}
