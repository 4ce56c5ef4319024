import type { FormDefinition } from '@forecourt/schemas';

const DATE_TYPES = new Set(['date', 'datetime', 'created_at', 'updated_at']);

/** The form's fields that hold a date or time: what a deadline or a delay may be set by. */
export function dateFields(form: FormDefinition | undefined): FormDefinition['fields'] {
  return (form?.fields ?? []).filter(
    (f) =>
      DATE_TYPES.has(f.type) ||
      (['formula', 'lookup', 'rollup'].includes(f.type) && DATE_TYPES.has(String(f.resultType))),
  );
}
