/**
 * What widgets need from around the form: where uploads go, whether this is a phone, and the records
 * picked in relations (their data feeds relation copies without another request).
 */
import { createContext, useContext } from 'react';
import type { FormData } from './types';

export interface FormScope {
  /** The form files are uploaded for (`POST /api/forms/:formId/files`); absent: uploads are off. */
  uploadFormId?: string;
  /** A public fill link: no session, no people, relation or file fields. */
  publicToken?: string;
  phone: boolean;
  /** Remembers the data of a record picked in a relation field, for `copy` and lookups. */
  rememberPicked(fieldId: string, records: { id: string; data: FormData }[]): void;
}

export const FormScopeContext = createContext<FormScope>({
  phone: false,
  rememberPicked: () => undefined,
});

export function useFormScope(): FormScope {
  return useContext(FormScopeContext);
}
