import { type FormDefinition, holdsDate } from '@forecourt/schemas';

/** The form's fields that hold a date or time: what a deadline or a delay may be set by. */
export function dateFields(form: FormDefinition | undefined): FormDefinition['fields'] {
  return (form?.fields ?? []).filter(holdsDate);
}
